from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from davor.telephony.selectors import pending_wrapup_get_for_user, screen_pop_for_user
from davor.telephony.services import pending_wrapup_close
from davor.users.http import AuthenticatedRequest


@require_safe
def pop(request: AuthenticatedRequest) -> HttpResponse:
    """Who is on the line, polled every second by every page; empty when the phone is quiet."""
    call = screen_pop_for_user(user=request.user, now=timezone.now())
    if call is None:
        return HttpResponse("")
    return render(request, "telephony/pop.html", {"phone_call": call})


@require_POST
def dismiss(request: AuthenticatedRequest, phone_call_id: int) -> HttpResponse:
    """No wrap-up (or call back) needed for this call (a wrong number, a private call): Today stops listing it."""
    phone_call = pending_wrapup_get_for_user(user=request.user, phone_call_id=phone_call_id)
    pending_wrapup_close(phone_call=phone_call)
    return redirect("today")
