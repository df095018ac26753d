"""Quick capture: a free-text note becomes wrap-up suggestions.

The extractor (``davor.extract``, pure Python) reads the note; this module
turns its facts into a ``WrapupData`` for this customer (people matched to
the customer's contacts), merges them into what the seller already entered
without overwriting anything, and marks where in the note each fact was read.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from davor.calls.models import Outcome
from davor.calls.wrapup import (
    AppointmentData,
    BudgetData,
    LineData,
    NewContactData,
    OrderData,
    ParticipantData,
    ReferralData,
    TaskData,
    WishData,
    WrapupData,
)
from davor.customers.models import Contact, Customer
from davor.customers.selectors import contact_match
from davor.extract import Extraction, extract

DELIVERY_NOTE_MAX = 100
# What the live suggestions read of a note: a wrap-up note is a few hundred
# characters; a pasted e-mail thread should not cost seconds per keystroke.
CAPTURE_MAX_CHARS = 20_000


KIND_LABELS = {
    "order_line": _("order line"),
    "delivery": _("delivery"),
    "payment": _("payment terms"),
    "price_discount_percent": _("discount"),
    "shipping": _("shipping terms"),
    "confirmation": _("order confirmation"),
    "appointments": _("appointment"),
    "commitments": _("promise"),
    "purchase_wishes": _("purchase wish"),
    "budget": _("budget"),
    "referrals": _("referral"),
    "contacts": _("contact"),
}


@dataclass
class Segment:
    """A piece of the note; ``kind`` names the fact read from it, if any."""

    text: str
    kind: str = ""

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, ""))


@dataclass
class Capture:
    data: WrapupData
    extraction: Extraction
    segments: list[Segment] = field(default_factory=list)

    @property
    def found_anything(self) -> bool:
        return any(segment.kind for segment in self.segments)


def capture_note(
    *, note: str, customer: Customer, started_at: datetime, outcome_id: int, lang: str | None = None
) -> Capture:
    """Read the note; ``started_at`` is the call's time, against which "next Tuesday" resolves."""
    local = timezone.localtime(started_at).replace(tzinfo=None)
    note = note[:CAPTURE_MAX_CHARS]
    extraction = extract(note, now=local, lang=lang)
    contacts = list(customer.contacts.filter(is_active=True))
    spoke_with: list[int] = []
    new_contacts: list[NewContactData] = []
    for person in extraction.contacts:
        match = contact_match(contacts, person.name)
        if match is not None:
            spoke_with.append(match.pk)
        else:
            new_contacts.append(_new_contact(person))
    data = WrapupData(
        outcome_id=outcome_id or _outcome(extraction, note),
        started_at=started_at,
        contact_ids=list(dict.fromkeys(spoke_with)),
        new_contacts=new_contacts,
        note=note,
        order=_order(extraction, note),
        appointments=[_appointment(appointment, contacts) for appointment in extraction.appointments],
        tasks=[
            TaskData(kind="our_promise" if c.by == "us" else "customer_promise", title=c.what[:300], due=c.due)
            for c in extraction.commitments
        ],
        wishes=[WishData(description=wish.text[:300]) for wish in extraction.purchase_wishes],
        budget=_budget(extraction),
        referrals=[
            ReferralData(
                company=p.company or "",
                name=p.name or "",
                position=p.position or "",
                phone=p.phone or "",
                email=p.email or "",
            )
            for p in extraction.referrals
        ],
    )
    return Capture(data=data, extraction=extraction, segments=_segments(note, extraction))


def _order(extraction: Extraction, note: str) -> OrderData | None:
    order = OrderData(lines=[_line(line) for line in extraction.order_lines])
    if extraction.delivery:
        order.delivery_earliest = extraction.delivery.earliest
        order.delivery_latest = extraction.delivery.latest
        start, end = extraction.delivery.span
        order.delivery_note = note[start:end].strip()[:DELIVERY_NOTE_MAX]
    if extraction.payment and not extraction.payment.empty():
        payment = extraction.payment
        order.payment_net_days = payment.net_days
        order.skonto_percent = _decimal(payment.discount_percent)
        order.skonto_days = payment.discount_days
        order.prepayment = bool(payment.prepayment)
    if extraction.price_discount:
        order.discount_percent = _decimal(extraction.price_discount.value)
    if extraction.shipping:
        order.shipping = str(extraction.shipping.value)
    if extraction.confirmation:
        order.confirmation_channel = extraction.confirmation.channel or ""
        order.confirmation_copies = extraction.confirmation.copies or 1
    return None if order.is_empty else order


def _new_contact(person) -> NewContactData:
    """A person of the note with details who is not yet a contact of the customer."""
    return NewContactData(
        name=person.name,
        position=person.position or "",
        extension=person.extension or "",
        phone=person.phone or "",
        email=person.email or "",
    )


