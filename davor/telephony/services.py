"""What the phone system reports, recorded: ringing, dialling, answered, hung up."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from davor.calls.wrapup import WrapupData
from davor.search.selectors import phone_lookup
from davor.telephony.callmonitor import MonitorEvent
from davor.telephony.models import PhoneCall
from davor.users.models import User

log = logging.getLogger(__name__)

RINGING, DIALING, ANSWERED, HUNG_UP = "ringing", "dialing", "answered", "hungup"
EVENTS = (RINGING, DIALING, ANSWERED, HUNG_UP)


@transaction.atomic
def phone_event_record(
    *,
    user: User,
    event: str,
    reference: str = "",
    number: str = "",
    extension: str = "",
    at: datetime | None = None,
    seconds: int | None = None,
) -> PhoneCall | None:
    """Record one event of one call for ``user``; returns the call, or None for a hang-up of a call never seen.

    ``number`` is the other side's number. Ringing (inbound) and dialling
    (outbound) start a call and look the number up in what the user may see;
    answered and hung up find that call again by ``reference`` (or the
    user's latest open call when the phone system sends none). ``seconds``
    is the talk time a phone system reports with the hang-up (the FRITZ!Box does).
    """
    if event not in EVENTS:
        raise ValueError(f"unknown phone event {event!r}")
    at = at or timezone.now()
    if event in (RINGING, DIALING):
        match = phone_lookup(user=user, number=number) if number else None
        contact = match.contact if match else None  # built from the lookup's row: no further query
        customer = contact.customer if contact else match.customer if match else None
        call = PhoneCall.objects.create(
            user=user,
            reference=reference[:64],
            direction=PhoneCall.Direction.INBOUND if event == RINGING else PhoneCall.Direction.OUTBOUND,
            number=number[:32],
            extension=extension[:20],
            customer=customer,
            contact=contact,
            started_at=at,
        )
        log.info("phone call %s: %s %s for %s", call.pk, event, number or "?", user.username)
        return call
    found = _open_call(user=user, reference=reference)
    if found is None and event == HUNG_UP:
        return None
    call = found or PhoneCall.objects.create(user=user, reference=reference[:64], number=number[:32], started_at=at)
    if event == ANSWERED:
        call.state, call.connected_at = PhoneCall.State.CONNECTED, at
        call.save(update_fields=["state", "connected_at"])
        _missed_settle(call)
    else:
        call.state, call.ended_at = PhoneCall.State.ENDED, at
        if seconds is not None and call.connected_at is not None:
            call.talked_seconds = seconds
        call.save(update_fields=["state", "ended_at", "talked_seconds"])
    log.info("phone call %s: %s for %s", call.pk, event, user.username)
    return call


def _missed_settle(call: PhoneCall) -> None:
    """A conversation with the number or customer of a missed call (either way, anyone of the team) settles it."""
    same = Q(number=call.number) if call.number else Q()
    if call.customer_id:
        same |= Q(customer_id=call.customer_id)
    if not same:
        return
    team = Q(user__team_id=call.user.team_id) if call.user.team_id else Q(user=call.user)
    PhoneCall.objects.filter(
        team,
        same,
        direction=PhoneCall.Direction.INBOUND,
        state=PhoneCall.State.ENDED,
        connected_at__isnull=True,
        wrapup_done_at__isnull=True,
        started_at__lte=call.connected_at,
    ).update(wrapup_done_at=call.connected_at)


def monitor_event_record(*, user: User, event: MonitorEvent) -> PhoneCall | None:
    """One FRITZ!Box call-monitor event; the box's connection id is the call's reference until it ends."""
    return phone_event_record(
        user=user,
        event=event.event,
        reference=f"fritz:{event.connection}",
        number=event.number,
        extension=event.extension,
        at=event.at,
        seconds=event.seconds,
    )


def _open_call(*, user: User, reference: str) -> PhoneCall | None:
    calls = PhoneCall.objects.filter(user=user).exclude(state=PhoneCall.State.ENDED)
    if reference:
        calls = calls.filter(reference=reference[:64])
    return calls.order_by("-started_at", "-pk").select_for_update().first()


@transaction.atomic
def pending_wrapup_close(*, phone_call: PhoneCall) -> None:
    """The wrap-up of this call was written (or the seller dismissed it): Today stops listing it."""
    if phone_call.wrapup_done_at is None:
        phone_call.wrapup_done_at = timezone.now()
        phone_call.save(update_fields=["wrapup_done_at"])


def pending_wrapup_initial(phone_call: PhoneCall) -> WrapupData:
    """A new wrap-up as the phone system saw the call: who, when, which direction, how long."""
    started = timezone.localtime(phone_call.connected_at or phone_call.started_at).replace(second=0, microsecond=0)
    return WrapupData(
        outcome_id=0,  # the note or the seller says how it went; none is assumed
        started_at=started,
        direction=phone_call.direction,
        duration_minutes=phone_call.duration_minutes,
        contact_ids=[phone_call.contact_id] if phone_call.contact_id else [],
    )
