"""/api/v1/calls/: a wrap-up from structured fields or a free-text note; revised only with the version read."""

import pytest

from davor.calls.models import Call, Outcome
from davor.calls.services import wrapup_submit
from davor.calls.tests.test_wrapup_service import _deal
from davor.orders.models import Order


@pytest.fixture
def deal_id(db) -> int:
    return Outcome.objects.get(kind="deal").pk


def _body(customer, contact, deal_id, **extra) -> dict:
    return {
        "customer_id": customer.pk,
        "outcome_id": deal_id,
        "started_at": "2026-03-02T10:15:00",
        "contact_ids": [contact.pk],
        "note": "Abschluss",
        "order": {
            "lines": [{"description": "KGT 32x10", "quantity": "4", "unit_price": "412.50"}],
            "delivery_note": "KW 12",
            "payment_net_days": 30,
            "confirmation_channel": "fax",
        },
        "next_contact": "2026-04-01",
        **extra,
    }


def test_it_creates_a_call_from_structured_fields(owner_api, customer, contact, deal_id):
    response = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1
    assert body["wrapup"]["order"]["payment_net_days"] == 30
    assert Order.objects.get().lines.get().description == "KGT 32x10"
    assert Call.objects.get().started_at.isoformat() == "2026-03-02T09:15:00+00:00"  # local time, Europe/Berlin


def test_it_creates_a_call_from_a_free_text_note(owner_api, customer, contact, deal_id):
    note = "Herr Kessler bestellt 4 Stück KGT 32x10, Lieferung KW 12, 30 Tage netto, Bestätigung per Fax."
    body = {"customer_id": customer.pk, "outcome_id": deal_id, "started_at": "2026-03-02T10:15", "note": note}

    response = owner_api.send("POST", "/calls/", {**body, "capture": True})

    assert response.status_code == 201, response.content
    wrapup = response.json()["wrapup"]
    assert wrapup["order"]["payment_net_days"] == 30
    assert wrapup["order"]["confirmation_channel"] == "fax"


def test_it_lists_and_filters_calls(owner_api, owner, customer, contact):
    wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    incomplete = wrapup_submit(user=owner, customer=customer, data=_deal(contact, care=None))

    listed = owner_api.get("/calls/", {"complete": False}).json()["results"]

    assert [row["id"] for row in listed] == [incomplete.pk]
    assert len(owner_api.get("/calls/", {"customer_id": customer.pk}).json()["results"]) == 2


def test_it_revises_a_call_with_the_version_read(owner_api, customer, contact, deal_id):
    created = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id)).json()
    wrapup = {**created["wrapup"], "note": "Abschluss, geändert"}

    response = owner_api.send("PUT", f"/calls/{created['id']}/", wrapup, headers={"If-Match": '"1"'})

    assert response.status_code == 200, response.content
    assert (response.json()["version"], response.json()["note"]) == (2, "Abschluss, geändert")


def test_it_refuses_a_stale_version_with_what_changed(owner_api, customer, contact, deal_id):
    created = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id)).json()
    first = {**created["wrapup"], "note": "erste Änderung", "version": 1}
    assert owner_api.send("PUT", f"/calls/{created['id']}/", first).status_code == 200

    response = owner_api.send("PUT", f"/calls/{created['id']}/", {**first, "note": "zweite"})

    assert response.status_code == 409
    body = response.json()
    assert (body["expected_version"], body["current_version"], body["changed_by"]) == (1, 2, "Alice")
    assert any(change["new"] == "erste Änderung" for change in body["changes"])
    assert Call.objects.get().note == "erste Änderung"


def test_it_requires_a_version_to_revise(owner_api, customer, contact, deal_id):
    created = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id)).json()

    response = owner_api.send("PUT", f"/calls/{created['id']}/", created["wrapup"])

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_it_explains_bad_input(owner_api, customer, contact, deal_id):
    bad = _body(customer, contact, deal_id, outcome_id=999999)
    assert owner_api.send("POST", "/calls/", bad).json()["detail"][0]["loc"] == ["body", "outcome_id"]
    bad = _body(customer, contact, deal_id)
    bad["order"]["skonto_percent"] = "2"
    response = owner_api.send("POST", "/calls/", bad)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "order", "skonto_days"]
    assert owner_api.send("POST", "/calls/", {"customer_id": customer.pk}).status_code == 422
    assert not Call.objects.exists()


def test_it_hides_another_teams_calls(outsider_api, owner, customer, contact, deal_id):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))

    assert outsider_api.get(f"/calls/{call.pk}/").status_code == 404
    assert outsider_api.send("PUT", f"/calls/{call.pk}/", {"outcome_id": deal_id, "version": 1}).status_code == 404
    assert outsider_api.send("POST", "/calls/", _body(customer, contact, deal_id)).status_code == 404
    assert outsider_api.get("/calls/").json()["results"] == []
    assert Call.objects.get().version == 1


def test_it_stores_any_offset_as_utc_and_refuses_times_it_cannot_store(owner_api, customer, contact, deal_id):
    odd = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id, started_at="2026-03-02T10:15:00-21:15"))
    assert odd.status_code == 201, odd.content
    assert Call.objects.get().started_at.isoformat() == "2026-03-03T07:30:00+00:00"

    edge = owner_api.send("POST", "/calls/", _body(customer, contact, deal_id, started_at="0001-01-01T00:00:00+14:00"))
    assert edge.status_code == 422
    assert Call.objects.count() == 1
