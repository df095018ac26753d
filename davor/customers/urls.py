from django.urls import path

from davor.customers import views, views_data, views_privacy

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_new, name="new"),
    path("export/", views_data.export, name="export"),
    path("import/", views_data.import_upload, name="import"),
    path("import/<slug:token>/", views_data.import_preview_page, name="import_preview"),
    path("import/<slug:token>/run/", views_data.import_confirm, name="import_confirm"),
    path("<int:customer_id>/", views.detail, name="detail"),
    path("<int:customer_id>/edit/", views.customer_edit, name="edit"),
    path("<int:customer_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("<int:customer_id>/contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path(
        "<int:customer_id>/contacts/<int:contact_id>/privacy/",
        views_privacy.contact_privacy,
        name="contact_privacy",
    ),
    path(
        "<int:customer_id>/contacts/<int:contact_id>/privacy.json",
        views_privacy.contact_privacy_json,
        name="contact_privacy_json",
    ),
    path("<int:customer_id>/contacts/<int:contact_id>/erase/", views_privacy.contact_erase_view, name="contact_erase"),
]
