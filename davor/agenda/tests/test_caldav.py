"""Pushing appointments to a real Radicale CalDAV server started by the test, and reading them back."""

from datetime import datetime

import caldav
import pytest
import vobject
from django.utils import translation

from davor.agenda.caldav_push import CalendarPushError
from davor.agenda.models import CalendarAccount
from davor.agenda.services import appointment_cancel, appointment_update, caldav_connect
from davor.agenda.services.reminders import reminders_run
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def calendar_url(radicale):
    with caldav.DAVClient(url=radicale, username="alice", password="app-secret") as client:
        client.principal().make_calendar(name="Davor", cal_id="davor")
    return f"{radicale}/alice/davor/"


def read_back(calendar_url, meeting):
    with caldav.DAVClient(url=calendar_url, username="alice", password="app-secret") as client:
        event = client.calendar(url=calendar_url).get_event_by_uid(f"{meeting.uid}@davor")
        return vobject.readOne(event.data).vevent


def test_it_connects_and_the_worker_pushes_the_appointment(owner, meeting, calendar_url):
    account = caldav_connect(user=owner, url=calendar_url, username="alice", password="app-secret")

    assert account.caldav_password_encrypted and "app-secret" not in account.caldav_password_encrypted
    assert reminders_run(now=datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN))["calendar_pushes"] == 1
    event = read_back(calendar_url, meeting)
    assert event.location.value == "Werk Stuttgart"
    assert event.dtstart.value == datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN)
    # Pushed once: a second run finds the key.
    assert reminders_run(now=datetime(2026, 3, 4, 9, 1, tzinfo=BERLIN))["calendar_pushes"] == 0


def test_it_updates_and_deletes_the_event(owner, meeting, calendar_url):
    caldav_connect(user=owner, url=calendar_url, username="alice", password="app-secret")

    appointment_update(
        user=owner,
        appointment=meeting,
        start=datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN),
        end=datetime(2026, 3, 11, 10, 0, tzinfo=BERLIN),
        location="Showroom",
        title="Bedarfsanalyse",
    )
    event = read_back(calendar_url, meeting)
    assert (event.location.value, event.sequence.value) == ("Showroom", "1")

    appointment_cancel(user=owner, appointment=meeting)
    with pytest.raises(caldav.lib.error.NotFoundError):
        read_back(calendar_url, meeting)


def test_it_says_clearly_when_the_server_refuses_the_password(owner, calendar_url):
    # Outside a request the language is whatever the thread had last: fix it.
    with translation.override("en"), pytest.raises(CalendarPushError, match="refused the user name or app password"):
        caldav_connect(user=owner, url=calendar_url, username="alice", password="wrong")

    assert not CalendarAccount.objects.filter(user=owner).exclude(caldav_url="").exists()


def test_it_shows_the_refusal_on_the_calendar_page(owner_client, calendar_url):
    response = owner_client.post("/calendar/caldav/", {"url": calendar_url, "username": "alice", "password": "nope"})

    assert response.status_code == 400
    assert "Der Kalenderserver hat Benutzername oder App-Passwort abgelehnt." in response.content.decode()


def test_it_keeps_the_appointment_when_the_server_is_unreachable(owner_client, owner, meeting, calendar_url):
    caldav_connect(user=owner, url=calendar_url, username="alice", password="app-secret")
    CalendarAccount.objects.filter(user=owner).update(caldav_url=f"http://127.0.0.1:{free_port()}/alice/davor/")

    response = owner_client.post(
        f"/appointments/{meeting.pk}/", {"start": "2026-03-11T10:00", "end": "2026-03-11T11:00", "location": "Neu"}
    )

    assert response.status_code == 400
    assert "Der Kalenderserver ist nicht erreichbar" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.location, meeting.sequence) == ("Werk Stuttgart", 0)
