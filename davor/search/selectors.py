"""The one search: everything a user may see, grouped, best first.

``search`` decides per database (see backends.py) and always applies the
user's customer scope; ``phone_lookup`` is the caller-ID lookup the
telephony app uses too.
"""

import re
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from davor.calls.models import Call
from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.lib.phones import InvalidPhoneNumber, format_phone, parse_phone
from davor.orders.models import Order
from davor.pipeline.models import Opportunity, Referral
from davor.search import backends
from davor.search.text import MAX_QUERY_CHARS, Term, digits_of, excerpt, looks_like_phone, terms
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
NAMED = ("customer", "contact")  # the kinds whose names are also searched with typos
_NUMBER = re.compile(r"^[A-Za-z]{0,3}-?\d[\d-]*$")


@dataclass(frozen=True)
class Hit:
    kind: str
    pk: int
    title: str
    detail: str
    url: str
    why: tuple[str, str, str] | None = None  # the matched word in its text: before, word, after


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
    """Whose number it is, as the one lookup query found it: ids and the customer's brief columns, no model rows."""

    customer_id: int
    contact_id: int | None = None
    exact: bool = True  # False: the switchboard's customer of an unknown direct-dial number
    brief: tuple = ()  # the customer's _BRIEF columns, in that order

    @property
    def customer(self) -> Customer:
        """The customer with its brief columns loaded (the others load when first read), built without a query."""
        if not self.brief:
            return Customer.from_db(connection.alias, ("id",), (self.customer_id,))
        return Customer.from_db(connection.alias, _BRIEF, self.brief)

    @property
    def contact(self) -> Contact | None:
        if self.contact_id is None:
            return None
        contact = Contact.from_db(connection.alias, _CONTACT_IDS, (self.contact_id, self.customer_id))
        Contact.customer.field.set_cached_value(contact, self.customer)
        return contact


def search(*, user: User, query: str, prefix: bool = False, limit: int = 8) -> SearchResults:
    """Customers, contacts, calls, orders, purchase wishes and referrals matching ``query``.

    ``prefix`` (as you type) lets the last word match the start of a word.
    A plain search that finds nothing is retried as a prefix search when
    its last word is no word of the index (it was not typed to its end).
    Names like the words (typos, other spellings) are looked for unless
    the words are common in notes, orders, wishes or referrals (a window of
    newest matches full of them): then they are words, not a misspelt name.
    """
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    found: dict[str, list[int]] = {}
    if looks_like_phone(query):
        phone = phone_lookup(user=user, number=query)
        if phone is None:
            found["contact"], found["customer"] = _phone_prefix(user=user, digits=digits_of(query), limit=limit)
        else:
            found["customer"] = [phone.customer_id]
            if phone.contact_id is not None:
                found["contact"] = [phone.contact_id]
    if _NUMBER.match(query):
        _merge(found, "customer", _customer_numbers(user=user, query=query, limit=limit))
    for kind in ("contact", "customer"):
        _merge(found, kind, backends.email_owners(kind=kind, email=query, user=user, limit=limit))
    words = terms(query, prefix=prefix)
    ranked = backends.text_ranked(terms=words, user=user, limit=limit)
    for kind, matches in ranked.items():
        _merge(found, kind, matches.ids)
    common = any(matches.crowded for kind, matches in ranked.items() if kind not in NAMED)
    for kind in NAMED:
        if not common and len(found.get(kind, [])) < limit:
            _merge(found, kind, backends.similar_names(kind=kind, terms=words, user=user, limit=limit))
    results = _results(query, found, user=user, limit=limit)
    if not results.groups and not prefix and words and not backends.is_whole_word(words[-1].word):
        # Enter pressed on a word not yet complete ("Wartungsv"): as if still typing.
        return search(user=user, query=query, prefix=True, limit=limit)
    return results


def phone_lookup(*, user: User, number: str) -> PhoneMatch | None:
    """Who has this number: a contact's direct line or mobile, a customer's switchboard.

    A direct-dial number whose extension nobody has on record falls back to
    the customer with the longest switchboard number it starts with. One
    query (asked on every ringing phone): the best contact with the full
    number and the best switchboard customer, of which the contact wins.
    """
    try:
        e164 = parse_phone(number).e164
    except InvalidPhoneNumber:
        return None
    where, scope = backends.scope_sql(user)
    stems = [e164[:end] for end in range(len(e164), max(len(e164) - LONGEST_EXTENSION, 4) - 1, -1)]
    columns = ", ".join(f"cu.{column}" for column in _BRIEF)
    sql = (
        f"SELECT * FROM (SELECT t.id AS contact_id, {columns} FROM customers_contact t "
        "JOIN customers_customer cu ON cu.id = t.customer_id "
        f"WHERE (t.phone = %s OR t.mobile = %s) AND {where} ORDER BY t.is_active DESC, t.id LIMIT 1) AS by_contact "
        f"UNION ALL SELECT * FROM (SELECT CAST(NULL AS bigint) AS contact_id, {columns} FROM customers_customer cu "
        f"WHERE cu.phone IN ({', '.join(['%s'] * len(stems))}) AND {where} "
        "ORDER BY length(cu.phone) DESC, cu.id LIMIT 1) AS by_switchboard"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [e164, e164, *scope, *stems, *scope])
        rows = cursor.fetchall()
    if not rows:
        return None
    contact_id, *brief = next((r for r in rows if r[0] is not None), rows[0])  # a contact beats a switchboard
    customer_id, phone = brief[_BRIEF.index("id")], brief[_BRIEF.index("phone")]
    exact = contact_id is not None or phone == e164
    return PhoneMatch(customer_id=customer_id, contact_id=contact_id, exact=exact, brief=tuple(brief))


