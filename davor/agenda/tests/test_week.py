"""The week view: the right days, the seller's own or the manager's team, overdue tasks, bad input."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from davor.agenda.tests.factories import appointment, task
from davor.agenda.week import week_for_user
from davor.customers.models import Customer

BERLIN = ZoneInfo("Europe/Berlin")
URL = reverse("agenda_week")


def test_each_appointment_and_task_is_on_its_day_in_local_time(owner, customer):
    appointment(customer, start=datetime(2026, 3, 3, 0, 30, tzinfo=BERLIN), title="Werksbesuch")  # Tue, UTC Mon
    appointment(
        customer, start=datetime(2026, 3, 4, 10, tzinfo=BERLIN), cancelled_at=datetime(2026, 3, 1, tzinfo=BERLIN)
    )
    task(customer, due=date(2026, 3, 6), title="Angebot schicken")
    task(customer, due=date(2026, 2, 20), title="Muster nachreichen")
    task(customer, due=date(2026, 3, 5), title="Erledigt", done_at=datetime(2026, 3, 1, tzinfo=BERLIN))

    week = week_for_user(user=owner, day=date(2026, 3, 4), today=date(2026, 3, 2))

    assert week.monday == date(2026, 3, 2) and week.iso_week == 10
    assert [a.title for a in week.days[1].appointments] == ["Werksbesuch"]  # cancelled ones are gone
    assert [t.title for t in week.days[4].tasks] == ["Angebot schicken"]
    assert [t.title for t in week.overdue] == ["Muster nachreichen"]
    past = week_for_user(user=owner, day=date(2026, 2, 16), today=date(2026, 3, 2))
    assert past.overdue == []  # a past week lists what was due in it, not today's backlog


def test_a_manager_sees_the_team_a_seller_only_their_own(client, owner, teammate, manager, outsider, customer):
    theirs = Customer.objects.create(owner=teammate, number="K-20001", name="Brunnenbau Maier")
    strangers = Customer.objects.create(owner=outsider, number="K-30001", name="Fremdfirma")
    for row in (customer, theirs, strangers):
        task(row, due=date(2026, 3, 3), title=f"Rückruf {row.name}")
    shown = lambda response: [t.title for day in response.context["week"].days for t in day.tasks]  # noqa: E731

    client.force_login(owner)
    assert shown(client.get(URL, {"week": "2026-03-03", "team": "1"})) == [f"Rückruf {customer.name}"]  # no team view
    client.force_login(manager)
    assert shown(client.get(URL, {"week": "2026-03-03"})) == []  # the manager's own week
    team = client.get(URL, {"week": "2026-03-03", "team": "1"})
    assert sorted(shown(team)) == sorted([f"Rückruf {customer.name}", "Rückruf Brunnenbau Maier"])
    assert "Fremdfirma" not in team.content.decode()


def test_a_day_it_cannot_read_shows_this_week(owner_client):
    for value in ("gestern", "9999-12-31", "0001-01-01", "2026-02-30"):
        response = owner_client.get(URL, {"week": value})
        assert response.status_code == 200, value
