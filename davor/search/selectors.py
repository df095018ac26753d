"""The one search: everything a user may see, grouped, best first.

``search`` decides per database (see backends.py) and always applies the
user's customer scope; ``phone_lookup`` is the caller-ID lookup the
telephony app uses too.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.lib.phones import InvalidPhoneNumber, format_phone, parse_phone
from davor.orders.models import Order
from davor.pipeline.models import Opportunity, Referral
from davor.search import backends
from davor.search.text import MAX_QUERY_CHARS, digits_of, looks_like_phone, terms
from davor.users.models import User

GROUP_LABELS = {
    "phone": _("Phone number"),
    "customer": _("Customers"),
    "contact": _("Contacts"),
    "call": _("Calls"),
    "order": _("Orders"),
    "opportunity": _("Purchase wishes"),
    "referral": _("Referrals"),
}
LONGEST_EXTENSION = 6
_NUMBER = re.compile(r"^[A-Za-z]{0,3}-?\d[\d-]*$")


@dataclass(frozen=True)
class Hit:
    kind: str
    pk: int
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    kind: str
    hits: list[Hit]

    @property
    def label(self) -> str:
        return str(GROUP_LABELS[self.kind])


@dataclass(frozen=True)
class SearchResults:
    query: str
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)

    def ids(self, kind: str) -> list[int]:
        return [hit.pk for group in self.groups if group.kind == kind for hit in group.hits]


@dataclass(frozen=True)
class PhoneMatch:
    customer: Customer
    contact: Contact | None = None
    exact: bool = True  # False: the switchboard's customer of an unknown direct-dial number


def search(*, user: User, query: str, prefix: bool = False, limit: int = 8) -> SearchResults:
    """Customers, contacts, calls, orders, purchase wishes and referrals matching ``query``.

    ``prefix`` (as you type) lets the last word match the start of a word.
    A plain search that finds nothing is retried as a prefix search.
    """
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    found: dict[str, list[int]] = {}
    phone = phone_lookup(user=user, number=query) if looks_like_phone(query) else None
    if phone is not None:
        found["customer"] = [phone.customer.pk]
        if phone.contact is not None:
            found["contact"] = [phone.contact.pk]
    elif looks_like_phone(query):
        found["contact"], found["customer"] = _phone_prefix(user=user, digits=digits_of(query), limit=limit)
    if _NUMBER.match(query):
        _merge(found, "customer", _customer_numbers(user=user, query=query, limit=limit))
    for kind in ("contact", "customer"):
        _merge(found, kind, backends.email_owners(kind=kind, email=query, user=user, limit=limit))
    words = terms(query, prefix=prefix)
    for kind in backends.CUSTOMER_COLUMN:
        ids = backends.text_ranked(kind=kind, terms=words, user=user, limit=limit)
        _merge(found, kind, ids)
        if kind in ("customer", "contact") and len(found.get(kind, [])) < limit:
            _merge(found, kind, backends.similar_names(kind=kind, terms=words, user=user, limit=limit))
    results = _results(query, found, user=user, limit=limit)
    if not results.groups and not prefix and words:
        return search(user=user, query=query, prefix=True, limit=limit)
    return results


def phone_lookup(*, user: User, number: str) -> PhoneMatch | None:
    """Who has this number: a contact's direct line or mobile, a customer's switchboard.

    A direct-dial number whose extension nobody has on record falls back to
    the customer with the longest switchboard number it starts with.
    """
    try:
        e164 = parse_phone(number).e164
    except InvalidPhoneNumber:
        return None
    scope = customer_scope(user)
    contact = (
        Contact.objects.filter(Q(phone=e164) | Q(mobile=e164))
        .filter(_on_customer(scope))
        .select_related("customer")
        .order_by("-is_active", "pk")
        .first()
    )
    if contact is not None:
        return PhoneMatch(customer=contact.customer, contact=contact)
    stems = [e164[:end] for end in range(len(e164), max(len(e164) - LONGEST_EXTENSION, 4) - 1, -1)]
    customer = (
        Customer.objects.filter(scope, phone__in=stems).order_by(Length("phone").desc(), "pk").only(*_BRIEF).first()
    )
    if customer is None:
        return None
    return PhoneMatch(customer=customer, exact=customer.phone == e164)


_BRIEF = ("pk", "name", "number", "city", "phone", "status", "owner_id")


def _on_customer(scope: Q) -> Q:
    """customer_scope (a Q on Customer) as a Q on a model with a ``customer`` foreign key: a join, not a list."""
    result = Q()
    result.connector, result.negated = scope.connector, scope.negated
    result.children = [_on_customer(child) if isinstance(child, Q) else _lookup(child) for child in scope.children]
    return result


def _lookup(child: Any) -> tuple[str, Any]:
    name, value = child
    return f"customer__{name}", value


def _phone_prefix(*, user: User, digits: str, limit: int) -> tuple[list[int], list[int]]:
    """A number typed so far (0711 123…): stored numbers that start with it."""
    start = "+49" + digits[1:] if digits.startswith("0") and not digits.startswith("00") else "+" + digits.lstrip("0")
    scope = customer_scope(user)
    contacts = Contact.objects.filter(
        Q(phone__startswith=start) | Q(mobile__startswith=start), _on_customer(scope)
    ).values_list("pk", flat=True)[:limit]
    customers = Customer.objects.filter(scope, phone__startswith=start).values_list("pk", flat=True)[:limit]
    return list(contacts), list(customers)


def _customer_numbers(*, user: User, query: str, limit: int) -> list[int]:
    wanted = query.upper()
    return list(
        Customer.objects.filter(customer_scope(user), number__gte=wanted, number__lt=wanted + "\uffff")
        .order_by("number")
        .values_list("pk", flat=True)[:limit]
    )


def _merge(found: dict[str, list[int]], kind: str, ids: list[int]) -> None:
    current = found.setdefault(kind, [])
    current.extend(pk for pk in ids if pk not in current)


def _results(query: str, found: dict[str, list[int]], *, user: User, limit: int) -> SearchResults:
    scope = customer_scope(user)
    visible = Customer.objects.filter(scope)
    loaders = {
        "customer": lambda ids: visible.filter(pk__in=ids),
        "contact": lambda ids: Contact.objects.filter(pk__in=ids, customer__in=visible).select_related("customer"),
        "call": lambda ids: Call.objects.filter(pk__in=ids, customer__in=visible).select_related("customer"),
        "order": lambda ids: Order.objects.filter(pk__in=ids, customer__in=visible).select_related("customer"),
        "opportunity": lambda ids: Opportunity.objects.filter(pk__in=ids, customer__in=visible).select_related(
            "customer"
        ),
        "referral": lambda ids: Referral.objects.filter(pk__in=ids, referring_customer__in=visible).select_related(
            "referring_customer", "prospect"
        ),
    }
    groups = []
    for kind, load in loaders.items():
        ids = found.get(kind, [])[:limit]
        if not ids:
            continue
        objects = {obj.pk: obj for obj in load(ids)}
        hits = [_hit(kind, objects[pk]) for pk in ids if pk in objects]
        if hits:
            groups.append(Group(kind=kind, hits=hits))
    return SearchResults(query=query, groups=groups)


def _hit(kind: str, obj) -> Hit:
    if kind == "customer":
        detail = " · ".join(p for p in (obj.number, obj.city, format_phone(obj.phone)) if p)
        return Hit(kind, obj.pk, obj.name, detail, obj.get_absolute_url())
    if kind == "contact":
        detail = " · ".join(p for p in (obj.position, obj.customer.name, format_phone(obj.phone)) if p)
        return Hit(kind, obj.pk, obj.full_name, detail, obj.customer.get_absolute_url())
    if kind == "call":
        title = f"{obj.customer.name} · {date_format(obj.started_at, 'SHORT_DATE_FORMAT')}"
        return Hit(kind, obj.pk, title, Truncator(obj.note or obj.personal_note).chars(140), obj.get_absolute_url())
    if kind == "order":
        detail = " · ".join(p for p in (obj.customer.name, obj.delivery_note, obj.conditions[:80]) if p)
        return Hit(kind, obj.pk, obj.number, detail, obj.get_absolute_url())
    if kind == "opportunity":
        return Hit(kind, obj.pk, obj.description, obj.customer.name, obj.customer.get_absolute_url())
    title = f"{obj.referring_customer.name} → {obj.prospect.name}"
    return Hit(kind, obj.pk, title, obj.note, reverse("customers:detail", args=[obj.prospect_id]))
