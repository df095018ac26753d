"""Journey 2: the article's call without quick capture, by keyboard alone.

From "New call" in the top bar, every fact typed into its field; Alt+Down goes
to the next gap the completeness panel lists, Tab to the field beside it. At
most 40 keys beyond the typed values (choosing an option by typing its first
letter counts as typing it).
"""

import re

import pytest
from playwright.sync_api import expect

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_articles_call_by_keyboard_in_at_most_40_keys(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(
        customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf", extension="231"
    )
    login(page, user)
    panel = page.locator("#completeness")

    def next_gap(expected: str) -> None:
        keys.press("Alt+ArrowDown")
        expect(page.locator(f"#{expected}")).to_be_focused()

    page.get_by_role("link", name="Neues Gespräch").click()
    page.wait_for_url("**/calls/new/")
    keys.type("Kessler")
    keys.press("Enter")
    page.wait_for_url(f"**/calls/new/{customer.pk}/")
    expect(page.locator("#id_note")).to_be_focused()

    next_gap("id_outcome")
    keys.type("a")  # Abschluss
    expect(panel).to_contain_text("keine Auftragspositionen")
    keys.press("Tab")
    keys.press("Space")  # spoke with Jens Kessler

    next_gap("id_lines-0-description")
    keys.type("Kugelgewindetrieb KGT 32x10")
    keys.press("Tab")
    keys.type("4")
    next_gap("id_order-delivery_note")
    keys.type("KW 12")
    next_gap("id_order-payment_net_days")
    keys.type("30")
    keys.press("Tab")
    keys.type("2")
    keys.press("Tab")
    keys.type("10")
    next_gap("id_order-confirmation_channel")
    keys.type("f")  # Fax
    keys.press("Tab")
    keys.type("i")  # in doppelter Ausfertigung

    keys.press("Tab")  # "+ Appointment"
    keys.press("Enter")
    expect(page.locator("#id_appointments-0-start")).to_be_focused()
    keys.type("8.12. 14:00")
    for value in ("90", "Werk Stuttgart-Vaihingen"):
        keys.press("Tab")
        keys.type(value)
    keys.press("Tab", times=3)  # past the subject and "remove"
    expect(page.locator("#id_appointments-0-participants-0-name")).to_be_focused()
    keys.type("Jens Kessler")
    keys.press("Tab", times=2)  # position and extension are on record
    keys.press("Tab")  # "+ Participant"
    keys.press("Enter")
    expect(page.locator("#id_appointments-0-participants-1-name")).to_be_focused()
    for value in ("Petra Wolf", "Technische Leiterin", "118"):
        if value != "Petra Wolf":
            keys.press("Tab")
        keys.type(value)

    next_gap("id_wishes-0-description")
    keys.type("Linearführungen für die neue Montagelinie")
    next_gap("id_more-planning_month")
    keys.type("s")  # September
    next_gap("id_referrals-0-company")
    keys.type("Brenner Maschinenbau GmbH")
    keys.press("Tab")
    keys.type("Thomas Brenner")
    next_gap("id_more-personal_note")
    keys.type("Segelt am Bodensee")
    next_gap("id_more-care_channel")
    keys.type("s")  # SMS
    keys.press("Tab")
    keys.type("morgen")
    expect(panel.locator(".done")).to_be_visible()
    keys.press("Control+Enter")
    page.wait_for_url(f"**/customers/{customer.pk}/")

    assert keys.count <= 40, keys.count
    call = Call.objects.get()
    assert call.is_complete, call.missing
    agreed = page.inner_text("#briefing-agreed")
    assert re.search(r"4\s+Kugelgewindetrieb KGT 32x10", agreed)
    assert "KW 12" in agreed
    assert "2 % Skonto" in agreed
    appointments = page.inner_text("#briefing-appointments")
    assert "Werk Stuttgart-Vaihingen" in appointments
    assert "Jens Kessler (Einkauf, DW 231)" in appointments
    assert "Petra Wolf (Technische Leiterin, DW 118)" in appointments
    assert "Linearführungen" in page.inner_text("#briefing-wishes")
    assert "Brenner Maschinenbau GmbH" in page.inner_text("#briefing-referrals")
    assert "Segelt am Bodensee" in page.inner_text("#briefing-personal")
    print(f"keys beyond the typed values: {keys.count}")
