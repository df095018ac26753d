"""Changing, cancelling and inviting to appointments (the wrap-up creates them)."""

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from davor.agenda.models import Appointment, Participant
from davor.agenda.services.calendar import appointment_push_on_commit
from davor.lib import bounds
from davor.lib.locking import version_claim
from davor.users.models import User

MAX_MINUTES = bounds.MAX_MINUTES
# What a "changed meanwhile" answer lists.
CHANGE_FIELDS = ("title", "location", "start", "duration_minutes", "cancelled_at")


@transaction.atomic
def appointment_update(
    *,
    user: User,
    appointment: Appointment,
    start: datetime,
    end: datetime | None,
    location: str,
    title: str,
    notify: bool = False,
    expected_version: int | None = None,
) -> Appointment:
    """Move or rename the appointment: SEQUENCE goes up, the own calendar follows, the invited are told if asked.

    An end before the start, or a save based on a version older than the
    current one (ChangedMeanwhile), leaves the appointment as it was; the
    calendar server is told after the commit (a refusal is noted, the worker
    retries).
    """
    next_version = version_claim(appointment, expected=expected_version, fields=CHANGE_FIELDS)
    appointment.refresh_from_db(fields=[*CHANGE_FIELDS, "sequence"])
    if appointment.cancelled_at is not None:
        raise ValidationError(_("This appointment is cancelled."))
    for moment in (start, end):
        if moment is not None and not bounds.day_in_bounds(moment):
            raise ValidationError({"start": [bounds.DATE_MESSAGE]})
    duration = _duration(start, end)
    fields = {"start": start, "duration_minutes": duration, "location": location.strip(), "title": title.strip()}
    changed = [name for name, value in fields.items() if getattr(appointment, name) != value]
    if not changed:
        return appointment
    for name in changed:
        setattr(appointment, name, fields[name])
    appointment.sequence += 1
    appointment.version = next_version
    appointment.save(update_fields=[*changed, "sequence", "version"])
    appointment_push_on_commit(appointment=appointment)
    if notify:
        invited = list(appointment.participants.filter(invited_at__isnull=False).select_related("contact"))
        if invited:
            _mail_on_commit(appointment, "REQUEST", invited)
    return appointment


@transaction.atomic
def appointment_cancel(
    *, user: User, appointment: Appointment, notify: bool = True, expected_version: int | None = None
) -> Appointment:
    """Cancel: SEQUENCE goes up, the event leaves the own calendar, the invited get METHOD:CANCEL."""
    next_version = version_claim(appointment, expected=expected_version, fields=CHANGE_FIELDS)
    appointment.refresh_from_db(fields=["cancelled_at", "sequence"])
    if appointment.cancelled_at is not None:
        return appointment
    appointment.cancelled_at = timezone.now()
    appointment.sequence += 1
    appointment.version = next_version
    appointment.save(update_fields=["cancelled_at", "sequence", "version"])
    appointment_push_on_commit(appointment=appointment)
    invited = list(appointment.participants.filter(invited_at__isnull=False).select_related("contact"))
    if notify and invited:
        _mail_on_commit(appointment, "CANCEL", invited)
    return appointment


def appointment_invite(*, user: User, appointment: Appointment, participant_ids: list[int]) -> list[Participant]:
    """Send the invitation (METHOD:REQUEST) to the chosen participants; each needs an e-mail address.

    The mail goes out with no transaction open, and only a sent invitation
    marks the participants invited: a mail server that refuses leaves them as
    they were (and the error for the seller), never "invited" without a mail.
    """
    from davor.agenda.mail import invitation_send

    if appointment.cancelled_at is not None:
        raise ValidationError(_("This appointment is cancelled."))
    if not appointment.owner.email:
        raise ValidationError(_("Your user account has no e-mail address to send invitations from."))
    chosen = list(appointment.participants.filter(pk__in=participant_ids).select_related("contact"))
    if not chosen:
        raise ValidationError(_("Choose who gets the invitation."))
    without = [p.name for p in chosen if not (p.contact and p.contact.email)]
    if without:
        raise ValidationError(
            _("No e-mail address for %(names)s: add it to the contact, or leave them out of the invitation.")
            % {"names": ", ".join(without)}
        )
    invitation_send(appointment=appointment, method="REQUEST", participants=chosen)
    with transaction.atomic():
        Participant.objects.filter(pk__in=[p.pk for p in chosen]).update(invited_at=timezone.now())
    return chosen


def _duration(start: datetime, end: datetime | None) -> int | None:
    if end is None:
        return None
    start, end = start.astimezone(UTC), end.astimezone(UTC)  # real minutes, also across a DST change
    if end <= start:
        raise ValidationError({"end": [_("The end must be after the start.")]})
    minutes = int((end - start).total_seconds() // 60)
    if minutes < 5 or minutes > MAX_MINUTES:
        raise ValidationError({"end": [_("An appointment lasts between 5 minutes and 24 hours.")]})
    return minutes


def _mail_on_commit(appointment: Appointment, method: str, participants: list[Participant]) -> None:
    from davor.agenda.mail import invitation_send

    transaction.on_commit(
        lambda: invitation_send(appointment=appointment, method=method, participants=participants), robust=True
    )
