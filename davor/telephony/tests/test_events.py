"""Events from a phone system: authentication, caller ID, screen pop and the waiting wrap-up."""

import pytest

from davor.calls.models import Call, Outcome
from davor.telephony.models import PhoneCall
from davor.telephony.services import phone_event_record
from davor.users.api_auth import token_hash
from davor.users.models import ApiToken

pytestmark = pytest.mark.django_db
URL = "/api/v1/telephony/events"


def _token(user, secret="dvr_abcdefghijklmnopqrstuvwxyz0123456789"):
    ApiToken.objects.create(user=user, name="PBX", prefix=secret[:12], token_hash=token_hash(secret))
    return {"Authorization": f"Bearer {secret}"}


def _post(client, headers, **event):
    return client.post(URL, event, content_type="application/json", headers=headers)


def test_it_needs_a_token(client, owner):
    assert _post(client, {}, event="ringing", caller="07111234523").status_code == 401
    assert _post(client, {"Authorization": "Bearer dvr_wrongwrongwrongwrong"}, event="ringing").status_code == 401


def test_a_signed_in_browser_is_not_enough(owner_client):
    assert _post(owner_client, {}, event="ringing", caller="07111234523").status_code == 401


def test_ringing_pops_up_the_caller(client, owner, customer, contact):
    headers = _token(owner)
    response = _post(client, headers, event="ringing", call_id="c1", caller="0711 12345-231")
    assert response.status_code == 200
    assert response.json()["customer_id"] == customer.pk and response.json()["contact_id"] == contact.pk
    client.force_login(owner)
    pop = client.get("/telephony/pop/").content.decode()
    assert "Kessler Antriebstechnik GmbH" in pop and customer.get_absolute_url() in pop


def test_an_unknown_number_offers_to_create_a_customer(client, owner):
    _post(client, _token(owner), event="ringing", call_id="c1", caller="030 1234567")
    client.force_login(owner)
    pop = client.get("/telephony/pop/").content.decode()
    assert "/customers/new/?phone=030%201234567" in pop


def test_the_pop_is_empty_when_nothing_rings_and_shows_only_ones_own_calls(client, owner, outsider, customer):
    phone_event_record(user=owner, event="ringing", number="07111234599")
    client.force_login(outsider)
    assert client.get("/telephony/pop/").content == b""
    client.force_login(owner)
    assert b"Kessler" in client.get("/telephony/pop/").content


def test_another_sellers_customer_is_not_revealed(client, outsider, customer):
    response = _post(client, _token(outsider), event="ringing", caller="0711 12345")
    assert response.json()["customer_id"] is None


def test_a_seller_cannot_report_for_anothers_extension(client, owner, teammate):
    teammate.phone_extension = "22"
    teammate.save(update_fields=["phone_extension"])
    assert _post(client, _token(owner), event="ringing", caller="0711", extension="22").status_code == 403


def test_an_admin_token_routes_by_extension(client, owner, customer):
    from davor.users.models import User

    pbx = User.objects.create_user(username="pbx", role="admin")
    owner.phone_extension = "21"
    owner.save(update_fields=["phone_extension"])
    _post(client, _token(pbx), event="ringing", caller="0711 12345", extension="21")
    assert PhoneCall.objects.get().user == owner


def test_hanging_up_leaves_a_wrapup_waiting_until_it_is_written(client, owner, customer, contact):
    headers = _token(owner)
    _post(client, headers, event="ringing", call_id="c7", caller="0711 12345231", at="2026-03-02T10:00:00+01:00")
    _post(client, headers, event="answered", call_id="c7", at="2026-03-02T10:00:10+01:00")
    _post(client, headers, event="hungup", call_id="c7", at="2026-03-02T10:04:20+01:00")
    phone_call = PhoneCall.objects.get()
    client.force_login(owner)
    assert client.get("/telephony/pop/").content == b""
    today = client.get("/").content.decode()
    link = f"/calls/new/{customer.pk}/?pending={phone_call.pk}"
    assert link in today
    screen = client.get(f"/calls/new/{customer.pk}/?pending={phone_call.pk}")
    assert 'value="02.03.2026 10:00"' in screen.content.decode()
    # The phone call rides in the form, not in the address a later POST would inherit.
    assert f'<input type="hidden" name="pending" value="{phone_call.pk}">' in screen.content.decode()
    initial = screen.context["forms"].call.initial
    assert (initial["duration_minutes"], initial["contacts"], initial["direction"]) == (5, [contact.pk], "in")
    response = client.post(
        f"/calls/new/{customer.pk}/",
        {
            "pending": phone_call.pk,
            "outcome": Outcome.objects.get(kind="not_reached").pk,
            "direction": "in",
            "started_at": "2026-03-02T10:00",
            "duration_minutes": "5",
            "contacts": [contact.pk],
            "note": "kurz gesprochen",
            **_empty_formsets(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Call.objects.get().duration_minutes == 5
    phone_call.refresh_from_db()
    assert phone_call.wrapup_done_at is not None
    assert link not in client.get("/").content.decode()


def test_someone_elses_pending_call_is_a_404(client, owner, outsider, customer):
    phone_call = phone_event_record(user=owner, event="ringing", number="0711 12345")
    client.force_login(outsider)
    assert client.post(f"/telephony/{phone_call.pk}/dismiss/").status_code == 404


def _empty_formsets():
    data = {}
    for prefix in ("lines", "appointments", "tasks", "wishes", "referrals", "new_contacts"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data["order-confirmation_copies"] = "1"
    return data
