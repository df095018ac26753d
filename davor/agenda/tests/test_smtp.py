"""The invitation and the digest go through a real SMTP server (aiosmtpd) and are read back."""

from datetime import date, datetime

import pytest
import time_machine
import vobject

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
