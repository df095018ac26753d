from django.urls import path

from davor.orders import views

app_name = "orders"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("export.xlsx", views.order_export, name="export"),
    path("<int:order_id>/", views.detail, name="detail"),
    path("<int:order_id>/confirmation.pdf", views.confirmation_pdf, name="confirmation_pdf"),
    path("<int:order_id>/confirmation/send/", views.confirmation_send, name="confirmation_send"),
    path("<int:order_id>/sendings/<int:sending_id>.pdf", views.sending_pdf, name="sending_pdf"),
    path("<int:order_id>/sendings/<int:sending_id>/posted/", views.sending_posted, name="sending_posted"),
]
