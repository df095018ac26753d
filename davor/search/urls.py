from django.urls import path

from davor.search import views

urlpatterns = [path("", views.results, name="search")]
