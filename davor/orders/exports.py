"""The order list as a spreadsheet: one row per order, with what was sent to whom."""

import io

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from davor.customers.exports import ExportFile, neutralise
from davor.orders.models import Order
from davor.orders.selectors import OrderRow, order_rows
from davor.users.audit import audit_record
from davor.users.models import AuditEvent, User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sendings(row: OrderRow) -> str:
    return "; ".join(
        f"v{s.confirmation.version} {s.get_channel_display()} {s.copies}× "
        f"{formats.date_format(timezone.localtime(s.at), 'SHORT_DATETIME_FORMAT')} "
        f"{s.by.get_full_name() or s.by.username} ({s.get_status_display()})"
        for s in reversed(row.sendings)
    )


def orders_export(*, user: User, orders: QuerySet[Order], request=None) -> ExportFile:
    """The orders as XLSX in the user's language; recorded in the audit log (how many, not which)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Orders"))
    sheet.append(
        [_("Order"), _("Order date"), _("Customer number"), _("Customer"), _("Seller"), _("Total amount"),
         _("Currency"), _("Sent to the customer")]
    )  # fmt: skip
    count = 0
    for start in range(0, orders.count(), 500):
        for row in order_rows(list(orders[start : start + 500])):
            order, seller = row.order, row.order.created_by
            sheet.append(
                [neutralise(order.number), order.ordered_on, neutralise(order.customer.number),
                 neutralise(order.customer.name), neutralise(seller.get_full_name() or seller.username),
                 row.gross, order.currency, neutralise(_sendings(row))]
            )  # fmt: skip
            count += 1
    out = io.BytesIO()
    workbook.save(out)
    details = {"format": "xlsx", "orders": count, "via": "web"}
    audit_record(action=AuditEvent.Action.EXPORT, user=user, request=request, object_type="order", details=details)
    return ExportFile(out.getvalue(), f"davor-orders-{timezone.localdate():%Y-%m-%d}.xlsx", XLSX)
