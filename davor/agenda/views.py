from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from davor.agenda.selectors import task_get_for_user, today_for_user
from davor.agenda.services import task_mark_done
from davor.telephony.selectors import pending_wrapups_for_user
from davor.users.http import AuthenticatedRequest as Request


@require_safe
def today(request: Request) -> HttpResponse:
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    # Hung-up phone calls waiting for their wrap-up (telephony sits above the agenda, so the view joins them).
    pending_calls = pending_wrapups_for_user(user=request.user)
    return render(request, "agenda/today.html", {"agenda": agenda, "pending_calls": pending_calls, "nav": "today"})


@require_POST
def task_done(request: Request, task_id: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, task_id=task_id)
    task_mark_done(user=request.user, task=task)
    if not request.htmx:
        return redirect("today")
    agenda = today_for_user(user=request.user, today=timezone.localdate())
    return render(request, "agenda/today.html#tasks", {"agenda": agenda})
