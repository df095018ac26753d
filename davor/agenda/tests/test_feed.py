from datetime import date, datetime

import pytest
import time_machine
import vobject

from davor.agenda.services import calendar_account_for
from davor.agenda.tests.conftest import BERLIN
from davor.agenda.tests.factories import task

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_serves_the_feed_without_login(client, owner, meeting, customer):
    task(customer, due=date(2026, 3, 6), title="Angebot schicken")
    task(customer, due=date(2026, 3, 6), title="Erledigt", done_at=NOW)
    token = calendar_account_for(user=owner).feed_token

    response = client.get(f"/calendar/feed/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = vobject.readOne(response.content.decode())
    summaries = sorted(event.summary.value for event in calendar.vevent_list)
    assert summaries == ["Bedarfsanalyse – Kessler Antriebstechnik GmbH", "Unsere Zusage: Angebot schicken"] or (
        summaries == ["Bedarfsanalyse – Kessler Antriebstechnik GmbH", "Our promise: Angebot schicken"]
    )


def test_it_shows_nobody_elses_appointments(client, outsider, meeting):
    token = calendar_account_for(user=outsider).feed_token

    body = client.get(f"/calendar/feed/{token}.ics").content.decode()

    assert "VEVENT" not in body


def test_it_stops_serving_a_revoked_address(owner_client, client, owner):
    old = calendar_account_for(user=owner).feed_token

    owner_client.post("/calendar/feed/reset/")

    new = calendar_account_for(user=owner).feed_token
    assert new != old
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new}.ics").status_code == 200


def test_it_answers_404_to_a_guessed_token(client, owner):
    calendar_account_for(user=owner)

    assert client.get("/calendar/feed/guessed.ics").status_code == 404


def test_it_shows_the_feed_address_on_the_calendar_page(owner_client, owner):
    response = owner_client.get("/calendar/")

    assert calendar_account_for(user=owner).feed_token in response.content.decode()


def test_it_links_the_calendar_page_from_today(owner_client):
    assert 'href="/calendar/"' in owner_client.get("/").content.decode()


def test_it_needs_a_login_for_the_calendar_page(client):
    assert client.get("/calendar/").status_code == 302
    assert client.post("/calendar/feed/reset/").status_code == 302


def test_the_log_never_holds_a_feed_token(client, owner, caplog):
    token = calendar_account_for(user=owner).feed_token

    assert client.get(f"/calendar/feed/{token}x.ics").status_code == 404

    assert "/calendar/feed/" in caplog.text
    assert token not in caplog.text
