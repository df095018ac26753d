"""The input bounds (davor/lib/bounds.py): the helpers, and the guard in front of every view."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from davor.calls.models import Call
from davor.customers.models import Customer
from davor.lib import bounds
from davor.telephony.models import PhoneCall


def test_it_knows_the_calendar_davor_stores():
    assert bounds.day_in_bounds(date(1900, 1, 1)) and bounds.day_in_bounds(datetime(2200, 12, 31, 23, tzinfo=UTC))
    assert not bounds.day_in_bounds(date(1899, 12, 31))
    assert not bounds.day_in_bounds(datetime(9999, 12, 31, 22, tzinfo=UTC))


def test_it_reads_form_counts_only_as_small_numbers():
    assert [bounds.form_count(v) for v in ("3", "", None, "0")] == [3, 0, 0, 0]
    assert [bounds.form_count(v) for v in ("abc", "-1", "1e3", "101", "99999999999")] == [None] * 5


def test_it_makes_one_line_of_anything():
    assert bounds.one_line("Termin\r\nBcc: x\x00") == "Termin Bcc: x"
    assert bounds.printable("Kessler\x0bAG\x00\n") == "KesslerAG\n"


@pytest.mark.parametrize("name", ["Kessler\x0bAG", "Kessler\x00AG", "Kessler\x1bAG"])
def test_a_form_with_control_characters_is_refused_and_nothing_written(owner_client, name):
    response = owner_client.post(
        reverse("customers:new"), {"name": name, "status": "prospect", "country": "DE", "language": "de"}
    )

    assert response.status_code == 400
    assert "Steuerzeichen" in response.content.decode()
    assert not Customer.objects.filter(name__startswith="Kessler").exists()


def test_an_api_body_with_control_characters_is_a_422(owner_api):
    response = owner_api.send("POST", "/customers/", {"name": "Kessler\x0bAG"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]
    assert not Customer.objects.filter(name__startswith="Kessler").exists()


@pytest.mark.parametrize("count", ["abc", "-1", "100000", "1" * 30])
def test_a_wrapup_with_a_broken_form_count_is_a_400(owner_client, customer, count):
    response = owner_client.post(
        f"/calls/new/?customer={customer.pk}",
        {"appointments-TOTAL_FORMS": count, "appointments-INITIAL_FORMS": "0", "note": "x"},
    )

    assert response.status_code == 400
    assert not Call.objects.exists()


@pytest.mark.parametrize("at", ["9999-12-31T23:59:59", "0001-01-01T00:00:00", "1899-12-31T12:00:00+00:00"])
def test_a_phone_event_out_of_the_calendar_is_a_422(owner_api, at):
    response = owner_api.send("POST", "/telephony/events", {"event": "ringing", "caller": "0711 12345", "at": at})

    assert response.status_code == 422
    assert not PhoneCall.objects.exists()


@pytest.mark.parametrize("path", [f"/customers/{2**63}/", f"/appointments/{2**63}/", f"/calls/{2**64}/"])
def test_ids_past_64_bits_are_not_found(owner_client, path):
    assert owner_client.get(path).status_code == 404


@pytest.mark.parametrize("started_at", ["0001-01-01T00:00", "9999-12-31T22:00", "31.12.9999 10:00"])
def test_a_wrapup_at_the_ends_of_the_calendar_is_a_400(owner_client, customer, started_at):
    response = owner_client.post(
        f"/calls/new/?customer={customer.pk}",
        {"started_at": started_at, "appointments-TOTAL_FORMS": "0", "appointments-INITIAL_FORMS": "0", "note": "x"},
    )

    assert response.status_code == 400
    assert "zwischen 1900 und 2200" in response.content.decode()
    assert not Call.objects.exists()
