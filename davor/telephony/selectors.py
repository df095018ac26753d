"""Reads of phone calls: the screen pop and the wrap-ups waiting after a hang-up."""

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404

from davor.customers.models import Customer
from davor.customers.selectors import customer_scope
from davor.telephony.models import PhoneCall
from davor.users.models import User

RINGING_FOR = timedelta(minutes=2)  # a ringing call whose end was never reported stops popping up
TALKING_FOR = timedelta(hours=4)


def screen_pop_for_user(*, user: User, now: datetime) -> PhoneCall | None:
    """The user's call that rings or is going on now, if any: one indexed query, asked every second."""
    call = (
        PhoneCall.objects.filter(
            user=user,
            state__in=[PhoneCall.State.RINGING, PhoneCall.State.CONNECTED],
            started_at__gte=now - TALKING_FOR,
        )
        .select_related("customer", "contact")
        .order_by("-started_at", "-pk")
        .first()
    )
    if call is None or (call.state == PhoneCall.State.RINGING and call.started_at < now - RINGING_FOR):
        return None
    if call.customer is not None and not Customer.objects.filter(customer_scope(user), pk=call.customer.pk).exists():
        return None  # the customer changed hands since it rang
    return call


def pending_wrapups_for_user(*, user: User) -> list[PhoneCall]:
    """Answered calls that ended and have no wrap-up yet, newest first."""
    return list(
        PhoneCall.objects.filter(
            user=user, state=PhoneCall.State.ENDED, connected_at__isnull=False, wrapup_done_at__isnull=True
        )
        .select_related("customer", "contact")
        .order_by("-started_at", "-pk")[:50]
    )


def missed_calls_for_user(*, user: User) -> list[PhoneCall]:
    """Inbound calls that rang and ended unanswered, not yet called back or dismissed, newest first."""
    return list(
        PhoneCall.objects.filter(
            user=user,
            direction=PhoneCall.Direction.INBOUND,
            state=PhoneCall.State.ENDED,
            connected_at__isnull=True,
            wrapup_done_at__isnull=True,
        )
        .select_related("customer", "contact")
        .order_by("-started_at", "-pk")[:50]
    )


def pending_wrapup_get_for_user(*, user: User, phone_call_id: int) -> PhoneCall:
    """One of the user's own phone calls; 404 for anyone else's."""
    return get_object_or_404(PhoneCall.objects.select_related("customer", "contact"), pk=phone_call_id, user=user)
