"""Reads of orders and their confirmations, scoped to who is asking."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.orders.document import Letter, fingerprint, letter_build, totals_of
from davor.orders.models import CompanyProfile, Confirmation, ConfirmationSending, Order, OrderLine
from davor.users.models import User


def _orders() -> QuerySet[Order]:
    return Order.objects.select_related("customer", "created_by", "call").prefetch_related("lines")


def order_get_for_user(*, user: User, order_id: int) -> Order:
    visible = _orders().filter(customer__in=Customer.objects.filter(customer_scope(user)))
    return get_object_or_404(visible, pk=order_id)


def order_find(*, reference: str) -> Order:
    """An order by number (A-2026-00001) or id, for the command line; Order.DoesNotExist if none."""
    reference = reference.strip()
    if reference.isdigit():
        return _orders().get(pk=int(reference))
    return _orders().get(number__iexact=reference)


def company_profile_get() -> CompanyProfile:
    """Our company data; an empty, unsaved profile until an admin has filled it in."""
    return CompanyProfile.objects.filter(pk=1).first() or CompanyProfile(pk=1)


def sending_get(*, order: Order, sending_id: int) -> ConfirmationSending:
    """A sending of this order; ``order`` comes from a scoped selector."""
    return get_object_or_404(
        ConfirmationSending.objects.select_related("confirmation", "by", "contact"),
        confirmation__order=order,
        pk=sending_id,
    )


def letter_for(
    *, order: Order, contact: Contact | None, company: CompanyProfile, confirmation: Confirmation | None = None
) -> Letter:
    """The letter of a version; without one, of the version the order's current content would be."""
    if confirmation is None:
        latest = order.confirmations.order_by("-version").first()
        if latest is not None and latest.fingerprint == fingerprint(order, contact):
            confirmation = latest
        else:
            version = latest.version + 1 if latest else 1
            return letter_build(
                order=order, contact=contact, company=company, version=version, dated=timezone.localdate()
            )
    dated = timezone.localdate(confirmation.created_at)
    return letter_build(order=order, contact=contact, company=company, version=confirmation.version, dated=dated)


@dataclass
class ConfirmationStatus:
    """What the customer has and what happened: for the order page and the briefing."""

    sendings: list[ConfirmationSending]
    delivered: ConfirmationSending | None  # the last one that reached the customer
    changed_since: bool  # the order says something else now than the version they have

    @property
    def customer_version(self) -> int | None:
        return self.delivered.confirmation.version if self.delivered else None

    @property
    def retry(self) -> ConfirmationSending | None:
        """The newest failed attempt, unless something reached the customer since: the one worth a retry button."""
        failed = next((s for s in self.sendings if s.status == ConfirmationSending.Status.FAILED), None)
        if failed is None or (self.delivered is not None and self.delivered.at > failed.at):
            return None
        return failed

    @property
    def unposted(self) -> list[ConfirmationSending]:
        return [s for s in self.sendings if s.status == ConfirmationSending.Status.PRINTED]


def confirmation_status(*, order: Order) -> ConfirmationStatus:
    sendings = list(
        ConfirmationSending.objects.filter(confirmation__order=order)
        .select_related("confirmation", "by", "contact")
        .defer("document")
    )
    delivered = next((s for s in sendings if s.status == ConfirmationSending.Status.SENT), None)
    changed = delivered is not None and delivered.confirmation.fingerprint != fingerprint(order, delivered.contact)
    return ConfirmationStatus(sendings=sendings, delivered=delivered, changed_since=changed)


@dataclass
class OrderRow:
    """One line of the order list: the order, its total, and every sending of its confirmation."""

    order: Order
    gross: Decimal
    sendings: list[ConfirmationSending]

    @property
    def delivered(self) -> ConfirmationSending | None:
        return next((s for s in self.sendings if s.status == ConfirmationSending.Status.SENT), None)


def order_list(*, user: User, query: str = "", sent: str = "", seller: int | None = None) -> QuerySet[Order]:
    """The orders of the customers this user sees, newest first; ``sent`` is "yes", "no" or ""."""
    orders = Order.objects.filter(customer__in=Customer.objects.filter(customer_scope(user)))
    if query:
        orders = orders.filter(Q(number__icontains=query) | Q(customer__name__icontains=query))
    if sent:
        delivered = ConfirmationSending.objects.filter(
            confirmation__order=OuterRef("pk"), status=ConfirmationSending.Status.SENT
        )
        orders = orders.filter(Exists(delivered)) if sent == "yes" else orders.exclude(Exists(delivered))
    if seller is not None:
        orders = orders.filter(created_by_id=seller)
    return orders.select_related("customer", "created_by").order_by("-ordered_on", "-pk")


def order_rows(orders: list[Order]) -> list[OrderRow]:
    """The rows of one page of the list: lines and sendings in two queries, totals as on the order page."""
    vat_percent = company_profile_get().vat_percent
    ids = [order.pk for order in orders]
    lines: dict[int, list[OrderLine]] = {pk: [] for pk in ids}
    for line in OrderLine.objects.filter(order_id__in=ids):
        lines[line.order_id].append(line)
    sendings: dict[int, list[ConfirmationSending]] = {pk: [] for pk in ids}
    for sending in (
        ConfirmationSending.objects.filter(confirmation__order_id__in=ids)
        .select_related("confirmation", "by")
        .defer("document")
    ):
        sendings[sending.confirmation.order_id].append(sending)
    return [
        OrderRow(
            order,
            totals_of(lines[order.pk], discount_percent=order.discount_percent, vat_percent=vat_percent).gross,
            sendings[order.pk],
        )
        for order in orders
    ]
