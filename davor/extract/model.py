"""Typed results of the extractor.

Every fact carries the character span(s) of the note it was read from, so that
the web form can highlight it.  ``Extraction.to_dict()`` gives exactly the
object fixed by SCHEMA.md (spans left out, every key present).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Span = tuple[int, int]


def _num(value: float | None) -> float | int | None:
    """Whole numbers print as integers (5, not 5.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(slots=True)
class OrderLine:
    """One article ordered or confirmed in the call."""

    quantity: float | None
    unit: str | None
    product: str
    unit_price: float | None
    currency: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": _num(self.quantity),
            "unit": self.unit,
            "product": self.product,
            "unit_price": _num(self.unit_price),
            "currency": self.currency,
        }


@dataclass(slots=True)
class Delivery:
    earliest: date | None
    latest: date | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"earliest": _iso(self.earliest), "latest": _iso(self.latest)}


@dataclass(slots=True)
class Payment:
    net_days: int | None = None
    discount_percent: float | None = None
    discount_days: int | None = None
    prepayment: bool | None = None
    spans: list[Span] = field(default_factory=list)

    def empty(self) -> bool:
        return self.net_days is None and self.discount_percent is None and not self.prepayment

    def to_dict(self) -> dict[str, Any]:
        return {
            "net_days": self.net_days,
            "discount_percent": _num(self.discount_percent),
            "discount_days": self.discount_days,
            "prepayment": True if self.prepayment else None,
        }


@dataclass(slots=True)
class Confirmation:
    channel: str | None
    copies: int | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"channel": self.channel, "copies": self.copies}


@dataclass(slots=True)
class Person:
    """One person of the note, merged over all mentions of them."""

    name: str
    position: str | None = None
    extension: str | None = None
    phone: str | None = None
    email: str | None = None
    company: str | None = None
    gender: str | None = None  # "m" / "f" from a salutation, for pronouns
    ours: bool = False  # our own staff: never a contact or participant
    referral: bool = False
    spans: list[Span] = field(default_factory=list)

    @property
    def has_details(self) -> bool:
        return any((self.position, self.extension, self.phone, self.email))

    def as_participant(self) -> dict[str, Any]:
        return {"name": self.name, "position": self.position, "extension": self.extension}

    def as_contact(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "position": self.position,
            "extension": self.extension,
            "phone": self.phone,
            "email": self.email,
        }

    def as_referral(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "company": self.company,
            "position": self.position,
            "phone": self.phone,
            "email": self.email,
        }


@dataclass(slots=True)
class Appointment:
    start: datetime
    duration_minutes: int | None
    location: str | None
    participants: list[Person]
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": self.duration_minutes,
            "location": self.location,
            "participants": [p.as_participant() for p in self.participants],
        }


@dataclass(slots=True)
class Commitment:
    by: str  # "us" or "customer"
    what: str
    due: date | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "what": self.what, "due": _iso(self.due)}


@dataclass(slots=True)
class Wish:
    text: str
    span: Span


@dataclass(slots=True)
class Budget:
    planning_month: int | None = None
    fiscal_year_start_month: int | None = None
    amount: float | None = None
    currency: str | None = None
    spans: list[Span] = field(default_factory=list)

    def empty(self) -> bool:
        return self.planning_month is None and self.fiscal_year_start_month is None and self.amount is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "planning_month": self.planning_month,
            "fiscal_year_start_month": self.fiscal_year_start_month,
            "amount": _num(self.amount),
            "currency": self.currency,
        }


@dataclass(slots=True)
class Fact:
    """A scalar fact (shipping term, price discount) with where it was read."""

    value: Any
    span: Span


@dataclass(slots=True)
class Extraction:
    lang: str = "de"
    order_lines: list[OrderLine] = field(default_factory=list)
    delivery: Delivery | None = None
    payment: Payment | None = None
    price_discount: Fact | None = None
    shipping: Fact | None = None
    confirmation: Confirmation | None = None
    appointments: list[Appointment] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    purchase_wishes: list[Wish] = field(default_factory=list)
    budget: Budget | None = None
    referrals: list[Person] = field(default_factory=list)
    contacts: list[Person] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "order_lines": [o.to_dict() for o in self.order_lines],
            "delivery": self.delivery.to_dict() if self.delivery else None,
            "payment": self.payment.to_dict() if self.payment and not self.payment.empty() else None,
            "price_discount_percent": _num(self.price_discount.value) if self.price_discount else None,
            "shipping": self.shipping.value if self.shipping else None,
            "confirmation": self.confirmation.to_dict() if self.confirmation else None,
            "appointments": [a.to_dict() for a in self.appointments],
            "commitments": [c.to_dict() for c in self.commitments],
            "purchase_wishes": [w.text for w in self.purchase_wishes],
            "budget": self.budget.to_dict() if self.budget and not self.budget.empty() else None,
            "referrals": [p.as_referral() for p in self.referrals],
            "contacts": [p.as_contact() for p in self.contacts],
        }

    def spans(self) -> list[tuple[str, Span]]:
        """Every recognised fact as (key, span), for highlighting in the form."""
        out: list[tuple[str, Span]] = [("order_line", o.span) for o in self.order_lines]
        if self.delivery:
            out.append(("delivery", self.delivery.span))
        if self.payment:
            out += [("payment", s) for s in self.payment.spans]
        for key, fact in (("price_discount_percent", self.price_discount), ("shipping", self.shipping)):
            if fact:
                out.append((key, fact.span))
        if self.confirmation:
            out.append(("confirmation", self.confirmation.span))
        out += [("appointments", a.span) for a in self.appointments]
        out += [("commitments", c.span) for c in self.commitments]
        out += [("purchase_wishes", w.span) for w in self.purchase_wishes]
        if self.budget:
            out += [("budget", s) for s in self.budget.spans]
        out += [("referrals", s) for p in self.referrals for s in p.spans]
        out += [("contacts", s) for p in self.contacts for s in p.spans]
        return sorted(out, key=lambda item: item[1])


EMPTY_KEYS = tuple(Extraction().to_dict())
