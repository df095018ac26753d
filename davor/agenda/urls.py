from django.urls import path

from davor.agenda import views

urlpatterns = [
    path("", views.today, name="today"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
]
