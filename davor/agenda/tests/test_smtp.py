"""The invitation and the digest go through a real SMTP server (aiosmtpd) and are read back."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
import vobject
from icalendar import Calendar

from davor.agenda.services import appointment_invite
from davor.agenda.services.reminders import reminders_run
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import task

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_delivers_the_invitation(smtp, owner, meeting):
    jens = meeting.participants.get(name="Jens Kessler")

    appointment_invite(user=owner, appointment=meeting, participant_ids=[jens.pk])

    (message,) = smtp.messages
    assert message["To"] == "j.kessler@kessler-antriebe.de"
    assert "Bedarfsanalyse" in message["Subject"]
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert parts[0].get_param("method") == "REQUEST"
    calendar = vobject.readOne(parts[0].get_content())
    assert calendar.vevent.uid.value == f"{meeting.uid}@davor"
    assert calendar.vevent.organizer.value == "mailto:alice@davor.example"


def _invitation(message) -> Calendar:
    (part,) = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content())


def test_it_sends_customers_no_link_into_davor(smtp, owner, meeting, settings):
    settings.DAVOR_BASE_URL = "https://davor.intern.example"
    jens = meeting.participants.get(name="Jens Kessler")

    appointment_invite(user=owner, appointment=meeting, participant_ids=[jens.pk])

    (message,) = smtp.messages
    assert "davor.intern.example" not in message.as_string()
    (event,) = _invitation(message).walk("VEVENT")
    assert "URL" not in event
    assert "/customers/" not in str(event["DESCRIPTION"])


def test_it_invites_with_the_default_duration_and_says_so(smtp, owner, customer, meeting, settings):
    settings.DAVOR_DEFAULT_APPOINTMENT_MINUTES = 30
    customer.language = "en"
    customer.save(update_fields=["language"])
    meeting.duration_minutes = None
    meeting.save(update_fields=["duration_minutes"])
    jens = meeting.participants.get(name="Jens Kessler")

    appointment_invite(user=owner, appointment=meeting, participant_ids=[jens.pk])

    (message,) = smtp.messages
    (event,) = _invitation(message).walk("VEVENT")
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)
    body = message.get_body(("plain",)).get_content()
    assert "10.03.2026 14:00–14:30" in body
    assert "No duration was agreed; 30 minutes are planned." in body


def test_it_delivers_the_morning_digest(smtp, owner, customer, meeting):
    task(customer, due=date(2026, 3, 10), title="Muster schicken")

    with time_machine.travel(datetime(2026, 3, 10, 7, 5, tzinfo=BERLIN), tick=False):
        reminders_run(now=datetime(2026, 3, 10, 7, 5, tzinfo=BERLIN))

    (message,) = smtp.messages
    assert message["To"] == "alice@davor.example"
    body = message.get_content()
    assert "Muster schicken" in body
    assert "14:00 Kessler Antriebstechnik GmbH" in body


def test_a_line_break_stored_in_the_subject_stays_out_of_the_header(smtp, owner, meeting):
    type(meeting).objects.filter(pk=meeting.pk).update(title="Bedarfsanalyse\r\nBcc: alle@example.com")
    meeting.refresh_from_db()
    jens = meeting.participants.get(name="Jens Kessler")

    appointment_invite(user=owner, appointment=meeting, participant_ids=[jens.pk])

    (message,) = smtp.messages
    assert "Bedarfsanalyse Bcc: alle@example.com" in message["Subject"]
    assert message["Bcc"] is None


def test_a_refused_invitation_marks_nobody_invited(settings, owner, meeting):
    from smtplib import SMTPException

    from davor.agenda.tests.servers import free_port

    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    jens = meeting.participants.get(name="Jens Kessler")

    with pytest.raises((SMTPException, OSError)):
        appointment_invite(user=owner, appointment=meeting, participant_ids=[jens.pk])

    jens.refresh_from_db()
    assert jens.invited_at is None
