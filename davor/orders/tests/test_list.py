"""The order list: whose orders, their totals, what was sent to whom; filters and the XLSX export."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from davor.customers.models import Customer
from davor.orders.document import totals_of
from davor.orders.models import Order
from davor.orders.services import confirmation_send
from davor.users.models import AuditEvent

URL = reverse("orders:list")


def _numbers(response) -> list[str]:
    return [row.order.number for row in response.context["rows"]]


def _other_order(owner, number: str) -> Order:
    customer = Customer.objects.create(owner=owner, number=f"K-{number[-5:]}", name="Brunnenbau Maier")
    return Order.objects.create(customer=customer, created_by=owner, number=number, ordered_on=date(2026, 4, 1))


def test_it_lists_the_orders_with_their_total_and_each_sending(owner_client, owner, smtp, order, contact, company):
    confirmation_send(order=order, user=owner, channel="fax", copies=2, contact=contact)
    response = owner_client.get(URL)

    assert response.status_code == 200
    assert _numbers(response) == ["A-2026-00042"]
    gross = totals_of(list(order.lines.all()), discount_percent=order.discount_percent, vat_percent=company.vat_percent)
    assert response.context["rows"][0].gross == gross.gross  # the same total as the order page and the PDF
    html = response.content.decode()
    assert f"{gross.gross:,.2f} EUR" in html
    assert "Fax (2×)" in html and "Alice Berger" in html


def test_a_seller_sees_only_their_own_a_manager_the_team_and_can_filter_by_seller(
    client, owner, teammate, manager, outsider, order
):
    _other_order(teammate, "A-2026-00050")
    _other_order(outsider, "A-2026-00060")
    client.force_login(owner)
    assert _numbers(client.get(URL)) == ["A-2026-00042"]
    client.force_login(outsider)
    assert _numbers(client.get(URL)) == ["A-2026-00060"]
    client.force_login(manager)
    assert _numbers(client.get(URL)) == ["A-2026-00050", "A-2026-00042"]
    assert _numbers(client.get(URL, {"seller": teammate.pk})) == ["A-2026-00050"]
    assert _numbers(client.get(URL, {"seller": outsider.pk})) == ["A-2026-00050", "A-2026-00042"]  # not a choice


def test_it_filters_by_what_was_sent_and_by_number_or_customer(owner_client, owner, smtp, order, contact):
    _other_order(owner, "A-2026-00051")
    confirmation_send(order=order, user=owner, channel="email", copies=1, contact=contact)
    assert _numbers(owner_client.get(URL, {"sent": "no"})) == ["A-2026-00051"]
    assert _numbers(owner_client.get(URL, {"sent": "yes"})) == ["A-2026-00042"]
    assert _numbers(owner_client.get(URL, {"q": "brunnen"})) == ["A-2026-00051"]
    assert _numbers(owner_client.get(URL, {"q": "00042"})) == ["A-2026-00042"]


def test_the_export_is_the_filtered_list_as_a_workbook_and_is_audited(owner_client, owner, smtp, order, contact):
    _other_order(owner, "A-2026-00051")
    confirmation_send(order=order, user=owner, channel="fax", copies=2, contact=contact)
    response = owner_client.get(reverse("orders:export"), {"sent": "yes"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Order" and len(rows) == 2
    assert rows[1][0] == "A-2026-00042" and rows[1][3] == "Kessler Antriebstechnik GmbH"
    assert "v1 Fax 2×" in rows[1][7]
    event = AuditEvent.objects.get(action="export", object_type="order")
    assert event.details["orders"] == 1
