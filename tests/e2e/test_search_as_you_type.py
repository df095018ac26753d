"""Journey 5: the top bar's search shows hits as you type, says why each matched, and opens one by keyboard."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from davor.calls.models import Call, Outcome
from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_finds_a_contact_as_you_type_and_opens_its_customer(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    kessler = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Customer.objects.create(owner=user, number="K-10002", name="Wolfram Hydraulik GmbH", city="Ulm")
    wolf = Contact.objects.create(
        customer=kessler, first_name="Petra", last_name="Wolf", position="Technische Leiterin"
    )
    Call.objects.create(
        customer=kessler,
        user=user,
        started_at=datetime(2026, 3, 2, 10, 15, tzinfo=ZoneInfo("Europe/Berlin")),
        outcome=Outcome.objects.get(kind="deal"),
        note="Angebot besprochen. Frau Wolf fragt nach dem Wartungsvertrag für die Montagelinie.",
    )

    login(page, user)
    keys.press("/")
    keys.type("Wolf")

    menu = page.locator("#search-menu")
    contact = menu.get_by_role("option", name="Petra Wolf")
    expect(contact).to_be_visible()  # no Enter pressed: the hits came as the word was typed
    assert "Technische Leiterin · Kessler Antriebstechnik GmbH" in contact.inner_text()
    call = menu.locator("[role=option]", has_text="02.03.2026")
    assert call.locator("mark").inner_text() == "Wolf"  # why the call matched: its note
    assert "Frau Wolf fragt nach dem Wartungsvertrag" in call.inner_text()
    assert menu.locator("[role=option]").first.inner_text().startswith("Wolfram Hydraulik GmbH")

    keys.press("ArrowDown")
    keys.press("ArrowDown")
    expect(contact).to_have_attribute("aria-selected", "true")
    keys.press("Enter")

    page.wait_for_url(f"{site.url}/customers/{kessler.pk}/#contact-{wolf.pk}")
    assert "Kessler Antriebstechnik GmbH" in page.inner_text("h1")
    expect(page.locator(f"#contact-{wolf.pk}")).to_contain_text("Petra Wolf")
    assert keys.count <= 4


def test_it_closes_the_menu_with_escape(site, page, login, keys):
    user = User.objects.create_user(username="sabine", team=Team.objects.create(name="Süd"))
    Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")

    login(page, user)
    keys.press("/")
    keys.type("Kess")
    expect(page.get_by_role("option", name="Kessler Antriebstechnik GmbH")).to_be_visible()
    keys.press("Escape")

    expect(page.locator("#search-menu [role=option]")).to_have_count(0)
    expect(page.locator("[data-search-box]")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("[data-search-box]")).to_be_focused()
    keys.press("Enter")  # no hit chosen: the search page, as before
    page.wait_for_url(f"{site.url}/search/?q=Kess")
    expect(page.locator("#search-results")).to_contain_text("Kessler Antriebstechnik GmbH")
