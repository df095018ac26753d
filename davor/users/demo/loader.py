"""Load the demo: a sales team, its customers and eight weeks of calls, in one transaction."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from davor.agenda.models import Appointment, Task
from davor.agenda.services import task_mark_done
from davor.calls.models import Call, Outcome
from davor.calls.services import wrapup_submit
from davor.customers.models import Contact, Customer
from davor.orders.models import CompanyProfile, Order
from davor.pipeline.models import BudgetCycle, Opportunity, Referral
from davor.users.demo.calls import CallPlan, Known, at_local, workday, wrapup_for
from davor.users.demo.catalog import REFERRALS
from davor.users.demo.people import Login, contacts_of, customers_create, users_create

DEMO_SEED = 2026
HISTORY_DAYS = 56
# How each customer's story went, oldest call first; the last call decides what is due now.
STORIES = [
    ["offer", "deal"],
    ["not_reached", "follow_up", "offer"],
    ["deal"],
    ["follow_up", "deal"],
    ["not_reached", "offer", "deal"],
    ["deal", "follow_up"],
    ["follow_up"],
    ["offer"],
    ["not_reached", "no_interest"],
    ["deal", "offer", "deal"],
    ["not_reached"],
    ["offer", "follow_up"],
]
# What the last call left for today, for the demo seller's customers (the rest: later).
DEMO_AGENDA = [
    *["overdue", "overdue", "promise_overdue", "today", "today", "promise_today", "promise_today"],
    *["care_today", "care_today", "appointment_today", "appointment_today", "called_today", "called_today"],
    "called_today",
]
JONAS_AGENDA = ["overdue", "today", "promise_today", "care_today", "appointment_today", "called_today"]
# Categories whose point on Today a gap could hide.
_KEEP_COMPLETE = {"care_today", "promise_today", "promise_overdue"}
INCOMPLETE = {"demo": 6, "jonas": 2}


@dataclass(frozen=True)
class DemoSummary:
    logins: list[Login]
    users: int
    customers: int
    contacts: int
    calls: int
    incomplete_calls: int
    orders: int
    appointments: int
    tasks: int
    open_tasks: int
    overdue_tasks: int
    opportunities: int
    budget_cycles: int
    referrals: int


@transaction.atomic
def demo_load(*, seed: int = DEMO_SEED, now: datetime | None = None) -> DemoSummary:
    """Fill an empty database with a demo; ``now`` (default: the present) anchors every date."""
    rng = random.Random(seed)
    now = timezone.localtime(now or timezone.now())
    users, logins = users_create()
    _company_profile_create()
    customers = customers_create(rng, users)
    outcomes = dict(Outcome.objects.values_list("kind", "pk"))
    plans = _plans(rng, customers, now)
    referrals = list(REFERRALS)
    final_calls: dict[int, str] = {}
    superseded: dict[int, datetime] = {}  # call → when the next call to the same customer took place
    for customer, category, customer_plans in plans:
        contacts = contacts_of(customer)
        known = Known()
        previous = None
        for plan in customer_plans:
            data = wrapup_for(
                plan, rng=rng, contacts=contacts, known=known, referrals=referrals, outcome_id=outcomes[plan.kind]
            )
            call = wrapup_submit(user=customer.owner, customer=customer, data=data)
            if previous is not None:
                superseded[previous.pk] = call.started_at
            previous = call
        final_calls[call.pk] = category
    _tick_off(rng, now, final_calls, superseded)
    return _summary(logins, now.date())


def _company_profile_create() -> None:
    """Our own letterhead, so that order confirmations can be rendered and sent from the demo."""
    CompanyProfile.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Vogt & Partner Industriebedarf GmbH",
            "street": "Liebknechtstraße 33",
            "postal_code": "70565",
            "city": "Stuttgart",
            "phone": "0711 98760-0",
            "fax": "0711 98760-99",
            "email": "vertrieb@vogt-industriebedarf.de",
            "website": "www.vogt-industriebedarf.de",
            "managing_directors": "Dr. Sabine Vogt, Markus Engel",
            "register_court": "Amtsgericht Stuttgart",
            "register_number": "HRB 765432",
            "vat_id": "DE812345678",
            "bank_name": "Volksbank Stuttgart",
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "VOBADESSXXX",
            "note_de": "Es gelten unsere Allgemeinen Geschäftsbedingungen.",
            "note_en": "Our general terms and conditions apply.",
        },
    )


def _plans(rng: random.Random, customers: list[Customer], now: datetime) -> list[tuple[Customer, str, list[CallPlan]]]:
    today = now.date()
    agendas = {"demo": list(DEMO_AGENDA), "jonas": list(JONAS_AGENDA)}
    for agenda in agendas.values():
        rng.shuffle(agenda)
    incomplete = dict(INCOMPLETE)
    slots = [(9, 30), (11, 0), (14, 30), (16, 0)]
    rng.shuffle(slots)
    plans = []
    for customer in customers:
        username = customer.owner.username
        category = agendas[username].pop() if agendas[username] else "later"
        story = list(rng.choice(STORIES))
        final = _final_plan(rng, customer, category, story[-1], now)
        if category == "appointment_today":
            final.appointment_at = at_local(today, *slots.pop())
        story[-1] = final.kind
        if incomplete[username] and final.kind in ("deal", "offer", "follow_up") and category not in _KEEP_COMPLETE:
            final.incomplete = True
            incomplete[username] -= 1
        final_day = timezone.localtime(final.at).date()
        earliest, latest = today - timedelta(days=HISTORY_DAYS), final_day - timedelta(days=4)
        days = sorted(
            {workday(earliest + timedelta(days=rng.randint(0, (latest - earliest).days)), -1) for _ in story[:-1]}
        )
        earlier = [CallPlan(customer, kind, _office_hours(rng, day)) for kind, day in zip(story, days, strict=False)]
        plans.append((customer, category, [*earlier, final]))
    return plans


def _final_plan(rng: random.Random, customer: Customer, category: str, kind: str, now: datetime) -> CallPlan:
    today = now.date()
    if category == "overdue":
        due = workday(today - timedelta(days=rng.randint(1, 5)), -1)
        day = workday(due - timedelta(days=rng.randint(4, 12)), -1)
        return CallPlan(customer, _talking(kind), _office_hours(rng, day), next_contact=due)
    if category == "today":
        day = workday(today - timedelta(days=rng.randint(3, 15)), -1)
        return CallPlan(customer, _talking(kind), _office_hours(rng, day), next_contact=today)
    if category == "care_today":
        day = workday(today - timedelta(days=1), -1)
        return CallPlan(customer, "deal", _office_hours(rng, day), care_due=today)
    if category == "promise_today":
        day = workday(today - timedelta(days=rng.randint(1, 4)), -1)
        return CallPlan(customer, "offer", _office_hours(rng, day), promise_due=today)
    if category == "promise_overdue":
        day = workday(today - timedelta(days=rng.randint(8, 14)), -1)
        due = workday(today - timedelta(days=rng.randint(1, 4)), -1)
        return CallPlan(customer, "deal", _office_hours(rng, day), promise_due=due)
    if category == "appointment_today":
        day = workday(today - timedelta(days=rng.randint(3, 9)), -1)
        return CallPlan(customer, "follow_up", _office_hours(rng, day))
    if category == "called_today":
        at = now.replace(second=0, microsecond=0) - timedelta(minutes=rng.randint(10, 150))
        if at.date() != today or at.hour < 8:
            # Loaded before office hours: these calls were the last ones yesterday.
            at = _office_hours(rng, workday(today - timedelta(days=1), -1))
        return CallPlan(customer, kind, at)
    day = workday(today - timedelta(days=rng.randint(1, 25)), -1)
    return CallPlan(customer, kind, _office_hours(rng, day))


def _talking(kind: str) -> str:
    """Outcomes that end with a next contact worth listing."""
    return kind if kind in ("offer", "follow_up", "not_reached") else "follow_up"


def _office_hours(rng: random.Random, day: date) -> datetime:
    return at_local(day, rng.randint(8, 17), rng.choice([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]))


def _tick_off(rng: random.Random, now: datetime, final_calls: dict[int, str], superseded: dict[int, datetime]) -> None:
    """Mark done what a diligent seller has done by now, keeping the few open points the demo shows.

    A later call to the same customer was the next contact the earlier one planned.
    """
    today = now.date()
    tasks = Task.objects.filter(done_at__isnull=True, due__isnull=False).select_related("call", "owner")
    for task in tasks.order_by("pk"):
        if task.kind == Task.Kind.FOLLOW_UP and task.call_id in superseded:
            task_mark_done(user=task.owner, task=task, at=superseded[task.call_id])
            continue
        due = task.due
        assert due is not None  # filtered above
        category = final_calls.get(task.call_id) if task.call_id else None
        if due > today or (category and due == today):
            continue
        if category and _stays_open(rng, task, category):
            continue
        started = task.call.started_at if task.call else now
        done_at = min(now, max(started + timedelta(hours=1), at_local(due, rng.randint(8, 16))))
        task_mark_done(user=task.owner, task=task, at=done_at)


def _stays_open(rng: random.Random, task: Task, category: str) -> bool:
    if task.kind == Task.Kind.FOLLOW_UP:
        return category == "overdue"
    if task.kind == Task.Kind.CUSTOMER_PROMISE:
        return category == "promise_overdue" or rng.random() < 0.3
    if task.kind == Task.Kind.OUR_PROMISE:
        return rng.random() < 0.2
    return False


def _summary(logins: list[Login], today: date) -> DemoSummary:
    open_tasks = Task.objects.filter(done_at__isnull=True)
    return DemoSummary(
        logins=logins,
        users=len(logins),
        customers=Customer.objects.count(),
        contacts=Contact.objects.count(),
        calls=Call.objects.count(),
        incomplete_calls=Call.objects.filter(is_complete=False).count(),
        orders=Order.objects.count(),
        appointments=Appointment.objects.count(),
        tasks=Task.objects.count(),
        open_tasks=open_tasks.count(),
        overdue_tasks=open_tasks.filter(due__lt=today).count(),
        opportunities=Opportunity.objects.count(),
        budget_cycles=BudgetCycle.objects.count(),
        referrals=Referral.objects.count(),
    )


__all__ = ["DEMO_SEED", "DemoSummary", "demo_load"]
