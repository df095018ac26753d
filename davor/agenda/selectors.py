"""Reads of appointments and tasks, always scoped to who is asking."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from davor.agenda.models import Appointment, Participant, Task
from davor.calls.models import Call
from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.users.models import User


@dataclass(frozen=True)
class TodayAgenda:
    """What one seller has to do on one day."""

    today: date
    overdue: list[Task] = field(default_factory=list)
    due_today: list[Task] = field(default_factory=list)
    care: list[Task] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    open_wrapups: list[Call] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        """Overdue first, then today's: the order the seller works through them."""
        return self.overdue + self.due_today

    @property
    def is_empty(self) -> bool:
        return not (self.tasks or self.care or self.appointments or self.open_wrapups)


def today_for_user(*, user: User, today: date) -> TodayAgenda:
    """The user's own open tasks due by ``today``, care touches, appointments and open wrap-ups."""
    open_tasks = (
        Task.objects.filter(owner=user, done_at__isnull=True, due__lte=today)
        .filter(customer__in=Customer.objects.filter(customer_scope(user)))
        .select_related("customer", "contact")
        .order_by("due", "pk")
    )
    overdue, due_today, care = [], [], []
    for task in open_tasks:
        if task.kind == Task.Kind.CARE:
            care.append(task)
        elif task.due is not None and task.due < today:
            overdue.append(task)
        else:
            due_today.append(task)
    return TodayAgenda(
        today=today,
        overdue=overdue,
        due_today=due_today,
        care=care,
        appointments=_appointments_on(user=user, day=today),
        open_wrapups=list(
            Call.objects.filter(user=user, is_complete=False)
            .select_related("customer", "outcome")
            .order_by("-started_at", "-pk")
        ),
    )


def _appointments_on(*, user: User, day: date) -> list[Appointment]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return list(
        Appointment.objects.filter(owner=user, cancelled_at__isnull=True, start__gte=start, start__lt=end)
        .select_related("customer")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.order_by("pk")))
        .order_by("start", "pk")
    )


def task_get_for_user(*, user: User, task_id: int) -> Task:
    """A task of a customer the user may see; 404 for any other."""
    visible = Customer.objects.filter(customer_scope(user))
    return get_object_or_404(Task.objects.filter(Q(customer__in=visible)).select_related("customer"), pk=task_id)


def appointment_get_for_user(*, user: User, appointment_id: int) -> Appointment:
    """An appointment of a customer the user may see; 404 for any other."""
    visible = Customer.objects.filter(customer_scope(user))
    return get_object_or_404(
        Appointment.objects.filter(customer__in=visible)
        .select_related("customer", "owner")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.select_related("contact"))),
        pk=appointment_id,
    )


FEED_PAST = timedelta(days=90)


def feed_for_user(*, user: User, now: datetime) -> tuple[list[Appointment], list[Task]]:
    """What the user's subscription feed shows: own appointments from 90 days back, own open tasks with a day."""
    visible = Customer.objects.filter(customer_scope(user))
    appointments = list(
        Appointment.objects.filter(owner=user, customer__in=visible, start__gte=now - FEED_PAST)
        .select_related("customer", "owner")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.select_related("contact")))
        .order_by("start", "pk")
    )
    tasks = list(
        Task.objects.filter(owner=user, customer__in=visible, done_at__isnull=True, due__isnull=False)
        .select_related("customer")
        .order_by("due", "pk")
    )
    return appointments, tasks


def feed_owner(*, token: str) -> User:
    """The active user whose feed token this is; 404 for an unknown or revoked token."""
    from davor.agenda.models import CalendarAccount

    account = get_object_or_404(CalendarAccount.objects.select_related("user"), feed_token=token, user__is_active=True)
    return account.user
