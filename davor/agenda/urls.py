from django.urls import path

from davor.agenda import views, views_calendar, views_week

urlpatterns = [
    path("", views.today, name="today"),
    path("agenda/", views_week.week, name="agenda_week"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("tasks/<int:task_id>/reopen/", views.task_reopen, name="task_reopen"),
    path("tasks/<int:task_id>/message/", views_calendar.care_message, name="care_message"),
    path("appointments/<int:appointment_id>/", views_calendar.appointment_detail, name="appointment_detail"),
    path("appointments/<int:appointment_id>/invite/", views_calendar.appointment_invite, name="appointment_invite"),
    path("appointments/<int:appointment_id>/cancel/", views_calendar.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:appointment_id>/ics/", views_calendar.appointment_ics, name="appointment_ics"),
    path("calendar/", views_calendar.calendar_page, name="calendar_settings"),
    path("calendar/feed/reset/", views_calendar.feed_reset, name="calendar_feed_reset"),
    path("calendar/caldav/", views_calendar.caldav_connect, name="calendar_caldav"),
    path("calendar/caldav/disconnect/", views_calendar.caldav_disconnect, name="calendar_caldav_disconnect"),
    path("calendar/feed/<str:token>.ics", views_calendar.feed, name="calendar_feed"),
]
