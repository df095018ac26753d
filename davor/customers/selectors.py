"""Reads of customers and contacts, always scoped to who is asking.

A seller sees the customers they own; a manager sees the whole team's; an
admin sees everyone's. Anything outside that scope is a 404, never a 403,
so that ids of other sellers' customers reveal nothing.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from davor.customers.models import Contact, Customer
from davor.lib.collation import german_sort_text
from davor.users.models import User


def customer_scope(user: User) -> Q:
    """The filter on Customer that this user may see."""
    if user.is_superuser or user.role == User.Role.ADMIN:
        return Q()
    if user.role == User.Role.MANAGER and user.team_id:
        return Q(owner__team_id=user.team_id) | Q(owner=user)
    return Q(owner=user)


def customer_list(*, user: User, query: str = "", status: str = "", city: str = "") -> QuerySet[Customer]:
    qs = Customer.objects.filter(customer_scope(user)).select_related("owner")
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(number__icontains=query)
            | Q(contacts__last_name__icontains=query)
            | Q(city__icontains=query)
        ).distinct()
    if status:
        qs = qs.filter(status=status)
    if city:
        qs = qs.filter(city__iexact=city)
    return qs


def customer_get_for_user(*, user: User, customer_id: int) -> Customer:
    return get_object_or_404(Customer.objects.filter(customer_scope(user)), pk=customer_id)


def customer_cities(*, user: User) -> list[str]:
    """The cities of the customers this user sees, for the list filter's suggestions."""
    cities = Customer.objects.filter(customer_scope(user)).exclude(city="").values_list("city", flat=True).distinct()
    return sorted(cities, key=german_sort_text)


def contact_get_for_user(*, user: User, contact_id: int, customer_id: int | None = None) -> Contact:
    """The contact, if the user may see its customer; with customer_id, only if it belongs to that customer."""
    scope = customer_scope(user)
    contacts = Contact.objects.filter(customer__in=Customer.objects.filter(scope)).select_related("customer")
    if customer_id is not None:
        contacts = contacts.filter(customer_id=customer_id)
    return get_object_or_404(contacts, pk=contact_id)


def contact_list(*, customer: Customer) -> QuerySet[Contact]:
    """A customer's contacts, those still there first. The customer comes from a scoped selector."""
    return customer.contacts.order_by("-is_active", "last_name", "first_name")


def contact_match(contacts: list[Contact], name: str, *, cutoff: float = 85) -> Contact | None:
    """The one contact a typed name means ("Hr. Kesler", "Müller", "Anna Schmidt"), or None.

    Fuzzy (rapidfuzz), so that typos and missing umlauts still match; a last
    name shared by two contacts matches neither.
    """
    from rapidfuzz import fuzz, process

    from davor.lib.names import split_name

    _salutation, _title, first, last = split_name(name)
    if not last or not contacts:
        return None
    wanted = _fold(f"{first} {last}")
    choices = {
        contact.pk: _fold(f"{contact.first_name} {contact.last_name}" if first else contact.last_name)
        for contact in contacts
    }
    hits = process.extract(wanted, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=2)
    if not hits or (len(hits) == 2 and hits[1][1] == hits[0][1]):
        return None
    best = hits[0][2]
    return next(contact for contact in contacts if contact.pk == best)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _fold(name: str) -> str:
    """Müller, Mueller and MÜLLER compare equal; Muller stays one letter off."""
    return " ".join(name.casefold().translate(_UMLAUTS).split())
