"""Journey 6: the phone rings, the open page shows who it is, and after the call Today waits for its wrap-up."""

import json
import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.telephony.models import PhoneCall
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _phone_system(site, secret: str, event: str, at) -> dict:
    """What the phone system sends: one event of call 4711 from Jens Kessler's direct line."""
    body = {"event": event, "call_id": "4711", "caller": "0711 12345-231", "called": "0711 5551234", "at": at}
    request = urllib.request.Request(
        f"{site.url}/api/v1/telephony/events",
        data=json.dumps({**body, "at": at.isoformat()}).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_it_pops_up_while_it_rings_and_waits_on_today_for_the_wrapup(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(
        owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH", phone="+4971112345"
    )
    jens = Contact.objects.create(
        customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf", phone="+4971112345231"
    )
    login(page, user)

    # The phone system needs a token: the seller makes one where the top bar offers it.
    page.locator("header").get_by_role("link", name="API-Tokens").click()
    page.fill("#token-name", "Telefonanlage")
    keys.press("Enter")
    secret = page.inner_text("#new-token")
    page.locator("header nav").get_by_role("link", name="Heute").click()
    page.wait_for_url(f"{site.url}/")

    rang = timezone.now() - timedelta(seconds=115)  # a ringing phone pops up for two minutes
    assert _phone_system(site, secret, "ringing", rang)["customer_name"] == "Kessler Antriebstechnik GmbH"
    pop = page.locator("#screen-pop")
    expect(pop).to_contain_text("Es ruft an: Kessler Antriebstechnik GmbH")  # polled, no reload
    expect(pop).to_contain_text("Jens Kessler, Einkauf")
    _phone_system(site, secret, "answered", rang + timedelta(seconds=10))
    _phone_system(site, secret, "hungup", rang + timedelta(seconds=110))  # 100 s on the line
    expect(pop).to_be_empty()

    page.locator("header nav").get_by_role("link", name="Heute").click()
    waiting = page.locator("#pending-calls")
    expect(waiting).to_contain_text("Jens Kessler")
    expect(waiting).to_contain_text("Jens Kessler · 2 Min.")
    waiting.get_by_role("link", name="Kessler Antriebstechnik GmbH").click()

    page.wait_for_url(re.compile(r"/calls/new/\d+/\?pending=\d+$"))
    assert page.is_checked(f"input[name=contacts][value='{jens.pk}']")
    assert page.input_value("#id_duration_minutes") == "2"
    page.select_option("#id_outcome", label="Angebot angefordert")
    page.focus("#id_note")
    keys.type("Will ein Angebot für 4 Kugelgewindetriebe bis Freitag.")
    keys.press("Control+Enter")

    page.wait_for_url(f"{site.url}/customers/{customer.pk}/")
    call = Call.objects.get(customer=customer)
    assert call.note == "Will ein Angebot für 4 Kugelgewindetriebe bis Freitag."
    assert list(call.contacts.all()) == [jens]
    assert call.duration_minutes == 2
    expect(page.locator("body")).to_contain_text("Will ein Angebot für 4 Kugelgewindetriebe bis Freitag.")
    page.locator("header nav").get_by_role("link", name="Heute").click()
    expect(page.locator("h1")).to_contain_text("Heute")
    expect(page.locator("#pending-calls")).to_have_count(0)
    assert PhoneCall.objects.get().wrapup_done_at is not None
