from datetime import datetime

import pytest
import time_machine
import vobject
from django.core import mail

from davor.agenda.tests.conftest import BERLIN

pytestmark = pytest.mark.django_db(transaction=True)
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def url(meeting, action=""):
    return f"/appointments/{meeting.pk}/{action}"


def ics_of(message) -> vobject.base.Component:
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    return vobject.readOne(content.decode() if isinstance(content, bytes) else content)


def test_it_shows_the_appointment(owner_client, meeting):
    response = owner_client.get(url(meeting))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Werk Stuttgart" in body
    assert "j.kessler@kessler-antriebe.de" in body


def test_it_moves_the_appointment_and_raises_the_sequence(owner_client, meeting):
    response = owner_client.post(
        url(meeting), {"start": "2026-03-11T10:00", "end": "2026-03-11T11:00", "location": "Showroom", "title": "X"}
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.start == datetime(2026, 3, 11, 10, 0, tzinfo=BERLIN)
    assert (meeting.duration_minutes, meeting.location, meeting.sequence) == (60, "Showroom", 1)


def test_it_refuses_an_end_before_the_start_and_keeps_the_appointment(owner_client, meeting):
    response = owner_client.post(
        url(meeting), {"start": "2026-03-11T10:00", "end": "2026-03-11T09:00", "location": "Anderswo"}
    )

    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.location, meeting.sequence, meeting.duration_minutes) == ("Werk Stuttgart", 0, 90)


def test_it_sends_the_invitation_with_a_request(owner_client, meeting):
    jens = meeting.participants.get(name="Jens Kessler")

    response = owner_client.post(url(meeting, "invite/"), {"participant": [jens.pk]})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["j.kessler@kessler-antriebe.de"]
    assert message.reply_to == ["alice@davor.example"]
    calendar = ics_of(message)
    assert calendar.method.value == "REQUEST"
    assert calendar.vevent.uid.value == f"{meeting.uid}@davor"
    jens.refresh_from_db()
    assert jens.invited_at == NOW


def test_it_refuses_to_invite_someone_without_an_e_mail_address(owner_client, meeting):
    people = list(meeting.participants.values_list("pk", flat=True))

    response = owner_client.post(url(meeting, "invite/"), {"participant": people}, follow=True)

    assert "Petra Noack" in response.content.decode()
    assert mail.outbox == []
    assert not meeting.participants.filter(invited_at__isnull=False).exists()


def test_it_tells_the_invited_about_a_change(owner_client, meeting):
    jens = meeting.participants.get(name="Jens Kessler")
    owner_client.post(url(meeting, "invite/"), {"participant": [jens.pk]})

    owner_client.post(
        url(meeting), {"start": "2026-03-12T10:00", "end": "2026-03-12T11:00", "location": "Werk", "notify": "on"}
    )

    assert len(mail.outbox) == 2
    calendar = ics_of(mail.outbox[1])
    assert calendar.method.value == "REQUEST"
    assert calendar.vevent.sequence.value == "1"


def test_it_cancels_and_sends_a_cancel_to_the_invited(owner_client, meeting):
    jens = meeting.participants.get(name="Jens Kessler")
    owner_client.post(url(meeting, "invite/"), {"participant": [jens.pk]})

    response = owner_client.post(url(meeting, "cancel/"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at == NOW
    assert meeting.sequence == 1
    calendar = ics_of(mail.outbox[-1])
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED"
    assert mail.outbox[-1].to == ["j.kessler@kessler-antriebe.de"]


def test_it_serves_the_ics(owner_client, meeting):
    response = owner_client.get(url(meeting, "ics/"))

    assert response["Content-Type"].startswith("text/calendar")
    assert vobject.readOne(response.content.decode()).vevent.location.value == "Werk Stuttgart"


@pytest.mark.parametrize(
    ("method", "action"), [("get", ""), ("post", ""), ("post", "invite/"), ("post", "cancel/"), ("get", "ics/")]
)
def test_it_returns_404_to_outsider_and_teammate(client, outsider, teammate, meeting, method, action):
    for user in (outsider, teammate):
        client.force_login(user)
        assert getattr(client, method)(url(meeting, action)).status_code == 404
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None


@pytest.mark.parametrize("action", ["invite/", "cancel/"])
def test_it_refuses_get_on_actions(owner_client, meeting, action):
    assert owner_client.get(url(meeting, action)).status_code == 405


def test_it_refuses_a_stale_save_and_lets_the_second_save_through(owner_client, teammate, meeting):
    form = {"start": "2026-03-11T10:00", "end": "2026-03-11T11:00", "location": "Halle 2", "version": 1}
    assert owner_client.post(url(meeting), form).status_code == 302

    response = owner_client.post(url(meeting), {**form, "location": "Showroom"})

    assert response.status_code == 409
    body = response.content.decode()
    assert "Nicht gespeichert" in body and "inzwischen geändert" in body
    assert 'name="version" value="2"' in body
    meeting.refresh_from_db()
    assert (meeting.location, meeting.version) == ("Halle 2", 2)
    assert owner_client.post(url(meeting), {**form, "location": "Showroom", "version": 2}).status_code == 302


@pytest.mark.parametrize(
    "form",
    [
        {"start": "9999-12-31T22:00"},
        {"start": "0001-01-01T00:00"},
        {"start": "2026-03-11T10:00", "end": "9999-12-31T23:00"},
        {"start": "2026-03-11T10:00", "title": "Termin\r\nBcc: alle@example.com"},
    ],
)
def test_it_refuses_times_and_subjects_out_of_bounds(owner_client, meeting, form):
    response = owner_client.post(url(meeting), {"location": "Werk Stuttgart", "version": 1, **form})

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert (meeting.start, meeting.title, meeting.version) == (
        datetime(2026, 3, 10, 14, 0, tzinfo=BERLIN),
        "Bedarfsanalyse",
        1,
    )
    assert owner_client.get(url(meeting)).status_code == 200
    assert owner_client.get(url(meeting, "ics/")).status_code == 200


def test_the_admin_refuses_a_stale_save(admin_client, meeting):
    page = admin_client.get(f"/admin/agenda/appointment/{meeting.pk}/change/")
    assert 'name="seen_version" value="1"' in page.content.decode()
    meeting_form = {
        "customer": meeting.customer_id,
        "owner": meeting.owner_id,
        "title": "Neu",
        "location": "Werk",
        "start_0": "11.03.2026",
        "start_1": "10:00:00",
        "duration_minutes": 60,
        "seen_version": 1,
        "participants-TOTAL_FORMS": 0,
        "participants-INITIAL_FORMS": 0,
    }
    type(meeting).objects.filter(pk=meeting.pk).update(version=2)

    response = admin_client.post(f"/admin/agenda/appointment/{meeting.pk}/change/", meeting_form)

    assert response.status_code == 200  # the form again, with the refusal
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Bedarfsanalyse", 2)
    form = {**meeting_form, "seen_version": 2}
    assert admin_client.post(f"/admin/agenda/appointment/{meeting.pk}/change/", form).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Neu", 3)
