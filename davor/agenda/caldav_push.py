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
        self.client = caldav.DAVClient(  # type: ignore[operator]
            url=url, username=username or None, password=password or None, timeout=TIMEOUT_SECONDS
        )
        self.url = url

    def __enter__(self):
        return self.client.calendar(url=self.url)

    def __exit__(self, *exc) -> None:
        self.client.close()


def _guarded(action):
    try:
        return action()
    except dav_error.AuthorizationError as error:
        raise CalendarPushError(_("The calendar server refused the user name or app password.")) from error
    except dav_error.NotFoundError as error:
        raise CalendarPushError(_("There is no calendar at this address.")) from error
    except dav_error.DAVError as error:
        raise CalendarPushError(_("The calendar server refused the change: %(reason)s") % {"reason": error}) from error
    except Exception as error:  # connection refused, DNS, TLS, timeout: whatever the HTTP stack raises
        raise CalendarPushError(
            _("The calendar server could not be reached: %(reason)s") % {"reason": error}
        ) from error
