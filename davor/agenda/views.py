from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from davor.agenda.models import Task
from davor.agenda.selectors import task_get_for_user, today_for_user
from davor.agenda.services import task_mark_done
from davor.agenda.services import task_reopen as reopen
from davor.telephony.selectors import missed_calls_for_user, pending_wrapups_for_user
from davor.users.http import AuthenticatedRequest as Request


@require_safe
def today(request: Request) -> HttpResponse:
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    # Hung-up phone calls waiting for their wrap-up (telephony sits above the agenda, so the view joins them).
    pending_calls = pending_wrapups_for_user(user=request.user)
    context = {
        "agenda": agenda,
        "pending_calls": pending_calls,
        "missed_calls": missed_calls_for_user(user=request.user),
        "nav": "today",
        "undo": _undoable(request),
    }
    return render(request, "agenda/today.html", context)


def _undoable(request: Request) -> Task | None:
    """The task just marked done without JavaScript (``?undo=<id>``), so that Today offers to reopen it."""
    task_id = request.GET.get("undo", "")
    if not task_id.isdigit():
        return None
    task = task_get_for_user(user=request.user, task_id=int(task_id))
    return task if task.done_at is not None else None


@require_POST
def task_done(request: Request, task_id: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, task_id=task_id)
    task_mark_done(user=request.user, task=task)
    if not request.htmx:
        return redirect(f"{reverse('today')}?undo={task.pk}")
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    return render(request, "agenda/today.html#tasks", {"agenda": agenda, "undo": task})


@require_POST
def task_reopen(request: Request, task_id: int) -> HttpResponse:
    """Undo "done": the task is open again, and has the keyboard's focus on Today."""
    task = reopen(user=request.user, task=task_get_for_user(user=request.user, task_id=task_id))
    if not request.htmx:
        return redirect("today")
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    return render(request, "agenda/today.html#tasks", {"agenda": agenda, "reopened": task})
