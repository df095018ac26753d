from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from davor.agenda.selectors import task_get_for_user, today_for_user
from davor.agenda.services import task_mark_done
from davor.users.http import AuthenticatedRequest as Request


@require_safe
def today(request: Request) -> HttpResponse:
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    return render(request, "agenda/today.html", {"agenda": agenda, "nav": "today"})


@require_POST
def task_done(request: Request, task_id: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, task_id=task_id)
    task_mark_done(user=request.user, task=task)
    if not request.htmx:
        return redirect("today")
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    return render(request, "agenda/today.html#tasks", {"agenda": agenda})
