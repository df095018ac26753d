"""Reads of calls and of what they produced, scoped to the user."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from davor.agenda.models import Appointment, Task
from davor.calls.models import Call
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
from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.orders.models import Order
from davor.pipeline.models import BudgetCycle, Opportunity, Referral
from davor.users.models import User


def call_get_for_user(*, user: User, call_id: int) -> Call:
    visible = Call.objects.filter(customer__in=Customer.objects.filter(customer_scope(user)))
    return get_object_or_404(visible.select_related("customer", "outcome", "user"), pk=call_id)


def wrapup_data_from_call(call: Call) -> WrapupData:
    """What the call's rows say, in the shape the form and the completeness check use."""
    order = Order.objects.filter(call=call).prefetch_related("lines").first()
    tasks = list(call.tasks.all())
    by_kind = {task.kind: task for task in tasks}
    care = by_kind.get(Task.Kind.CARE)
    follow_up = by_kind.get(Task.Kind.FOLLOW_UP)
    budget = BudgetCycle.objects.filter(customer_id=call.customer_id, call=call).first()
    return WrapupData(
        outcome_id=call.outcome_id,
        started_at=call.started_at,
        direction=call.direction,
        duration_minutes=call.duration_minutes,
        contact_ids=list(call.contacts.values_list("pk", flat=True)),
        note=call.note,
        personal_note=call.personal_note,
        order=_order_data(order) if order else None,
        appointments=[
            AppointmentData(
                start=a.start,
                duration_minutes=a.duration_minutes,
                location=a.location,
                title=a.title,
                id=a.pk,
                version=a.version,
                participants=[
                    ParticipantData(p.name, p.position, p.extension, p.contact_id) for p in a.participants.all()
                ],
            )
            for a in call.appointments.prefetch_related("participants")
        ],
        tasks=[
            TaskData(t.kind, t.title, t.due, t.channel, t.contact_id, id=t.pk)
            for t in tasks
            if t.kind in (Task.Kind.OUR_PROMISE, Task.Kind.CUSTOMER_PROMISE)
        ],
        wishes=[
            WishData(o.description, o.horizon, o.estimated_value, id=o.pk, version=o.version)
            for o in call.opportunities.all()
        ],
        budget=BudgetData(
            budget.planning_month, budget.fiscal_year_start_month, budget.expected_amount, budget.currency, budget.note
        )
        if budget
        else None,
        referrals=[
            ReferralData(
                company=r.prospect.name,
                name=r.prospect_contact.full_name if r.prospect_contact else "",
                note=r.note,
                id=r.pk,
            )
            for r in call.referrals.select_related("prospect", "prospect_contact")
        ],
        care=CareData(care.channel, care.due) if care else None,
        next_contact=follow_up.due if follow_up else None,
        asked_nothing=set(call.asked_nothing),
    )


def _order_data(order: Order) -> OrderData:
    return OrderData(
        lines=[
            LineData(line.description, line.quantity, line.unit, line.unit_price, line.discount_percent)
            for line in order.lines.all()
        ],
        delivery_earliest=order.delivery_earliest,
        delivery_latest=order.delivery_latest,
        delivery_note=order.delivery_note,
        payment_net_days=order.payment_net_days,
        skonto_percent=order.skonto_percent,
        skonto_days=order.skonto_days,
        prepayment=order.prepayment,
        discount_percent=order.discount_percent,
        shipping=order.shipping,
        shipping_place=order.shipping_place,
        conditions=order.conditions,
        confirmation_channel=order.confirmation_channel,
        confirmation_copies=order.confirmation_copies,
    )


@dataclass
class Briefing:
    """Everything to have in front of you before the next call with this customer."""

    customer: Customer
    last_order: Order | None
    confirmation_order: Order | None
    our_promises: list[Task]
    their_promises: list[Task]
    other_tasks: list[Task]
    appointments: list[Appointment]
    wishes: list[Opportunity]
    budget: BudgetCycle | None
    referrals_given: list[Referral]
    referred_by: list[Referral]
    contacts: list
    personal_notes: list[Call] = field(default_factory=list)
    calls: QuerySet[Call] | None = None
    today: date | None = None

    @property
    def budget_year(self) -> int | None:
        return self.budget.next_planning_year(self.today or timezone.localdate()) if self.budget else None


def customer_briefing(*, customer: Customer, calls_limit: int | None = None) -> Briefing:
    """The customer page's briefing; ``customer`` must come from a scoped selector."""
    today = timezone.localdate()
    orders = Order.objects.filter(customer=customer).prefetch_related("lines").order_by("-ordered_on", "-pk")
    open_tasks = list(customer.tasks.filter(done_at__isnull=True).select_related("contact").order_by("due", "pk"))
    return Briefing(
        customer=customer,
        last_order=orders.first(),
        confirmation_order=orders.exclude(confirmation_channel="").first(),
        our_promises=[t for t in open_tasks if t.kind == Task.Kind.OUR_PROMISE],
        their_promises=[t for t in open_tasks if t.kind == Task.Kind.CUSTOMER_PROMISE],
        other_tasks=[t for t in open_tasks if t.kind not in (Task.Kind.OUR_PROMISE, Task.Kind.CUSTOMER_PROMISE)],
        appointments=list(
            customer.appointments.filter(start__date__gte=today, cancelled_at__isnull=True)
            .prefetch_related("participants")
            .order_by("start")
        ),
        wishes=list(customer.opportunities.filter(status=Opportunity.Status.OPEN)),
        budget=BudgetCycle.objects.filter(customer=customer).first(),
        referrals_given=list(customer.referrals_given.select_related("prospect", "prospect_contact")),
        referred_by=list(customer.referrals_received.select_related("referring_customer", "referring_contact")),
        contacts=list(customer.contacts.filter(is_active=True)),
        personal_notes=list(customer.calls.exclude(personal_note="").order_by("-started_at")[:5]),
        calls=customer.calls.select_related("outcome", "user")
        .prefetch_related("contacts", Prefetch("order", queryset=Order.objects.prefetch_related("lines")))
        .order_by("-started_at")[: calls_limit or settings.DAVOR_BRIEFING_CALLS],
        today=today,
    )
