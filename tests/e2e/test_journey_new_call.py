"""Journey 1: the article's call, from "New call" in the top bar, with quick capture.

Type part of the customer's name, Enter, type the note, Alt+Enter, Ctrl+Enter —
and nothing else. The saved wrap-up leaves no gap in the minimal program, and
every fact is on the briefing.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NOTE = (
    "Hr. Kessler (Einkauf, DW 231) bestellt 12 Hydraulikpumpen HP-40. Lieferung KW 12, 30 Tage netto, "
    "2 % Skonto 10 Tage. AB per Fax doppelt. Termin Dienstag nächste Woche 14 Uhr, 90 Minuten, im Werk "
    "Stuttgart-Vaihingen, mit Hr. Kessler und Fr. Petra Wolf (Technische Leiterin, DW 118). Er plant "
    "Linearführungen für die neue Montagelinie, Budget wird im September geplant. Empfehlung: Thomas Brenner, "
    "GF der Brenner Maschinenbau GmbH, Tel. 0711 98765-0."
)


def _seller() -> tuple[User, Customer]:
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Customer.objects.create(owner=user, number="K-10002", name="Brunnenbau Maier")
    Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf")
    return user, customer


def test_the_articles_call_takes_three_keys_with_quick_capture(site, page, login, keys):
    user, customer = _seller()
    login(page, user)

    page.get_by_role("link", name="Neues Gespräch").click()
    page.wait_for_url("**/calls/new/")
    keys.type("Kess")
    keys.press("Enter")
    page.wait_for_url(f"**/calls/new/{customer.pk}/")
    expect(page.locator("#id_note")).to_be_focused()
    keys.type(NOTE)
    keys.press("Alt+Enter")
    # Taken over: the order line is there and the focus went on to the first gap left.
    expect(page.locator("#id_lines-0-description")).to_have_value("Hydraulikpumpen HP-40")
    assert page.input_value("#id_outcome") != ""
    keys.press("Control+Enter")
    page.wait_for_url(f"**/customers/{customer.pk}/")

    assert keys.count == 3
    call = Call.objects.get()
    assert call.outcome.kind == "deal"
    assert not [gap for gap in call.missing if gap.startswith(("order.", "appointment."))], call.missing
    spoken = sorted(contact.last_name for contact in call.contacts.all())
    assert spoken == ["Kessler", "Wolf"]

    agreed = page.inner_text("#briefing-agreed")
    assert re.search(r"12\s+Hydraulikpumpen HP-40", agreed)
    assert "KW 12" in agreed
    assert "30 Tage netto" in agreed
    assert "per Fax" in agreed
    appointments = page.inner_text("#briefing-appointments")
    assert "90 min" in appointments
    assert "im Werk" in appointments
    assert "Kessler (Einkauf, DW 231)" in appointments
    assert "Petra Wolf (Technische Leiterin, DW 118)" in appointments
    wishes = page.inner_text("#briefing-wishes")
    assert "Linearführungen für die neue Montagelinie" in wishes
    september = date.today().year + (date.today().month > 9)
    assert f"September {september}" in wishes
    referrals = page.locator("#briefing-referrals")
    assert "Brenner Maschinenbau GmbH" in referrals.inner_text()
    assert referrals.locator("a[href='tel:+49711987650']").count() == 1
