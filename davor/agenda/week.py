"""The week at a glance: each day's appointments and the tasks due, for one seller or a manager's team."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from davor.agenda.models import Appointment, Task
from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.users.models import User


@dataclass
class AgendaDay:
    day: date
    appointments: list[Appointment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass
class AgendaWeek:
    monday: date
    days: list[AgendaDay]
    overdue: list[Task]  # open tasks due before this week, shown while the week is the current one or later
    team: bool

    @property
    def previous(self) -> date:
        return self.monday - timedelta(weeks=1)

    @property
    def next(self) -> date:
        return self.monday + timedelta(weeks=1)

    @property
    def iso_week(self) -> int:
        return self.monday.isocalendar().week


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_for_user(*, user: User, day: date, team: bool = False, today: date | None = None) -> AgendaWeek:
    """The week holding ``day``: the user's own, or (``team``, managers only) everyone's the user may see."""
    team = team and user.is_manager
    monday = week_monday(day)
    sunday = monday + timedelta(days=6)
    owners = Q(owner__team_id=user.team_id) if team and user.team_id else Q(owner=user)
    visible = Customer.objects.filter(customer_scope(user))
    zone = timezone.get_current_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    appointments = (
        Appointment.objects.filter(owners, customer__in=visible, cancelled_at__isnull=True)
        .filter(start__gte=start, start__lt=start + timedelta(weeks=1))
        .select_related("customer", "owner")
        .order_by("start", "pk")
    )
    tasks = (
        Task.objects.filter(owners, customer__in=visible, done_at__isnull=True, due__lte=sunday)
        .select_related("customer", "contact", "owner")
        .order_by("due", "pk")
    )
    days = {monday + timedelta(days=i): AgendaDay(monday + timedelta(days=i)) for i in range(7)}
    for appointment in appointments:
        days[timezone.localtime(appointment.start, zone).date()].appointments.append(appointment)
    overdue = []
    for task in tasks:
        if task.due is not None and task.due >= monday:
            days[task.due].tasks.append(task)
        elif monday >= week_monday(today or timezone.localdate()):
            overdue.append(task)
    return AgendaWeek(monday=monday, days=list(days.values()), overdue=overdue, team=team)
