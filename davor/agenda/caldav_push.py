"""Writing appointments into a user's own CalDAV calendar (Nextcloud, iCloud, Fastmail, Radicale…).

Events go without attendees: the customer gets Davor's invitation mail, and
a scheduling server (Nextcloud) would otherwise send a second one.
"""

import contextlib

import caldav
from caldav.lib import error as dav_error
from django.utils.translation import gettext as _
from icalendar import Calendar

from davor.agenda.ics import PRODID, add_timezones, appointment_event, appointment_uid
from davor.agenda.models import Appointment
from davor.lib.outbound import GENERIC, OutboundRefused, url_check

TIMEOUT_SECONDS = 10


class CalendarPushError(Exception):
    """The calendar server could not be reached or refused; the message says which, for the seller."""


def caldav_check(*, url: str, username: str, password: str) -> None:
    """Raise CalendarPushError unless ``url`` is a calendar these credentials may read."""
    with _Calendar(url, username, password) as calendar:
        _guarded(lambda: calendar.get_display_name())


def caldav_put(*, url: str, username: str, password: str, appointment: Appointment) -> None:
    """Create or replace the appointment's event (same UID), or delete it when cancelled."""
    if appointment.cancelled_at is not None:
        caldav_delete(url=url, username=username, password=password, appointment=appointment)
        return
    ical = _event_ics(appointment)
    with _Calendar(url, username, password) as calendar:
        _guarded(lambda: calendar.add_event(ical, increase_seqno=False))


def caldav_delete(*, url: str, username: str, password: str, appointment: Appointment) -> None:
    with _Calendar(url, username, password) as calendar:

        def delete() -> None:
            # Never pushed, or deleted by hand: the result is the same.
            with contextlib.suppress(dav_error.NotFoundError):
                calendar.get_event_by_uid(appointment_uid(appointment)).delete()

        _guarded(delete)


def _event_ics(appointment: Appointment) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add_component(appointment_event(appointment, attendees=[]))
    add_timezones(calendar)
    return calendar.to_ical().decode()


class _Calendar:
    def __init__(self, url: str, username: str, password: str) -> None:
        try:
            url_check(url)
        except OutboundRefused as error:
            raise CalendarPushError(str(GENERIC)) from error
        self.client = caldav.DAVClient(  # type: ignore[operator]
            url=url, username=username or None, password=password or None, timeout=TIMEOUT_SECONDS
        )
        self.url = url

    def __enter__(self):
        return self.client.calendar(url=self.url)

    def __exit__(self, *exc) -> None:
        self.client.close()


def _guarded(action):
    """Run ``action``; a refused password says so, every other failure reads the same (see davor.lib.outbound)."""
    try:
        return action()
    except dav_error.AuthorizationError as error:
        raise CalendarPushError(_("The calendar server refused the user name or app password.")) from error
    except Exception as error:  # no calendar, refused, connection refused, DNS, TLS, timeout
        raise CalendarPushError(str(GENERIC)) from error
