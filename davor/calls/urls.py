from django.urls import path

from davor.calls import views

app_name = "calls"
urlpatterns = [
    path("new/<int:customer_id>/", views.record, name="record"),
    path("<int:call_id>/", views.detail, name="detail"),
    path("<int:call_id>/edit/", views.edit, name="edit"),
]
# Each action of the wrap-up screen has its own address; only the screen's own address saves.
for _action in views.ACTIONS:
    urlpatterns += [
        path(f"new/<int:customer_id>/{_action}/", views.record, {"action": _action}, name=f"record_{_action}"),
        path(f"<int:call_id>/edit/{_action}/", views.edit, {"action": _action}, name=f"edit_{_action}"),
    ]
