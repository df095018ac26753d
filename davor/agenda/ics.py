"""Appointments and tasks as iCalendar: invitations (REQUEST, CANCEL) and the subscription feed.

One UID per appointment everywhere (invitation, feed, CalDAV), so that a
calendar recognises an update or a cancellation as the same event; it takes
the change only with a higher SEQUENCE. Links into Davor go only into the
seller's own calendar (feed, CalDAV): an invitation leaves the house.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from davor.agenda.models import Appointment, Participant, Task
from davor.users.models import User

PRODID = "-//Davor//Agenda//DE"


def appointment_uid(appointment: Appointment) -> str:
    return f"{appointment.uid}@davor"


def task_uid(task: Task) -> str:
    return f"task-{task.pk}@davor"


def customer_link(appointment: Appointment | Task) -> str:
    return f"{settings.DAVOR_BASE_URL}{appointment.customer.get_absolute_url()}"


def invitation_ics(
    appointment: Appointment, *, method: str, attendees: Iterable[Participant], language: str = "de"
) -> bytes:
    """One event with METHOD (REQUEST or CANCEL) for mailing to ``attendees``: without links into Davor."""
    calendar = _calendar(method=method)
    with translation.override(language):
        event = appointment_event(appointment, attendees=attendees, links=False)
    if method == "CANCEL":
        event["STATUS"] = "CANCELLED"
    calendar.add_component(event)
    return _finish(calendar)


def feed_ics(*, user: User, appointments: Iterable[Appointment], tasks: Iterable[Task]) -> bytes:
    """The user's subscription feed: appointments (cancelled ones marked so) and open tasks as all-day events."""
    calendar = _calendar(method="PUBLISH")
    name = user.get_full_name() or user.username
    with translation.override(user.language or settings.LANGUAGE_CODE):
        calendar.add("X-WR-CALNAME", f"Davor – {name}")
        for appointment in appointments:
            event = appointment_event(appointment, attendees=appointment.participants.all(), rsvp=False)
            if appointment.cancelled_at:
                event["STATUS"] = "CANCELLED"
            calendar.add_component(event)
        for task in tasks:
            calendar.add_component(task_event(task))
    return _finish(calendar)


def appointment_event(
    appointment: Appointment, *, attendees: Iterable[Participant], rsvp: bool = True, links: bool = True
) -> Event:
    """The appointment as a VEVENT, in the active language, times in the local zone with its VTIMEZONE.

    ``links`` adds the customer's page in Davor: for the seller's own calendar only.
    """
    zone = timezone.get_current_timezone()
    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _ical_time(appointment.start, zone))
    event.add("dtend", _ical_time(planned_end(appointment), zone))
    event.add("summary", _summary(appointment))
    if appointment.location:
        event.add("location", appointment.location)
    event.add("description", _description(appointment, links=links))
    if links:
        event.add("url", customer_link(appointment))
    owner = appointment.owner
    if owner.email:
        organizer = vCalAddress(f"mailto:{owner.email}")
        organizer.params["cn"] = vText(owner.get_full_name() or owner.username)
        event["organizer"] = organizer
    for person in attendees:
        email = person.contact.email if person.contact else ""
        if not email:
            continue
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        if rsvp:
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    return event


def _ical_time(moment: datetime, zone) -> datetime:
    """Local time with TZID, except in the hour that occurs twice in autumn: RFC 5545 reads such a
    local time as its first occurrence, so the second one is written in UTC to stay exact."""
    local = moment.astimezone(zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def task_event(task: Task) -> Event:
    """An open task as an all-day event on its due day."""
    assert task.due is not None
    event = Event()
    event.add("uid", task_uid(task))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", task.due)
    event.add("dtend", task.due + timedelta(days=1))
    event.add("summary", task.summary)
    event.add("description", f"{task.customer.name}\n{customer_link(task)}")
    event.add("url", customer_link(task))
    event.add("transp", "TRANSPARENT")
    return event


def planned_end(appointment: Appointment) -> datetime:
    """The end as agreed, or after the default duration when none was agreed."""
    if appointment.end is not None:
        return appointment.end
    return appointment.start.astimezone(UTC) + timedelta(minutes=settings.DAVOR_DEFAULT_APPOINTMENT_MINUTES)


def duration_note(appointment: Appointment) -> str:
    """Says that the end is the default's, not agreed; empty when a duration was agreed."""
    if appointment.duration_minutes:
        return ""
    return _("No duration was agreed; %(minutes)s minutes are planned.") % {
        "minutes": settings.DAVOR_DEFAULT_APPOINTMENT_MINUTES
    }


def participant_line(person: Participant) -> str:
    parts = [person.name]
    if person.position:
        parts.append(person.position)
    if person.extension:
        parts.append(_("ext. %(extension)s") % {"extension": person.extension})
    return ", ".join(parts)


def when_text(appointment: Appointment) -> str:
    """ "04.03.2026 14:00–15:30" in local time, for mail bodies (the default duration's end if none was agreed)."""
    start = timezone.localtime(appointment.start)
    return f"{start:%d.%m.%Y %H:%M}–{timezone.localtime(planned_end(appointment)):%H:%M}"


def _summary(appointment: Appointment) -> str:
    subject = appointment.title or _("Appointment")
    return f"{subject} – {appointment.customer.name}"


def _description(appointment: Appointment, *, links: bool) -> str:
    lines = []
    note = duration_note(appointment)
    if note:
        lines += [note, ""]
    people = list(appointment.participants.all())
    if people:
        lines.append(_("Participants:"))
        lines += [f"- {participant_line(person)}" for person in people]
        lines.append("")
    seller = appointment.owner.get_full_name() or appointment.owner.username
    lines.append(_("Your contact at our company: %(seller)s") % {"seller": seller})
    lines.append(_("Customer: %(customer)s") % {"customer": appointment.customer.name})
    if links:
        lines.append(customer_link(appointment))
    return "\n".join(lines)


def _calendar(*, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _finish(calendar: Calendar) -> bytes:
    add_timezones(calendar)
    return calendar.to_ical()


def add_timezones(calendar: Calendar) -> None:
    """VTIMEZONE for the zones used, covering only the years the events span (keeps the feed small)."""
    days = [as_date(event.decoded("dtstart")) for event in calendar.walk("VEVENT")]
    today = timezone.localdate()
    first, last = min([*days, today]), max([*days, today])
    calendar.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last + timedelta(days=731))


def as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
