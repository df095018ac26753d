from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from davor.agenda.services import task_mark_done
from davor.agenda.tests.factories import task

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)
TODAY = date(2026, 3, 4)

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_task(customer):
    return task(customer, due=TODAY, title="Angebot schicken")


def test_it_marks_the_task_done(owner_client, owner, open_task):
    with time_machine.travel(NOW, tick=False):
        response = owner_client.post(f"/tasks/{open_task.pk}/done/")

    assert response.status_code == 302
    assert response.url == f"/?undo={open_task.pk}"
    open_task.refresh_from_db()
    assert open_task.done_at == NOW
    assert open_task.done_by == owner


def test_it_returns_the_list_fragment_to_htmx(owner_client, customer, open_task):
    other = task(customer, due=TODAY, title="Muster nachreichen")

    with time_machine.travel(NOW, tick=False):
        response = owner_client.post(f"/tasks/{open_task.pk}/done/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="tasks">')
    assert "<html" not in body
    assert "Muster nachreichen" in body
    assert f"task-{other.pk}" in body
    assert f"task-{open_task.pk}" not in body
    assert f'action="/tasks/{open_task.pk}/reopen/"' in body  # the undo, in the message


def test_it_lets_the_manager_mark_a_team_task_done(client, manager, open_task):
    client.force_login(manager)

    client.post(f"/tasks/{open_task.pk}/done/")

    open_task.refresh_from_db()
    assert open_task.done_by == manager


def test_it_returns_404_for_someone_elses_task(outsider_client, open_task):
    response = outsider_client.post(f"/tasks/{open_task.pk}/done/")

    assert response.status_code == 404
    open_task.refresh_from_db()
    assert open_task.done_at is None


def test_it_returns_404_to_a_teammate(client, teammate, open_task):
    client.force_login(teammate)

    assert client.post(f"/tasks/{open_task.pk}/done/").status_code == 404


def test_it_refuses_get(owner_client, open_task):
    response = owner_client.get(f"/tasks/{open_task.pk}/done/")

    assert response.status_code == 405
    open_task.refresh_from_db()
    assert open_task.done_at is None


def test_it_keeps_the_first_completion(owner, teammate, open_task):
    task_mark_done(user=owner, task=open_task, at=NOW)

    task_mark_done(user=teammate, task=open_task)

    open_task.refresh_from_db()
    assert (open_task.done_at, open_task.done_by) == (NOW, owner)


def test_it_redirects_anonymous_to_login(client, open_task):
    response = client.post(f"/tasks/{open_task.pk}/done/")

    assert response.status_code == 302
    assert response.url.startswith("/login/")
    open_task.refresh_from_db()
    assert open_task.done_at is None


def test_it_offers_the_undo_on_today_after_a_plain_post(owner_client, open_task):
    task_mark_done(user=open_task.owner, task=open_task, at=NOW)

    response = owner_client.get(f"/?undo={open_task.pk}")

    assert f'action="/tasks/{open_task.pk}/reopen/"' in response.content.decode()


def test_it_reopens_the_task(owner_client, owner, open_task):
    task_mark_done(user=owner, task=open_task, at=NOW)

    response = owner_client.post(f"/tasks/{open_task.pk}/reopen/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert f'id="task-{open_task.pk}"' in response.content.decode()
    assert "data-focus" in response.content.decode()
    open_task.refresh_from_db()
    assert (open_task.done_at, open_task.done_by) == (None, None)


def test_it_returns_404_for_reopening_someone_elses_task(outsider_client, owner, open_task):
    task_mark_done(user=owner, task=open_task, at=NOW)

    assert outsider_client.post(f"/tasks/{open_task.pk}/reopen/").status_code == 404
    open_task.refresh_from_db()
    assert open_task.done_at == NOW


def test_it_refuses_get_for_reopening(owner_client, owner, open_task):
    task_mark_done(user=owner, task=open_task, at=NOW)

    assert owner_client.get(f"/tasks/{open_task.pk}/reopen/").status_code == 405
