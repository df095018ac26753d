"""Demo wrap-ups: what a seller would have recorded after each call.

Every call becomes a ``WrapupData`` and goes through ``wrapup_submit``, so
the demo obeys the same rules as the screen. Dates are relative to the day
the demo is loaded.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from davor.calls.wrapup import (
    AppointmentData,
    BudgetData,
    CareData,
    LineData,
    OrderData,
    ParticipantData,
    ReferralData,
    TaskData,
    WishData,
    WrapupData,
)
from davor.customers.models import Contact, Customer
from davor.users.demo.catalog import (
    APPOINTMENT_TITLES,
    CUSTOMER_PROMISES,
    LOCATIONS,
    NOTES,
    OUR_PROMISES,
    PERSONAL_NOTES,
    PRODUCT_GROUPS_BY_INDUSTRY,
    PRODUCTS,
    WISHES,
)

TALKED = {"deal", "offer", "follow_up"}
_QUANTITIES = {
    "Stk.": (1, 12),
    "VE": (10, 40),
    "Box": (20, 60),
    "Pal.": (1, 3),
    "Rolle": (24, 120),
    "Ktn.": (2, 10),
    "Kan.": (2, 8),
}
_PAYMENT: list[dict[str, Any]] = [
    {"payment_net_days": 30, "skonto_percent": Decimal("2"), "skonto_days": 10},
    {"payment_net_days": 30, "skonto_percent": Decimal("2"), "skonto_days": 10},
    {"payment_net_days": 60, "skonto_percent": Decimal("3"), "skonto_days": 14},
    {"payment_net_days": 14},
    {"prepayment": True},
]
_CONDITIONS = ["", "", "Preise gültig bis Jahresende.", "Mindermengenzuschlag entfällt.", "Teillieferung erlaubt."]


@dataclass
class CallPlan:
    customer: Customer
    kind: str
    at: datetime
    next_contact: date | None = None
    care_due: date | None = None
    appointment_at: datetime | None = None
    promise_due: date | None = None
    incomplete: bool = False


@dataclass
class Known:
    """What earlier calls already recorded about a customer: asked once, not asked again."""

    topics: set[str] = field(default_factory=set)


def workday(day: date, step: int = 1) -> date:
    """``day`` itself if it is Monday to Friday, else the next (or, with step -1, previous) one."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def wrapup_for(
    plan: CallPlan,
    *,
    rng: random.Random,
    contacts: list[Contact],
    known: Known,
    referrals: list[tuple],
    outcome_id: int,
) -> WrapupData:
    day = timezone.localtime(plan.at).date()
    contact = contacts[0] if plan.kind == "not_reached" or rng.random() < 0.7 else rng.choice(contacts)
    data = WrapupData(
        outcome_id=outcome_id,
        started_at=plan.at,
        direction="in" if plan.kind != "not_reached" and rng.random() < 0.2 else "out",
        duration_minutes=None if plan.kind == "not_reached" else rng.randint(3, 24),
        contact_ids=[contact.pk],
        note=rng.choice(NOTES[plan.kind]),
    )
    if plan.kind == "deal":
        _deal(data, plan, rng, contact, day)
    elif plan.kind == "offer":
        product = rng.choice(_products(plan.customer))[0]
        data.tasks.append(
            TaskData("our_promise", f"{rng.choice(OUR_PROMISES)}: {product}", workday(day + _days(rng, 1, 3)))
        )
        data.next_contact = workday(day + _days(rng, 7, 12))
    elif plan.kind == "follow_up":
        data.next_contact = workday(day + _days(rng, 7, 28))
    elif plan.kind == "not_reached":
        data.next_contact = workday(day + _days(rng, 1, 3))
    elif plan.kind == "no_interest":
        data.next_contact = workday(day + _days(rng, 120, 180))
    if plan.kind in TALKED:
        _extended(data, rng, contact, known, referrals, day)
        if plan.appointment_at is None and plan.kind != "deal" and rng.random() < 0.35:
            plan.appointment_at = at_local(workday(day + _days(rng, 2, 14)), rng.choice([9, 10, 11, 14, 15]))
    if plan.appointment_at is not None:
        data.appointments.append(_appointment(plan, rng, contacts))
    if plan.next_contact is not None:
        data.next_contact = plan.next_contact
    if plan.promise_due is not None:
        if not data.tasks:
            data.tasks.append(TaskData("customer_promise", rng.choice(CUSTOMER_PROMISES), plan.promise_due))
        data.tasks[0].due = plan.promise_due
    if plan.incomplete:
        _leave_gaps(data, plan.kind, rng)
    return data


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _products(customer: Customer) -> list[tuple[str, str, Decimal]]:
    groups = PRODUCT_GROUPS_BY_INDUSTRY.get(customer.industry, ["workshop", "office"])
    return [product for group in groups for product in PRODUCTS[group]]


