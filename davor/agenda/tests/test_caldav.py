"""Pushing appointments to a real Radicale CalDAV server started by the test, and reading them back."""

import socket
import threading
import time
from datetime import datetime

import caldav
import pytest
import vobject
from django.db import connections, transaction
from django.utils import translation

from davor.agenda import caldav_push
from davor.agenda.caldav_push import CalendarPushError
from davor.agenda.models import CalendarAccount
from davor.agenda.services import appointment_cancel, appointment_update, caldav_connect
from davor.agenda.services.reminders import reminders_run
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.servers import free_port
from davor.customers.models import Customer
from davor.lib.outbound import GENERIC

with translation.override("de"):
    GENERIC_DE = str(GENERIC)
with translation.override("en"):
    GENERIC_EN = str(GENERIC)

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


def test_it_saves_the_appointment_and_notes_an_unreachable_server(owner_client, owner, meeting, calendar_url):
    caldav_connect(user=owner, url=calendar_url, username="alice", password="app-secret")
    CalendarAccount.objects.filter(user=owner).update(caldav_url=f"http://127.0.0.1:{free_port()}/alice/davor/")

    response = owner_client.post(
        f"/appointments/{meeting.pk}/",
        {"start": "2026-03-11T10:00", "end": "2026-03-11T11:00", "location": "Neu", "version": 1},
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.location, meeting.sequence, meeting.version) == ("Neu", 1, 2)
    assert CalendarAccount.objects.get(user=owner).caldav_error == str(GENERIC_DE)
    # The worker pushes it once the server is back.
    CalendarAccount.objects.filter(user=owner).update(caldav_url=calendar_url)
    assert reminders_run(now=datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN))["calendar_pushes"] == 1
    assert read_back(calendar_url, meeting).location.value == "Neu"


@pytest.fixture
def silent_server(settings):
    """A TCP server that accepts connections and never answers."""
    settings.DAVOR_OUTBOUND_ALLOW_HOSTS = ["127.0.0.1"]
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"http://127.0.0.1:{server.getsockname()[1]}/alice/davor/"


def test_a_silent_calendar_server_never_holds_the_database(owner, customer, silent_server, monkeypatch):
    monkeypatch.setattr(caldav_push, "TIMEOUT_SECONDS", 3)
    errors: list[Exception] = []

    def connect() -> None:
        try:
            caldav_connect(user=owner, url=silent_server, username="alice", password="app-secret")
        except CalendarPushError as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=connect)
    thread.start()
    time.sleep(0.5)  # the check is now waiting for the server
    started = time.monotonic()
    with transaction.atomic():
        Customer.objects.filter(pk=customer.pk).update(name="Kessler AG")
    waited = time.monotonic() - started
    thread.join()

    assert waited < 1, f"a save waited {waited:.1f} s for the calendar check"
    assert len(errors) == 1 and str(errors[0]) in {str(GENERIC_DE), str(GENERIC_EN)}
    assert not CalendarAccount.objects.filter(user=owner).exclude(caldav_url="").exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/alice/davor/",
        "http://localhost:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8:5432/",
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "ftp://calendar.example.com/",
    ],
)
def test_it_refuses_addresses_inside_without_telling_why(owner_client, owner, radicale, settings, url):
    settings.DAVOR_OUTBOUND_ALLOW_HOSTS = []
    port = radicale.rsplit(":", 1)[1]

    response = owner_client.post(
        "/calendar/caldav/", {"url": url.format(port=port), "username": "alice", "password": "app-secret"}
    )

    assert response.status_code == 400
    assert str(GENERIC_DE) in response.content.decode()
    assert not CalendarAccount.objects.filter(user=owner).exclude(caldav_url="").exists()


def test_a_closed_port_and_a_missing_calendar_read_the_same(owner, radicale):
    with translation.override("en"):
        with pytest.raises(CalendarPushError) as closed:
            caldav_connect(user=owner, url=f"http://127.0.0.1:{free_port()}/", username="alice", password="x")
        with pytest.raises(CalendarPushError) as missing:
            caldav_connect(user=owner, url=f"{radicale}/alice/nothing/", username="alice", password="app-secret")

    assert str(closed.value) == str(missing.value) == str(GENERIC_EN)
