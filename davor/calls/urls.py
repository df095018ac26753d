from django.urls import path

from davor.calls import views

app_name = "calls"
urlpatterns = [
    path("new/", views.new, name="new"),
    path("<int:call_id>/", views.detail, name="detail"),
    path("<int:call_id>/edit/", views.edit, name="edit"),
]
