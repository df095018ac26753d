"""Journey 7: an order confirmation e-mailed from its page arrives with the PDF, and the briefing knows."""

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from davor.customers.models import Contact, Customer
from davor.orders.models import CompanyProfile, Order, OrderLine
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "confirmation.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_it_mails_the_confirmation_and_the_briefing_says_so(site, page, login, tmp_path):
    user = User.objects.create_user(
        username="sabine", first_name="Sabine", last_name="Vogt", email="s.vogt@muster.de", team=Team.objects.create()
    )
    CompanyProfile.objects.create(
        pk=1, name="Muster Maschinen GmbH", street="Hauptstraße 1", postal_code="70173", city="Stuttgart"
    )
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(
        customer=customer, first_name="Jens", last_name="Kessler", email="j.kessler@kessler-antriebe.de"
    )
    order = Order.objects.create(
        customer=customer,
        created_by=user,
        number="A-2026-00042",
        ordered_on=date(2026, 12, 4),
        delivery_note="KW 12",
        payment_net_days=30,
        confirmation_channel="email",
    )
    OrderLine.objects.create(
        order=order, position=1, description="Getriebemotor GM-40", quantity=10, unit="Stk.", unit_price=Decimal("1250")
    )

    login(page, user)
    page.locator("header nav").get_by_role("link", name="Kunden").click()
    page.get_by_role("link", name="Kessler Antriebstechnik GmbH").click()
    agreed = page.locator("#briefing-agreed")
    expect(agreed).to_contain_text("AB noch nicht versandt")
    agreed.get_by_role("link", name="Auftragsseite").click()

    page.wait_for_url(f"{site.url}/orders/{order.pk}/")
    assert page.locator("#id_channel option:checked").inner_text() == "E-Mail"
    assert page.locator("#id_contact option:checked").inner_text() == "Jens Kessler"
    page.get_by_role("button", name="AB versenden").click()

    expect(page.locator(".messages")).to_contain_text("j.kessler@kessler-antriebe.de")
    (mail,) = site.mailbox.messages  # the server's answer came after the mail server's "250 OK"
    assert mail["To"] == "j.kessler@kessler-antriebe.de"
    assert "A-2026-00042" in mail["Subject"]
    (attachment,) = [part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"]
    text = _pdf_text(attachment.get_content(), tmp_path)
    assert "A-2026-00042" in text
    assert "Getriebemotor GM-40" in text
    assert "Kessler Antriebstechnik GmbH" in text
    expect(page.locator("#confirmation table.sendings")).to_contain_text("j.kessler@kessler-antriebe.de")

    page.locator("h1").get_by_role("link", name="Kessler Antriebstechnik GmbH").click()
    expect(page.locator("#briefing-agreed .confirmation-sent")).to_contain_text(
        f"AB versandt per E-Mail (1×) am {date.today():%d.%m.%Y}"
    )
