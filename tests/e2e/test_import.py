"""Journey 9: a CSV as German Excel saves it, imported from the customer list: preview, confirm, there they are."""

import pytest
from playwright.sync_api import expect

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CSV = (
    "Firma;Vorname;Nachname;Position;Telefon;E-Mail;Ort\r\n"
    "Brenner Maschinenbau GmbH;Thomas;Brenner;Geschäftsführer;0711 4455-10;t.brenner@brenner-mb.de;Göppingen\r\n"
    "Brenner Maschinenbau GmbH;Petra;Wolf;Einkauf;0711 4455-22;p.wolf@brenner-mb.de;Göppingen\r\n"
    "Kessler Antriebstechnik GmbH;Anna;Schäfer;Technik;;a.schaefer@kessler-antriebe.de;Stuttgart\r\n"
).encode("cp1252")


def test_it_imports_a_csv_after_the_preview(site, page, login, tmp_path):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    kessler = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    path = tmp_path / "kunden.csv"
    path.write_bytes(CSV)

    login(page, user)
    page.locator("header nav").get_by_role("link", name="Kunden").click()
    page.get_by_role("link", name="Import", exact=True).click()
    page.set_input_files("#import-file", path)
    page.get_by_role("button", name="Vorschau zeigen").click()

    rows = page.locator("table.import-rows tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Neuer Kunde")
    expect(rows.nth(1)).to_contain_text("Brenner Maschinenbau GmbH")
    expect(rows.nth(2)).to_contain_text("Kessler Antriebstechnik GmbH")
    assert not Customer.objects.filter(name="Brenner Maschinenbau GmbH").exists()  # nothing written before confirming
    page.get_by_role("button", name="Alle Zeilen importieren").click()

    result = page.locator(".import-result")
    expect(result).to_contain_text("Neue Kunden: 1")
    expect(result).to_contain_text("Neue Ansprechpartner: 3")
    page.get_by_role("link", name="Zu den Kunden").click()
    table = page.locator("table.customers")
    expect(table).to_contain_text("Brenner Maschinenbau GmbH")
    expect(table).to_contain_text("Göppingen")
    page.get_by_role("link", name="Brenner Maschinenbau GmbH").click()
    expect(page.locator("ul.contacts")).to_contain_text("Thomas Brenner")
    expect(page.locator("ul.contacts")).to_contain_text("Petra Wolf")
    assert Customer.objects.count() == 2  # Kessler was completed, not doubled
    assert Contact.objects.get(last_name="Schäfer").customer == kessler
