from django.urls import path

from davor.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_new, name="new"),
    path("<int:customer_id>/", views.detail, name="detail"),
    path("<int:customer_id>/edit/", views.customer_edit, name="edit"),
    path("<int:customer_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("<int:customer_id>/contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
]
