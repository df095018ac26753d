"""What the worker does on schedule. Every step is idempotent: each reminder has a key, recorded once.

Run as often as you like (``davor worker`` ticks every minute, cron may call
``davor worker --once``): a key already in the Reminder table is skipped, so
a restart or a second worker never sends or creates anything twice.
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from davor.agenda.caldav_push import CalendarPushError
from davor.agenda.models import Appointment, CalendarAccount, Reminder, Task
from davor.agenda.selectors import today_for_user
from davor.agenda.services.calendar import appointment_push, push_key
from davor.agenda.titles import title_fields
from davor.agenda.workdays import is_working_day, next_working_day, working_day_on_or_before
from davor.pipeline.models import BudgetCycle, Referral
from davor.users.models import User

log = logging.getLogger(__name__)

# How far back the worker looks after a pause (it was stopped, the machine was off).
LOOKBACK = timedelta(days=14)
# The first run's time: thank-yous are made for what happened since, never for the past it found.
SINCE_KEY = "worker:since"


def reminders_run(*, now: datetime) -> dict[str, int]:
    """All due jobs, in an order where the digest already sees the tasks created before it."""
    today = timezone.localdate(now)
    since = worker_since(now=now)
    return {
        "budget_calls": budget_calls_create(today=today),
        "care_touches": care_touches_create(now=now, since=since),
        "referral_thanks": referral_thanks_create(now=now, since=since),
        "promises_flagged": promises_flag(now=now),
        "calendar_pushes": calendar_sync(now=now),
        "digests": digests_send(now=now),
    }


def _once(key: str, user: User | None, action: Callable[[], object]) -> bool:
    """Do ``action`` and record ``key`` in one transaction, unless the key is already there."""
    if Reminder.objects.filter(key=key).exists():
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(key=key, user=user)
            action()
    except IntegrityError:
        if Reminder.objects.filter(key=key).exists():
            return False  # another worker got there first
        raise
    return True


def worker_since(*, now: datetime) -> datetime:
    """When the worker first ran on this database (``now`` on the first run).

    A first start on a database with weeks of history would otherwise create
    thank-you tasks for old appointments and referrals, all overdue at once.
    """
    mark, created = Reminder.objects.get_or_create(key=SINCE_KEY)
    if created:
        Reminder.objects.filter(pk=mark.pk).update(created_at=now)
        return now
    return mark.created_at


def budget_call_dates(planning_month: int, today: date) -> tuple[date, date]:
    """(the day to call, the first day of the planning month) for the next planning month not yet begun."""
    year = today.year if date(today.year, planning_month, 1) > today else today.year + 1
    planning_start = date(year, planning_month, 1)
    due = working_day_on_or_before(planning_start - timedelta(weeks=settings.DAVOR_BUDGET_CALL_WEEKS))
    return due, planning_start


def budget_calls_create(*, today: date) -> int:
    """A call task N weeks before each customer's planning month, every year; the wrap-up's own counts."""
    created = 0
    for cycle in BudgetCycle.objects.select_related("customer__owner", "call"):
        due, planning_start = budget_call_dates(cycle.planning_month, today)
        customer = cycle.customer
        covered = Task.objects.filter(
            customer=customer,
            kind=Task.Kind.BUDGET_CALL,
            due__gt=planning_start - timedelta(weeks=26),
            due__lte=planning_start,
        ).exists()
        contact = cycle.call.contacts.first() if cycle.call else None
        owner = customer.owner

        def create(due=due, customer=customer, contact=contact, owner=owner, covered=covered) -> None:
            if covered:
                return
            Task.objects.create(
                customer=customer,
                contact=contact,
                owner=owner,
                kind=Task.Kind.BUDGET_CALL,
                **title_fields(
                    "budget_call", language=owner.language, whom=contact.full_name if contact else customer.name
                ),
                due=max(due, today if is_working_day(today) else next_working_day(today)),
                channel="phone",
            )

        if _once(f"budget_call:{cycle.pk}:{planning_start:%Y-%m}", owner, create) and not covered:
            created += 1
    return created


def care_touches_create(*, now: datetime, since: datetime) -> int:
    """A thank-you the next working day after each appointment that has ended since the worker first ran."""
    created = 0
    # An appointment lasts at most a day: one that started a day before ``since`` may end after it.
    earliest = max(now - LOOKBACK, since - timedelta(days=1))
    appointments = (
        Appointment.objects.filter(cancelled_at__isnull=True, start__lte=now, start__gte=earliest)
        .select_related("customer", "owner")
        .prefetch_related("participants__contact")
    )
    for appointment in appointments:
        ended = appointment.end or appointment.start
        if ended > now or ended < since:
            continue
        day = timezone.localtime(appointment.start).date()
        due = next_working_day(day)
        covered = Task.objects.filter(
            customer=appointment.customer, kind=Task.Kind.CARE, due__gte=day, due__lte=due
        ).exists()
        contact = next((p.contact for p in appointment.participants.all() if p.contact), None)

        def create(appointment=appointment, due=due, contact=contact, covered=covered) -> None:
            if covered:
                return
            Task.objects.create(
                customer=appointment.customer,
                contact=contact,
                owner=appointment.owner,
                kind=Task.Kind.CARE,
                **title_fields(
                    "appointment_thanks",
                    language=appointment.owner.language,
                    whom=contact.full_name if contact else appointment.customer.name,
                ),
                due=due,
                channel=contact.preferred_channel if contact else "",
            )

        if _once(f"care:appointment:{appointment.pk}", appointment.owner, create) and not covered:
            created += 1
    return created


def referral_thanks_create(*, now: datetime, since: datetime) -> int:
    """A thank-you task per referral since the worker first ran, unless its wrap-up made one or it was thanked."""
    created = 0
    earliest = max(now - LOOKBACK, since)
    referrals = Referral.objects.filter(thanked_at__isnull=True, created_at__gte=earliest).select_related(
        "referring_customer__owner", "referring_contact", "prospect"
    )
    for referral in referrals:
        covered = (
            referral.call_id is not None
            and Task.objects.filter(call_id=referral.call_id, kind=Task.Kind.REFERRAL_THANKS).exists()
        )
        owner = referral.referring_customer.owner

        def create(referral=referral, owner=owner, covered=covered) -> None:
            if covered:
                return
            contact = referral.referring_contact
            Task.objects.create(
                customer=referral.referring_customer,
                contact=contact,
                owner=owner,
                kind=Task.Kind.REFERRAL_THANKS,
                **title_fields(
                    "recommendation_thanks",
                    language=owner.language,
                    whom=contact.full_name if contact else referral.referring_customer.name,
                    prospect=referral.prospect.name,
                ),
                due=next_working_day(timezone.localtime(referral.created_at).date()),
            )

        if _once(f"referral_thanks:{referral.pk}", owner, create) and not covered:
            created += 1
    return created


def promises_flag(*, now: datetime) -> int:
    """Mark the customer's promises whose day has passed, so the seller asks after them."""
    today = timezone.localdate(now)
    overdue = Task.objects.filter(
        kind=Task.Kind.CUSTOMER_PROMISE, done_at__isnull=True, due__lt=today, flagged_at__isnull=True
    ).select_related("owner")
    flagged = 0
    for task in overdue:

        def flag(task=task) -> None:
            task.flagged_at = now
            task.save(update_fields=["flagged_at"])

        flagged += _once(f"promise_overdue:{task.pk}", task.owner, flag)
    return flagged


