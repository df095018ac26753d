from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from davor.agenda.models import Task
from davor.agenda.selectors import today_for_user
from davor.agenda.tests.factories import appointment, call, task
from davor.customers.models import Customer

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 4)
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_frozen")]


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_lists_overdue_before_today_and_leaves_out_the_future(owner_client, customer):
    task(customer, due=TODAY, title="Muster heute schicken")
    task(customer, due=TODAY - timedelta(days=2), title="Angebot längst fällig")
    task(customer, due=TODAY + timedelta(days=1), title="Erst morgen")
    task(customer, due=None, title="Irgendwann")

    response = owner_client.get("/")

    assert response.status_code == 200
    agenda = response.context["agenda"]
    assert [t.title for t in agenda.overdue] == ["Angebot längst fällig"]
    assert [t.title for t in agenda.due_today] == ["Muster heute schicken"]
    body = response.content.decode()
    assert body.index("Angebot längst fällig") < body.index("Muster heute schicken")
    assert "Erst morgen" not in body
    assert "Irgendwann" not in body


def test_it_marks_overdue_rows(owner_client, customer):
    task(customer, due=TODAY - timedelta(days=1), title="Rückruf zugesagt")

    response = owner_client.get("/")

    assert 'class="overdue"' in response.content.decode()


def test_it_hides_done_tasks(owner_client, customer, owner):
    task(customer, due=TODAY, title="Schon erledigt", done_at=NOW, done_by=owner)

    response = owner_client.get("/")

    assert "Schon erledigt" not in response.content.decode()


def test_it_lists_care_touches_apart(owner_client, customer):
    task(customer, due=TODAY, kind=Task.Kind.CARE, title="Danke sagen", channel="sms")

    agenda = owner_client.get("/").context["agenda"]

    assert [t.title for t in agenda.care] == ["Danke sagen"]
    assert agenda.tasks == []


def test_it_links_each_task_to_its_customer_with_a_done_form(owner_client, customer):
    row = task(customer, due=TODAY)

    body = owner_client.get("/").content.decode()

    assert f'href="/customers/{customer.pk}/"' in body
    assert f'action="/tasks/{row.pk}/done/"' in body
    assert 'class="done"' in body
    assert "data-done-form" in body


def test_it_shows_todays_appointments_with_participants(owner_client, customer):
    appointment(
        customer,
        start=datetime(2026, 3, 4, 14, 0, tzinfo=BERLIN),
        duration_minutes=90,
        location="Werk Stuttgart",
        participants=[("Jens Kessler", "Einkauf", "231")],
    )
    appointment(customer, start=datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN), location="Morgen")

    response = owner_client.get("/")

    body = response.content.decode()
    assert "Werk Stuttgart" in body
    assert "14:00–15:30" in body
    assert "Jens Kessler, Einkauf" in body
    assert "231" in body
    assert "Morgen" not in body


def test_it_lists_incomplete_wrapups_with_the_number_missing(owner_client, customer):
    open_call = call(customer, started_at=NOW - timedelta(hours=1), missing=["order.payment", "care"])
    call(customer, started_at=NOW - timedelta(hours=2), missing=[])

    response = owner_client.get("/")

    assert response.context["agenda"].open_wrapups == [open_call]
    body = response.content.decode()
    assert f'href="/calls/{open_call.pk}/edit/"' in body
    assert "2 Punkte fehlen" in body


def test_it_shows_only_the_users_own_agenda(client, customer, teammate, manager):
    task(customer, due=TODAY, title="Nur für Alice")
    call(customer, started_at=NOW, missing=["care"])

    for user in (teammate, manager):
        client.force_login(user)
        agenda = client.get("/").context["agenda"]
        assert agenda.is_empty


def test_it_leaves_out_tasks_of_customers_the_user_no_longer_sees(owner, teammate, customer):
    task(customer, due=TODAY, title="Übergeben")
    Customer.objects.filter(pk=customer.pk).update(owner=teammate)

    assert today_for_user(user=owner, today=TODAY).tasks == []


def test_it_needs_few_queries(owner, customer, contact):
    for days in range(5):
        task(customer, due=TODAY - timedelta(days=days), contact=contact)
        task(customer, due=TODAY, kind=Task.Kind.CARE, contact=contact)
        appointment(customer, start=datetime(2026, 3, 4, 8 + days, 0, tzinfo=BERLIN), participants=[("A B", "GF", "1")])
        call(customer, started_at=NOW - timedelta(days=days), missing=["care"])

    with CaptureQueriesContext(connection) as queries:
        agenda = today_for_user(user=owner, today=TODAY)
        [p.name for a in agenda.appointments for p in a.participants.all()]
        [(t.customer.name, t.contact.full_name) for t in agenda.tasks + agenda.care]
        [(c.customer.name, str(c.outcome)) for c in agenda.open_wrapups]

    assert len(queries) == 4


def test_it_redirects_anonymous_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url.startswith("/login/")
