"""The agenda outside Today: the week at a glance."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from davor.agenda.week import week_for_user
from davor.lib.bounds import day_in_bounds
from davor.users.http import AuthenticatedRequest as Request


def _day(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return timezone.localdate()
    return day if day_in_bounds(day) and day.year < 2200 else timezone.localdate()  # its Sunday in bounds too


@require_safe
def week(request: Request) -> HttpResponse:
    """The week's appointments and due tasks, day by day; ``?week=<a day in it>``, ``?team=1`` for managers."""
    today = timezone.localdate()
    agenda = week_for_user(
        user=request.user, day=_day(request.GET.get("week", "")), team=request.GET.get("team") == "1", today=today
    )
    return render(request, "agenda/week.html", {"week": agenda, "today": today, "nav": "week"})
