"""Journey 10: a call recorded by an English-speaking seller, and one recorded in a phone-sized window."""

import re

import pytest
from playwright.sync_api import expect

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.users.models import Team, User
from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def customer(site) -> Customer:
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf")
    return customer


def _to_the_wrapup(page, customers: str, record: str) -> None:
    page.locator("header nav").get_by_role("link", name=customers, exact=True).click()
    page.get_by_role("link", name="Kessler Antriebstechnik GmbH").click()
    page.get_by_role("link", name=record).click()
    page.wait_for_url(re.compile(r"/calls/new/\d+/$"))


def test_an_english_speaking_seller_records_a_call(site, page, login, keys, customer):
    customer.owner.language = "en"
    customer.owner.save(update_fields=["language"])
    login(page, customer.owner)

    _to_the_wrapup(page, "Customers", "Record a call")
    expect(page.locator("h1")).to_contain_text("Kessler Antriebstechnik GmbH")
    page.select_option("#id_outcome", label="Offer requested")
    page.check("text=Jens Kessler")
    page.focus("#id_note")
    keys.type("Wants an offer for 4 ball screws by Friday.")
    keys.press("Control+Enter")

    page.wait_for_url(f"{site.url}/customers/{customer.pk}/")
    expect(page.locator(".timeline")).to_contain_text("Wants an offer for 4 ball screws by Friday.")
    expect(page.locator(".timeline")).to_contain_text("Offer requested")
    call = Call.objects.get(customer=customer)
    assert call.outcome.kind == "offer"
    assert [c.last_name for c in call.contacts.all()] == ["Kessler"]


def test_a_call_is_recorded_in_a_phone_sized_window(site, new_page, login, customer):
    page = new_page(viewport=PHONE)
    login(page, customer.owner)

    _to_the_wrapup(page, "Kunden", "Gespräch erfassen")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.select_option("#id_outcome", label="Wiedervorlage vereinbart")
    page.check("text=Jens Kessler")
    page.fill("#id_note", "Ruft nach der Messe zurück, will dann Muster sehen.")
    page.get_by_role("button", name="Gesprächsnotiz speichern").click()

    page.wait_for_url(f"{site.url}/customers/{customer.pk}/")
    expect(page.locator(".timeline")).to_contain_text("Ruft nach der Messe zurück, will dann Muster sehen.")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Call.objects.get(customer=customer).outcome.kind == "follow_up"
