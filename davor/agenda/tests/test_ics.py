"""Every .ics is read back with vobject, a parser independent of the icalendar library that wrote it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
import vobject

from davor.agenda.ics import feed_ics, invitation_ics
from davor.agenda.models import Participant
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import appointment, task

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)


def parse(body: bytes):
    return vobject.readOne(body.decode())


def test_it_writes_an_invitation_with_every_field(meeting):
    with time_machine.travel(NOW, tick=False):
        body = invitation_ics(meeting, method="REQUEST", attendees=meeting.participants.all())
    calendar = parse(body)

    assert b"DTSTART;TZID=Europe/Berlin:20260310T140000" in body
    assert calendar.method.value == "REQUEST"
    event = calendar.vevent
    assert event.uid.value == f"{meeting.uid}@davor"
    assert event.sequence.value == "0"
    assert event.dtstart.value == datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN)
    assert event.dtend.value - event.dtstart.value == timedelta(minutes=90)
    assert event.location.value == "Werk Stuttgart"
    assert event.summary.value == "Bedarfsanalyse – Kessler Antriebstechnik GmbH"
    assert event.organizer.value == "mailto:alice@davor.example"
    # Only the participant with an e-mail address is an attendee; both are in the description.
    assert [a.value for a in event.attendee_list] == ["mailto:j.kessler@kessler-antriebe.de"]
    assert event.attendee.params["RSVP"] == ["TRUE"]
    description = event.description.value
    assert "Jens Kessler, Einkauf" in description
    assert "Petra Noack, Technik" in description
    assert "231" in description
    assert "245" in description
    assert calendar.vtimezone.tzid.value == "Europe/Berlin"


def test_it_keeps_davors_addresses_out_of_invitations(meeting):
    body = invitation_ics(meeting, method="REQUEST", attendees=meeting.participants.all())
    event = parse(body).vevent

    assert "/customers/" not in body.decode()
    assert "url" not in event.contents
    assert "Kessler Antriebstechnik GmbH" in event.description.value


def test_it_keeps_the_customer_link_in_the_sellers_own_feed(owner, meeting):
    event = parse(feed_ics(user=owner, appointments=[meeting], tasks=[])).vevent

    assert f"/customers/{meeting.customer.pk}/" in event.description.value
    assert event.url.value.endswith(f"/customers/{meeting.customer.pk}/")


def test_it_gives_an_appointment_without_duration_the_default_one(customer, settings):
    settings.DAVOR_DEFAULT_APPOINTMENT_MINUTES = 45
    row = appointment(customer, start=datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN), duration_minutes=None)

    event = parse(invitation_ics(row, method="REQUEST", attendees=[], language="en")).vevent

    assert event.dtend.value - event.dtstart.value == timedelta(minutes=45)
    assert "No duration was agreed; 45 minutes are planned." in event.description.value


def test_it_writes_english_when_asked(meeting):
    calendar = parse(invitation_ics(meeting, method="REQUEST", attendees=[], language="en"))

    assert "Jens Kessler, Einkauf, ext. 231" in calendar.vevent.description.value
    assert "Participants:" in calendar.vevent.description.value


def test_it_marks_a_cancellation(meeting):
    meeting.sequence = 3
    calendar = parse(invitation_ics(meeting, method="CANCEL", attendees=meeting.participants.all()))

    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED"
    assert calendar.vevent.sequence.value == "3"
    assert calendar.vevent.uid.value == f"{meeting.uid}@davor"


@pytest.mark.parametrize(
    ("start", "minutes", "local_end"),
    [
        # 29 March 2026: 02:00 CET becomes 03:00 CEST; 90 real minutes from 01:30 end at 04:00.
        (datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN), 90, (4, 0)),
        # 25 October 2026: 03:00 CEST becomes 02:00 CET; 120 real minutes from 01:30 end at 02:30 CET.
        (datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN), 120, (2, 30)),
    ],
)
def test_it_keeps_the_real_duration_across_daylight_saving_changes(customer, start, minutes, local_end):
    row = appointment(customer, start=start, duration_minutes=minutes)

    event = parse(invitation_ics(row, method="REQUEST", attendees=[])).vevent

    assert event.dtstart.value.astimezone(UTC) == start.astimezone(UTC)
    assert event.dtend.value.astimezone(UTC) - event.dtstart.value.astimezone(UTC) == timedelta(minutes=minutes)
    end = event.dtend.value.astimezone(BERLIN)
    assert (end.hour, end.minute) == local_end


def test_it_keeps_a_summer_appointment_at_its_wall_clock_time(customer):
    row = appointment(customer, start=datetime(2026, 7, 1, 9, 0, tzinfo=BERLIN), duration_minutes=30)

    event = parse(invitation_ics(row, method="REQUEST", attendees=[])).vevent

    assert event.dtstart.value.astimezone(UTC) == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)


def test_it_writes_a_feed_with_appointments_and_tasks(owner, meeting, customer):
    open_task = task(customer, due=datetime(2026, 3, 12).date(), title="Angebot schicken")
    cancelled = appointment(customer, start=datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN), cancelled_at=NOW)
    Participant.objects.create(appointment=cancelled, name="X")

    with time_machine.travel(NOW, tick=False):
        calendar = parse(feed_ics(user=owner, appointments=[meeting, cancelled], tasks=[open_task]))

    assert calendar.method.value == "PUBLISH"
    events = {event.uid.value: event for event in calendar.vevent_list}
    assert events[f"{meeting.uid}@davor"].location.value == "Werk Stuttgart"
    assert "ATTENDEE" in str(events[f"{meeting.uid}@davor"].contents).upper()
    assert events[f"{cancelled.uid}@davor"].status.value == "CANCELLED"
    todo = events[f"task-{open_task.pk}@davor"]
    assert todo.dtstart.value == open_task.due
    assert "Angebot schicken" in todo.summary.value
