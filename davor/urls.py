from django.contrib import admin
from django.urls import include, path

from davor import api
from davor.search.views_new_call import new_call
from davor.users import views as user_views

urlpatterns = [
    path("", include("davor.agenda.urls")),
    path("", include("davor.users.urls")),
    path("customers/", include("davor.customers.urls")),
    path("calls/new/", new_call, name="new_call"),
    path("calls/", include("davor.calls.urls")),
    path("orders/", include("davor.orders.urls")),
    path("search/", include("davor.search.urls")),
    path("telephony/", include("davor.telephony.urls")),
    path("api/v1/", api.urls()),
    path("admin/", admin.site.urls),
    path("healthz", user_views.healthz, name="healthz"),
]
