"""The order list from the top bar: find the orders whose confirmation has not gone out, open one."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from davor.customers.models import Customer
from davor.orders.models import Order, OrderLine
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_seller_finds_the_unsent_orders_and_opens_one(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    order = Order.objects.create(
        customer=customer, created_by=user, number="A-2026-00042", ordered_on=date(2026, 3, 2),
        confirmation_channel="fax", confirmation_copies=2,
    )  # fmt: skip
    OrderLine.objects.create(order=order, position=1, description="HP-40", quantity=12, unit_price=Decimal("100"))
    login(page, user)

    page.get_by_role("link", name="Aufträge").click()
    page.wait_for_url("**/orders/")
    row = page.get_by_role("row").filter(has_text="A-2026-00042")
    expect(row).to_contain_text("Kessler Antriebstechnik GmbH")
    expect(row).to_contain_text("1.428,00 EUR")  # 12 × 100 plus 19 % VAT, written the German way
    expect(row).to_contain_text("Noch nicht versandt")

    page.get_by_label("Bestätigung").select_option(label="noch nicht versandt")
    page.get_by_label("Auftrag oder Kunde").fill("kessler")
    keys.press("Enter")
    page.wait_for_url("**/orders/?*")
    expect(page.get_by_text("1 Auftrag", exact=True)).to_be_visible()
    page.get_by_role("link", name="A-2026-00042").click()
    page.wait_for_url(f"**/orders/{order.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("A-2026-00042")
