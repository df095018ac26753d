"""Reads of orders and their confirmations, scoped to who is asking."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.orders.document import Letter, fingerprint, letter_build
from davor.orders.models import CompanyProfile, Confirmation, ConfirmationSending, Order
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