def _line(line) -> LineData:
    """An order line as the note says it; a line without a number is one of it, as an order form reads it."""
    return LineData(
        description=line.product[:300],
        quantity=_decimal(line.quantity) or Decimal(1),
        unit=(line.unit or "")[:20],
        unit_price=_decimal(line.unit_price),
    )


# Words that say how a call went, where no ordered article does (general
# sales vocabulary of German and English call notes, not taken from any note).
_OUTCOME_WORDS = [
    (Outcome.Kind.NO_INTEREST, r"kein(?:e|en)? (?:interesse|bedarf)|not interested|no (?:interest|need)"),
    (
        Outcome.Kind.NOT_REACHED,
        r"nicht erreicht|nicht erreichbar|niemand erreicht|mailbox|voicemail|not reached|no answer|couldn.t reach",
    ),
    (Outcome.Kind.DEAL, r"\b(?:bestellt|bestellung|auftrag erteilt|abschluss|ordered|placed an order)\b"),
    (Outcome.Kind.OFFER, r"\b(?:angebot|quote|quotation|offer)\b"),
]


def _outcome(extraction: Extraction, note: str) -> int:
    """The outcome the note speaks of: an order is a deal, a quote asked for an offer; 0 where it says none."""
    if extraction.order_lines:
        kind = Outcome.Kind.DEAL
    else:
        folded = note.casefold()
        found = [kind for kind, pattern in _OUTCOME_WORDS if re.search(pattern, folded)]
        if found:
            kind = found[0]
        elif extraction.appointments or extraction.commitments:
            kind = Outcome.Kind.FOLLOW_UP
        else:
            return 0
    outcome = Outcome.objects.filter(kind=kind, is_active=True).order_by("position", "pk").first()
    return outcome.pk if outcome else 0


def _appointment(appointment, contacts: list[Contact]) -> AppointmentData:
    people = []
    for person in appointment.participants:
        match = contact_match(contacts, person.name)
        people.append(
            ParticipantData(
                name=match.full_name if match else person.name,
                position=person.position or (match.position if match else ""),
                extension=person.extension or (match.extension if match else ""),
                contact_id=match.pk if match else None,
            )
        )
    return AppointmentData(
        start=timezone.make_aware(appointment.start, ZoneInfo(settings.TIME_ZONE)),
        duration_minutes=appointment.duration_minutes,
        location=(appointment.location or "")[:200],
        participants=people,
    )


def _budget(extraction: Extraction) -> BudgetData | None:
    budget = extraction.budget
    if budget is None or budget.empty():
        return None
    return BudgetData(
        planning_month=budget.planning_month,
        fiscal_year_start_month=budget.fiscal_year_start_month,
        expected_amount=_decimal(budget.amount),
        currency=budget.currency or "EUR",
    )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _segments(note: str, extraction: Extraction) -> list[Segment]:
    """The note cut into plain and recognised pieces, for highlighting; overlaps go to the first fact."""
    segments, position = [], 0
    for kind, (start, end) in extraction.spans():
        if start < position or end <= start:
            continue
        if start > position:
            segments.append(Segment(note[position:start]))
        segments.append(Segment(note[start:end], kind))
        position = end
    if position < len(note):
        segments.append(Segment(note[position:]))
    return segments


def wrapup_merge(base: WrapupData, extra: WrapupData) -> WrapupData:
    """``base`` with what ``extra`` adds: empty fields filled, new list items appended, nothing overwritten."""
    merged = WrapupData(**vars(base))
    merged.outcome_id = base.outcome_id or extra.outcome_id
    merged.contact_ids = list(dict.fromkeys([*base.contact_ids, *extra.contact_ids]))
    merged.new_contacts = base.new_contacts + [
        p for p in extra.new_contacts if not any(_same(p.name, b.name) for b in base.new_contacts)
    ]
    if extra.order is not None:
        merged.order = _merge_order(base.order, extra.order)
    merged.appointments = base.appointments + [
        a for a in extra.appointments if all(a.start != b.start for b in base.appointments)
    ]
    merged.tasks = base.tasks + [t for t in extra.tasks if not any(_same(t.title, b.title) for b in base.tasks)]
    merged.wishes = base.wishes + [
        w for w in extra.wishes if not any(_same(w.description, b.description) for b in base.wishes)
    ]
    merged.referrals = base.referrals + [
        r for r in extra.referrals if not any(_same(r.name or r.company, b.name or b.company) for b in base.referrals)
    ]
    if base.budget is None:
        merged.budget = extra.budget
    return merged


def _merge_order(base: OrderData | None, extra: OrderData) -> OrderData:
    if base is None:
        return extra
    merged = OrderData(**vars(base))
    for name, value in vars(extra).items():
        if name == "lines":
            continue
        current = getattr(merged, name)
        if current in (None, "", False) or (name == "confirmation_copies" and current == 1):
            setattr(merged, name, value)
    merged.lines = base.lines or list(extra.lines)
    return merged


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


__all__ = ["Capture", "Segment", "capture_note", "wrapup_merge"]