def calendar_sync(*, now: datetime) -> int:
    """Push every appointment version not yet in the owner's CalDAV calendar (the wrap-up's too)."""
    pushed = 0
    for account in CalendarAccount.objects.exclude(caldav_url="").select_related("user"):
        appointments = Appointment.objects.filter(owner=account.user, start__gte=now - timedelta(days=1))
        try:
            for appointment in appointments.select_related("customer", "owner"):
                if not Reminder.objects.filter(key=push_key(appointment)).exists():
                    appointment_push(user=account.user, appointment=appointment)
                    pushed += 1
        except CalendarPushError as error:
            account.caldav_error = str(error)[:500]
            account.save(update_fields=["caldav_error"])
            log.warning("CalDAV push for %s failed: %s", account.user, error)
        else:
            if account.caldav_error:
                account.caldav_error = ""
                account.save(update_fields=["caldav_error"])
    return pushed


def digests_send(*, now: datetime) -> int:
    """Each user's morning digest, once a working day, from DAVOR_DIGEST_HOUR on."""
    from davor.agenda.mail import digest_send

    local = timezone.localtime(now)
    if local.hour < settings.DAVOR_DIGEST_HOUR or not is_working_day(local.date()):
        return 0
    sent = 0
    for user in User.objects.filter(is_active=True).exclude(email=""):
        key = f"digest:{user.pk}:{local.date().isoformat()}"
        agenda = today_for_user(user=user, today=local.date())
        if agenda.is_empty or not _once(key, user, lambda: None):
            continue
        try:
            digest_send(user=user, agenda=agenda)
        except Exception as error:
            # Claimed before sending, so a crash never sends twice; a refused send is retried next tick.
            Reminder.objects.filter(key=key).delete()
            if isinstance(error, OSError | smtplib.SMTPException):  # the mail server's fault: one line will do
                log.error("Digest for %s could not be sent (retried next run): %s", user, error)
            else:
                log.exception("Digest for %s could not be sent", user)
            continue
        sent += 1
    return sent
