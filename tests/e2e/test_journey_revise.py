"""Journey 3: reopen a wrap-up from the customer's page, change the delivery week, save; the history shows it."""

import pytest
from playwright.sync_api import expect

from davor.calls.models import Call
from davor.customers.models import Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_changes_the_delivery_week_and_the_history_shows_it(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    login(page, user)
    page.get_by_role("link", name="Neues Gespräch").click()
    page.wait_for_url("**/calls/new/")
    keys.type("Kessler")
    keys.press("Enter")
    page.wait_for_url(f"**/calls/new/{customer.pk}/")
    expect(page.locator("#id_note")).to_be_focused()
    keys.type("Bestellt 4 Spindeln SP-20. Lieferung KW 12, AB per Mail.")
    keys.press("Alt+Enter")
    expect(page.locator("#id_order-delivery_note")).to_have_value("Lieferung KW 12")
    keys.press("Control+Enter")
    page.wait_for_url(f"**/customers/{customer.pk}/")
    call = Call.objects.get()

    # Later: from the customer list, the customer, the call, "Revise".
    page.get_by_role("navigation").get_by_role("link", name="Kunden").click()
    page.get_by_role("link", name="Kessler Antriebstechnik GmbH").click()
    page.locator(".timeline a").first.click()
    page.wait_for_url(f"**/calls/{call.pk}/")
    page.get_by_role("link", name="Überarbeiten").click()
    page.wait_for_url(f"**/calls/{call.pk}/edit/")
    field = page.locator("#id_order-delivery_note")
    field.focus()
    keys.press("Control+a")
    keys.type("Lieferung KW 14")
    keys.press("Control+Enter")
    page.wait_for_url(f"**/calls/{call.pk}/")

    history = page.inner_text(".history")
    assert "KW 12" in history and "KW 14" in history
    assert page.locator(".history del", has_text="KW 12").count() == 1
    assert page.locator(".history ins", has_text="KW 14").count() == 1
    call.refresh_from_db()
    assert call.version == 2
