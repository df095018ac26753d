"""The user's calendar links: the secret feed address and the CalDAV calendar Davor writes to."""

from django.db import transaction
from django.utils import timezone

from davor.agenda import caldav_push
from davor.agenda.models import Appointment, CalendarAccount, Reminder, _feed_token
from davor.agenda.vault import decrypt, encrypt
from davor.users.models import User


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


@transaction.atomic
def caldav_connect(*, user: User, url: str, username: str, password: str) -> CalendarAccount:
    """Check the calendar first, then keep it (password encrypted); a refusal raises and keeps the old settings."""
    caldav_push.caldav_check(url=url, username=username, password=password)
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


def appointment_push(*, user: User, appointment: Appointment) -> bool:
    """Write the appointment to the owner's CalDAV calendar, if one is connected; CalendarPushError if refused.

    Runs inside the caller's transaction on purpose: when the server refuses,
    the change to the appointment is rolled back with it.
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
