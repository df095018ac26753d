from django.urls import path

from davor.telephony import views

app_name = "telephony"
urlpatterns = [
    path("pop/", views.pop, name="pop"),
    path("<int:phone_call_id>/dismiss/", views.dismiss, name="dismiss"),
]
