"""/api/v1/appointments/ and /api/v1/tasks/."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from davor.agenda.tests.factories import appointment, task

BERLIN = ZoneInfo("Europe/Berlin")


def test_it_lists_filters_and_marks_tasks_done(owner_api, customer):
    open_task = task(customer, due=date(2026, 3, 2))
    task(customer, due=date(2026, 5, 2), title="Später")

    listed = owner_api.get("/tasks/", {"due_until": "2026-03-31", "done": False}).json()["results"]
    assert [row["id"] for row in listed] == [open_task.pk]
    response = owner_api.send("POST", f"/tasks/{open_task.pk}/done/")

    assert response.status_code == 200
    assert response.json()["done_at"] is not None
    assert owner_api.get(f"/tasks/{open_task.pk}/").json()["done_by_id"] == customer.owner_id


def test_it_moves_and_cancels_an_appointment(owner_api, customer):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN), participants=[("Jens", "", "")])

    moved = owner_api.send(
        "PATCH", f"/appointments/{row.pk}/", {"start": "2026-03-11T09:00", "duration_minutes": 60, "version": 1}
    )
    assert moved.status_code == 200, moved.content
    assert (moved.json()["sequence"], moved.json()["duration_minutes"]) == (1, 60)
    assert moved.json()["participants"][0]["name"] == "Jens"
    cancelled = owner_api.send("POST", f"/appointments/{row.pk}/cancel/", {"notify": False})
    assert cancelled.json()["cancelled_at"] is not None
    assert owner_api.get("/appointments/", {"cancelled": False}).json()["results"] == []


def test_it_explains_bad_input(owner_api, customer):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN))

    response = owner_api.send(
        "PATCH", f"/appointments/{row.pk}/", {"start": "gestern", "duration_minutes": 1, "version": 1}
    )

    assert response.status_code == 422
    assert {tuple(error["loc"])[-1] for error in response.json()["detail"]} == {"start", "duration_minutes"}


def test_it_hides_another_teams_agenda(outsider_api, customer):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN))
    open_task = task(customer, due=date(2026, 3, 2))

    assert outsider_api.get(f"/appointments/{row.pk}/").status_code == 404
    assert outsider_api.send("POST", f"/appointments/{row.pk}/cancel/", {}).status_code == 404
    assert outsider_api.send("POST", f"/tasks/{open_task.pk}/done/").status_code == 404
    assert outsider_api.get("/tasks/").json()["results"] == []
    open_task.refresh_from_db()
    row.refresh_from_db()
    assert (open_task.done_at, row.cancelled_at) == (None, None)


def test_it_refuses_a_stale_appointment_edit_with_what_changed(owner_api, customer):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN), location="Werk")
    first = owner_api.send(
        "PATCH", f"/appointments/{row.pk}/", {"start": "2026-03-11T09:00", "location": "Halle", "version": 1}
    )
    assert (first.status_code, first.json()["version"]) == (200, 2)

    stale = owner_api.send(
        "PATCH",
        f"/appointments/{row.pk}/",
        {"start": "2026-03-12T09:00", "location": "Büro"},
        headers={"If-Match": '"1"'},
    )

    assert stale.status_code == 409
    assert (stale.json()["expected_version"], stale.json()["current_version"]) == (1, 2)
    assert stale.json()["changes"]
    row.refresh_from_db()
    assert (row.location, row.version) == ("Halle", 2)


def test_it_asks_for_the_version_of_an_appointment(owner_api, customer):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN))

    assert owner_api.send("PATCH", f"/appointments/{row.pk}/", {"start": "2026-03-11T09:00"}).status_code == 428


@pytest.mark.parametrize(
    "body",
    [
        {"start": "9999-12-31T22:00"},
        {"start": "0001-01-01T00:00"},
        {"start": "2026-03-11T09:00", "title": "Termin\r\nBcc: alle@example.com"},
        {"start": "2026-03-11T09:00", "location": "Halle\x0b3"},
        {"start": "2026-03-11T09:00", "location": "Halle\x003"},
    ],
)
def test_it_refuses_times_and_texts_out_of_bounds(owner_api, customer, body):
    row = appointment(customer, start=datetime(2026, 3, 10, 14, tzinfo=BERLIN), location="Werk")

    response = owner_api.send("PATCH", f"/appointments/{row.pk}/", {**body, "version": 1})

    assert response.status_code == 422, response.content
    row.refresh_from_db()
    assert (row.location, row.version, row.start.year) == ("Werk", 1, 2026)


@pytest.mark.parametrize("query", [{"page_size": 0}, {"page_size": -1}, {"customer_id": 2**63}])
def test_it_refuses_page_sizes_and_ids_out_of_bounds(owner_api, query):
    assert owner_api.get("/appointments/", query).status_code == 422
