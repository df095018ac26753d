"""Writes of customers and contacts. Each function is one transaction."""

import re
from typing import Any

from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from davor.customers.models import Contact, Customer
from davor.lib.numbers import save_numbered
from davor.lib.phones import split_extension
from davor.users.models import User

_NUMBER = re.compile(r"^K-(\d+)$")
CONSENT_CHANNELS = ("email", "sms", "phone")


def customer_number_next() -> str:
    """The next free customer number, K-10001 onwards."""
    last = (
        Customer.objects.filter(number__regex=r"^K-[0-9]+$")
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    match = _NUMBER.match(last) if last else None
    current = int(match.group(1)) if match else 10000
    return f"K-{current + 1:05d}"


@transaction.atomic
def customer_create(*, owner: User, name: str, **fields: Any) -> Customer:
    customer = Customer(owner=owner, name=name.strip(), **fields)
    if customer.number:
        customer.full_clean()
        customer.save()
    else:
        save_numbered(customer, next_number=customer_number_next)
    return customer


@transaction.atomic
def customer_create_with_contact(
    *, owner: User, customer_fields: dict[str, Any], contact_fields: dict[str, Any] | None = None
) -> Customer:
    """A new customer and, when contact_fields are given, its first contact: both or neither."""
    customer = customer_create(owner=owner, **customer_fields)
    if contact_fields:
        contact_create(customer=customer, **contact_fields)
    return customer


@transaction.atomic
def customer_update(*, customer: Customer, **fields: Any) -> Customer:
    for name, value in fields.items():
        setattr(customer, name, value)
    customer.full_clean()
    customer.save(update_fields=[*fields, "updated_at"])
    return customer


@transaction.atomic
def contact_create(*, customer: Customer, last_name: str, **fields: Any) -> Contact:
    if "position" in fields:  # "Einkaufsleiter /" as a note or an import cut it: no stray separator at the ends
        fields["position"] = fields["position"].strip(" /,;:-–·")
    contact = Contact(customer=customer, last_name=last_name.strip(), **fields)
    contact.full_clean()
    contact.save()
    _switchboard_derive(contact)
    return contact


def _switchboard_derive(contact: Contact) -> None:
    """A company without a switchboard number gets the base of a contact's direct dial (0711 4567-12 → 0711 4567).

    The base is what a caller dials for the switchboard in German PBX numbering, and the phone lookup
    finds the company by it for a direct dial nobody has on record.
    """
    customer = contact.customer
    base = split_extension(contact.phone, contact.extension)
    if base and not customer.phone:
        customer.phone = base
        customer.save(update_fields=["phone", "updated_at"])


def consent_settle(values: dict[str, Any]) -> None:
    """Consent given without a date was given today; withdrawn, its date and source no longer apply (UWG § 7)."""
    for channel in CONSENT_CHANNELS:
        flag = f"consent_{channel}"
        if values.get(flag) and not values.get(f"{flag}_date"):
            values[f"{flag}_date"] = timezone.localdate()
        elif flag in values and not values[flag]:
            values[f"{flag}_date"], values[f"{flag}_source"] = None, ""


@transaction.atomic
def contact_update(*, contact: Contact, **fields: Any) -> Contact:
    """Change the given fields; a consent changed in part is completed from what the contact has."""
    for channel in CONSENT_CHANNELS:
        names = [f"consent_{channel}{suffix}" for suffix in ("", "_date", "_source")]
        if any(name in fields for name in names):
            fields = {**{name: getattr(contact, name) for name in names}, **fields}
    consent_settle(fields)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean()
    contact.save(update_fields=[*fields, "updated_at"])
    _switchboard_derive(contact)
    return contact
