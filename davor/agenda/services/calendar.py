"""The user's calendar links: the secret feed address and the CalDAV calendar Davor writes to."""

import logging

from django.db import transaction
from django.utils import timezone

from davor.agenda import caldav_push
from davor.agenda.models import Appointment, CalendarAccount, Reminder, _feed_token
from davor.agenda.vault import decrypt, encrypt
from davor.users.models import User

log = logging.getLogger(__name__)


def calendar_account_for(*, user: User) -> CalendarAccount:
    """The user's calendar account, created with a fresh feed token on first use."""
    account, _created = CalendarAccount.objects.get_or_create(user=user)
    return account


@transaction.atomic
def feed_token_reset(*, user: User) -> CalendarAccount:
    """A new secret feed address; the old one stops working at once."""
    account = calendar_account_for(user=user)
    account.feed_token = _feed_token()
    account.save(update_fields=["feed_token"])
    return account


def caldav_connect(*, user: User, url: str, username: str, password: str) -> CalendarAccount:
    """Check the calendar first, then keep it (password encrypted); a refusal raises and keeps the old settings.

    The check runs with no transaction open: a server that never answers
    would otherwise hold SQLite's write lock for the whole timeout.
    """
    caldav_push.caldav_check(url=url, username=username, password=password)
    with transaction.atomic():
        return _caldav_keep(user=user, url=url, username=username, password=password)


def _caldav_keep(*, user: User, url: str, username: str, password: str) -> CalendarAccount:
    account = calendar_account_for(user=user)
    account.caldav_url = url
    account.caldav_username = username
    account.caldav_password_encrypted = encrypt(password)
    account.caldav_error = ""
    account.caldav_checked_at = timezone.now()
    account.save(
        update_fields=[
            "caldav_url",
            "caldav_username",
            "caldav_password_encrypted",
            "caldav_error",
            "caldav_checked_at",
        ]
    )
    return account


@transaction.atomic
def caldav_disconnect(*, user: User) -> CalendarAccount:
    account = calendar_account_for(user=user)
    account.caldav_url = account.caldav_username = account.caldav_password_encrypted = account.caldav_error = ""
    account.save(update_fields=["caldav_url", "caldav_username", "caldav_password_encrypted", "caldav_error"])
    return account


def appointment_push_on_commit(*, appointment: Appointment) -> None:
    """Once the change is committed, write it to the owner's calendar; a refusal is noted, the worker retries.

    Never inside the transaction: a calendar server that does not answer must
    not hold the database's write lock while it keeps everyone waiting.
    """
    transaction.on_commit(lambda: _push_committed(appointment.pk), robust=True)


def _push_committed(appointment_id: int) -> None:
    appointment = Appointment.objects.select_related("owner", "customer").filter(pk=appointment_id).first()
    if appointment is None:
        return
    try:
        appointment_push(user=appointment.owner, appointment=appointment)
    except caldav_push.CalendarPushError as error:
        # Shown on the calendar page; the worker pushes every version not pushed yet.
        CalendarAccount.objects.filter(user=appointment.owner).update(caldav_error=str(error)[:500])
        log.warning("CalDAV push of appointment %s failed; the worker retries", appointment_id)


def appointment_push(*, user: User, appointment: Appointment) -> bool:
    """Write the appointment to the owner's CalDAV calendar, if one is connected; CalendarPushError if refused.

    Call it with no transaction open (the worker; ``appointment_push_on_commit``).
    """
    account = CalendarAccount.objects.filter(user=appointment.owner).exclude(caldav_url="").first()
    if account is None:
        return False
    caldav_push.caldav_put(
        url=account.caldav_url,
        username=account.caldav_username,
        password=decrypt(account.caldav_password_encrypted),
        appointment=appointment,
    )
    Reminder.objects.get_or_create(key=push_key(appointment), defaults={"user": appointment.owner})
    return True


def push_key(appointment: Appointment) -> str:
    """One key per version of the appointment: the worker pushes what no one pushed yet."""
    state = "cancelled" if appointment.cancelled_at else "active"
    return f"caldav:{appointment.uid}:{appointment.sequence}:{state}"
