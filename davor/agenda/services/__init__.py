"""Writes of appointments, tasks, calendars and reminders. Each function is one transaction."""

from davor.agenda.services.appointments import appointment_cancel, appointment_invite, appointment_update
from davor.agenda.services.calendar import (
    appointment_push,
    caldav_connect,
    caldav_disconnect,
    calendar_account_for,
    feed_token_reset,
)
from davor.agenda.services.care import care_message_compose, care_message_preview, care_message_send
from davor.agenda.services.tasks import task_mark_done, task_reopen

__all__ = [
    "appointment_cancel",
    "appointment_invite",
    "appointment_push",
    "appointment_update",
    "caldav_connect",
    "caldav_disconnect",
    "calendar_account_for",
    "care_message_compose",
    "care_message_preview",
    "care_message_send",
    "feed_token_reset",
    "task_mark_done",
    "task_reopen",
]