# Columns in the models' field order, as Model.from_db wants them (the others are deferred).
_BRIEF = tuple(
    f.attname
    for f in Customer._meta.concrete_fields
    if f.attname in {"id", "name", "number", "city", "phone", "status", "owner_id"}
)
_CONTACT_IDS = tuple(f.attname for f in Contact._meta.concrete_fields if f.attname in {"id", "customer_id"})


def _on_customer(scope: Q, via: str = "customer") -> Q:
    """customer_scope (a Q on Customer) as a Q on a model with a ``customer`` foreign key: a join, not a list.

    (``customer__in=<scoped queryset>`` makes SQLite list every visible customer's id first: 24 ms at 100,000.)
    """
    result = Q()
    result.connector, result.negated = scope.connector, scope.negated
    result.children = [
        _on_customer(child, via) if isinstance(child, Q) else (f"{via}__{child[0]}", child[1])  # type: ignore[index]
        for child in scope.children
    ]
    return result


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


# The columns each kind's hit shows (loading whole calls and orders would read every wrap-up fact).
_SHOWN = {
    "customer": ("name", "number", "city", "phone"),
    "contact": ("title", "first_name", "last_name", "position", "phone", "customer__name"),
    "call": ("started_at", "note", "personal_note", "customer__name"),
    "order": ("number", "delivery_note", "conditions", "customer__name"),
    "opportunity": ("description", "customer__name"),
    "referral": ("note", "referring_customer__name", "prospect__name"),
}


def _results(query: str, found: dict[str, list[int]], *, user: User, limit: int) -> SearchResults:
    """The hits of ``found``, loaded again through customer_scope (the backends' SQL scope is not trusted alone)."""
    scope = customer_scope(user)
    on_customer = _on_customer(scope)
    loaders = {
        "customer": lambda: Customer.objects.filter(scope),
        "contact": lambda: Contact.objects.filter(on_customer).select_related("customer"),
        "call": lambda: Call.objects.filter(on_customer).select_related("customer"),
        "order": lambda: Order.objects.filter(on_customer).select_related("customer"),
        "opportunity": lambda: Opportunity.objects.filter(on_customer).select_related("customer"),
        "referral": lambda: Referral.objects.filter(_on_customer(scope, "referring_customer")).select_related(
            "referring_customer", "prospect"
        ),
    }
    groups = []
    items = terms(query, prefix=True)
    for kind, load in loaders.items():
        ids = found.get(kind, [])[:limit]
        if not ids:
            continue
        objects = {obj.pk: obj for obj in load().filter(pk__in=ids).only(*_SHOWN[kind])}
        hits = [_with_why(_hit(kind, objects[pk]), objects[pk], items) for pk in ids if pk in objects]
        if hits:
            groups.append(Group(kind=kind, hits=hits))
    return SearchResults(query=query, groups=groups)


def _shortened(text: str, length: int = 140) -> str:
    """Plain text cut to ``length`` characters with an ellipsis (Truncator would parse it as HTML)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# The texts of a hit where the words can be found that are not its title.
_TEXTS = {"call": ("note", "personal_note"), "order": ("delivery_note", "conditions"), "referral": ("note",)}


def _with_why(hit: Hit, obj, items: list[Term]) -> Hit:
    """The hit, saying where in its texts the query's words stand (a call found by a word of its note)."""
    for attribute in _TEXTS.get(hit.kind, ()):
        if why := excerpt(getattr(obj, attribute) or "", items):
            return replace(hit, why=why)
    return hit


def _hit(kind: str, obj) -> Hit:
    if kind == "customer":
        detail = " · ".join(p for p in (obj.number, obj.city, format_phone(obj.phone)) if p)
        return Hit(kind, obj.pk, obj.name, detail, obj.get_absolute_url())
    if kind == "contact":
        detail = " · ".join(p for p in (obj.position, obj.customer.name, format_phone(obj.phone)) if p)
        return Hit(kind, obj.pk, obj.full_name, detail, f"{obj.customer.get_absolute_url()}#contact-{obj.pk}")
    if kind == "call":
        title = f"{obj.customer.name} · {date_format(obj.started_at, 'SHORT_DATE_FORMAT')}"
        return Hit(kind, obj.pk, title, _shortened(obj.note or obj.personal_note), obj.get_absolute_url())
    if kind == "order":
        detail = " · ".join(p for p in (obj.customer.name, obj.delivery_note, obj.conditions[:80]) if p)
        return Hit(kind, obj.pk, obj.number, detail, obj.get_absolute_url())
    if kind == "opportunity":
        return Hit(kind, obj.pk, obj.description, obj.customer.name, obj.customer.get_absolute_url())
    title = f"{obj.referring_customer.name} → {obj.prospect.name}"
    return Hit(kind, obj.pk, title, obj.note, reverse("customers:detail", args=[obj.prospect_id]))