def _deal(data: WrapupData, plan: CallPlan, rng: random.Random, contact: Contact, day: date) -> None:
    lines = []
    for description, unit, price in rng.sample(_products(plan.customer), rng.randint(1, 3)):
        low, high = _QUANTITIES[unit]
        lines.append(LineData(description, Decimal(rng.randint(low, high)), unit, price))
    order = OrderData(lines=lines, **rng.choice(_PAYMENT))
    start = workday(day + _days(rng, 5, 15))
    style = rng.choice(["week", "weeks", "date"])
    if style == "week":
        order.delivery_earliest = start - timedelta(days=start.weekday())
        order.delivery_earliest = max(order.delivery_earliest, day)
        order.delivery_latest = start + timedelta(days=4 - start.weekday())
        order.delivery_note = f"KW {start.isocalendar().week}"
    elif style == "weeks":
        weeks = rng.randint(2, 4)
        order.delivery_latest = day + timedelta(weeks=weeks)
        order.delivery_note = f"in {weeks} Wochen"
    else:
        order.delivery_latest = start
    if rng.random() < 0.4:
        order.discount_percent = Decimal(rng.choice([3, 5, 8]))
    order.shipping, order.shipping_place = rng.choice(
        [("free_delivery", ""), ("free_delivery", ""), ("ex_works", ""), ("DAP", plan.customer.city)]
    )
    order.conditions = rng.choice(_CONDITIONS)
    preferred = contact.preferred_channel
    order.confirmation_channel = preferred if preferred in ("email", "fax", "post") else "email"
    order.confirmation_copies = 2 if order.confirmation_channel != "email" and rng.random() < 0.5 else 1
    data.order = order
    data.care = CareData(rng.choice(["sms", "email", "phone"]), plan.care_due or workday(day + timedelta(days=1)))
    if rng.random() < 0.4:
        data.tasks.append(TaskData("customer_promise", rng.choice(CUSTOMER_PROMISES), workday(day + _days(rng, 2, 6))))
    data.next_contact = workday(day + _days(rng, 21, 42))
    if plan.appointment_at is None and rng.random() < 0.2 and order.delivery_latest:
        plan.appointment_at = at_local(workday(order.delivery_latest), 9)


def _extended(
    data: WrapupData, rng: random.Random, contact: Contact, known: Known, referrals: list[tuple], day: date
) -> None:
    if "wishes" not in known.topics and rng.random() < 0.35:
        description, value = rng.choice(WISHES)
        data.wishes.append(WishData(description, workday(day + _days(rng, 60, 240)), value))
        known.topics.add("wishes")
    else:
        data.asked_nothing.add("wishes")
    if "budget" not in known.topics and rng.random() < 0.3:
        month = rng.choice([9, 10, 10, 11])
        data.budget = BudgetData(
            planning_month=month,
            fiscal_year_start_month=1,
            expected_amount=Decimal(rng.choice([15000, 25000, 40000, 80000])),
            note=rng.choice(["Budgetrunde mit der Geschäftsführung", "Investitionsplan im Herbst", ""]),
        )
        known.topics.add("budget")
    else:
        data.asked_nothing.add("budget")
    if referrals and rng.random() < 0.15:
        company, name, position, phone = referrals.pop(0)
        note = f"Empfohlen von {contact.full_name}, darf mich auf sie/ihn berufen."
        data.referrals.append(ReferralData(company=company, name=name, position=position, phone=phone, note=note))
    else:
        data.asked_nothing.add("referrals")
    if contact.personal_notes and "personal" not in known.topics:
        data.personal_note = contact.personal_notes
        known.topics.add("personal")
    elif rng.random() < 0.25:
        data.personal_note = rng.choice(PERSONAL_NOTES)
    else:
        data.asked_nothing.add("personal")


def _appointment(plan: CallPlan, rng: random.Random, contacts: list[Contact]) -> AppointmentData:
    people = contacts[: rng.randint(1, min(2, len(contacts)))]
    location = rng.choice(LOCATIONS).format(street=plan.customer.street, city=plan.customer.city)
    return AppointmentData(
        start=plan.appointment_at,
        duration_minutes=rng.choice([30, 45, 60, 60, 90, 120]),
        location=location,
        title=rng.choice(APPOINTMENT_TITLES),
        participants=[ParticipantData(p.full_name, p.position, p.extension, p.pk) for p in people],
    )


def _leave_gaps(data: WrapupData, kind: str, rng: random.Random) -> None:
    """What sellers really forget: one or two points the completeness check will list."""
    options = ["extended"]
    if kind == "deal":
        options += ["confirmation", "payment", "care"]
    if kind == "offer":
        options.append("promise")
    if data.appointments:
        options.append("duration")
    order = data.order or OrderData()
    for choice in rng.sample(options, min(len(options), rng.randint(1, 2))):
        if choice == "extended" and data.asked_nothing:
            data.asked_nothing.discard(rng.choice(sorted(data.asked_nothing)))
        elif choice == "extended":
            data.personal_note = ""
        elif choice == "confirmation":
            order.confirmation_channel = ""
        elif choice == "payment":
            order.payment_net_days = order.skonto_percent = order.skonto_days = None
            order.prepayment = False
        elif choice == "care":
            data.care = None
        elif choice == "promise":
            data.tasks[0].due = None
        elif choice == "duration":
            data.appointments[0].duration_minutes = None
