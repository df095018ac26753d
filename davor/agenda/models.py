import secrets
import string
import uuid
from datetime import UTC, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from davor.agenda.titles import render_title
from davor.customers.models import Channel
from davor.lib.datetimes import format_datetime


class Appointment(models.Model):
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("agreed in call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    title = models.CharField(_("subject"), max_length=200, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    duration_minutes = models.PositiveIntegerField(
        _("planned duration (min)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    # Calendar invitations (a later feature) need a stable UID and a sequence.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Optimistic locking: every change counts it up; an edit based on an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start"]
        indexes = [models.Index(fields=["owner", "start"])]

    def __str__(self) -> str:
        return self.title or self.location or format_datetime(self.start)

    @property
    def end(self):
        # In UTC: wall-clock arithmetic on a Europe/Berlin time is an hour off across a DST change.
        if not self.duration_minutes:
            return None
        return self.start.astimezone(UTC) + timedelta(minutes=self.duration_minutes)


class Participant(models.Model):
    """A customer's person at an appointment, with position and extension as of that day."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="participants")
    contact = models.ForeignKey(
        "customers.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="participations"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    extension = models.CharField(_("direct extension"), max_length=10, blank=True)
    # Set when an invitation went to this person: a cancellation goes to the same people.
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    class Kind(models.TextChoices):
        OUR_PROMISE = "our_promise", _("Our promise")
        CUSTOMER_PROMISE = "customer_promise", _("Customer's promise")
        FOLLOW_UP = "follow_up", _("Next contact")
        CARE = "care", _("Care touch")
        BUDGET_CALL = "budget_call", _("Budget call")
        REFERRAL_THANKS = "referral_thanks", _("Thank for referral")
        REVIEW = "review", _("Review")

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="tasks"
    )
    contact = models.ForeignKey(
        "customers.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("agreed in call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="tasks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    title = models.CharField(_("what"), max_length=300)
    # A title Davor wrote itself: its key and values (``davor.agenda.titles``), shown in each reader's language.
    title_key = models.CharField(max_length=40, blank=True, editable=False)
    title_params = models.JSONField(default=dict, blank=True, editable=False)
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What was sent for a care touch (the SMS or mail text), kept with the task.
    done_note = models.TextField(_("what was sent"), blank=True)
    # When the worker noticed that the customer's promise is overdue.
    flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due"])]

    def __str__(self) -> str:
        return self.heading

    @property
    def is_ours(self) -> bool:
        return self.kind != self.Kind.CUSTOMER_PROMISE

    @property
    def heading(self) -> str:
        """The title in the reader's language when Davor wrote it, else as the seller typed it."""
        return render_title(self.title_key, self.title_params) if self.title_key else self.title

    @property
    def summary(self) -> str:
        """One line that says what kind of task it is, without saying it twice."""
        return self.heading if self.title_key else f"{self.get_kind_display()}: {self.title}"


class Reminder(models.Model):
    """One thing the worker did, under a key, so that a restart never does it twice.

    Keys read like ``digest:7:2026-03-04`` or ``care:appointment:42``; a
    unique index makes a second worker's attempt fail instead of repeating.
    """

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return self.key


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarAccount(models.Model):
    """A user's calendar links: the secret feed address and an optional CalDAV calendar to push to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_account")
    feed_token = models.CharField(max_length=64, unique=True, default=_feed_token)
    caldav_url = models.URLField(_("CalDAV calendar address"), max_length=500, blank=True)
    caldav_username = models.CharField(_("user name"), max_length=200, blank=True)
    # Fernet-encrypted with a key derived from SECRET_KEY (see davor/agenda/vault.py).
    caldav_password_encrypted = models.TextField(blank=True)
    caldav_error = models.CharField(_("last CalDAV error"), max_length=500, blank=True)
    caldav_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar account")
        verbose_name_plural = _("calendar accounts")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def has_caldav(self) -> bool:
        return bool(self.caldav_url)


# What a care template may use, filled in for each message (see services/care.py).
CARE_PLACEHOLDERS = ("greeting", "contact", "customer", "seller", "occasion")


def _placeholders_check(text: str) -> None:
    try:
        names = {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise ValidationError(_("A brace is not closed: write {contact}, or {{ for a brace itself.")) from error
    unknown = sorted(names - set(CARE_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s; these are filled in: %(known)s.")
            % {
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in CARE_PLACEHOLDERS),
            }
        )


class CareTemplate(models.Model):
    """The thank-you a care touch suggests, per language and channel, edited in the back office."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    channel = models.CharField(
        _("channel"), max_length=10, choices=[(Channel.EMAIL, Channel.EMAIL.label), (Channel.SMS, Channel.SMS.label)]
    )
    subject = models.CharField(
        _("subject"), max_length=200, blank=True, validators=[_placeholders_check], help_text=_("E-mail only.")
    )
    body = models.TextField(
        _("text"),
        validators=[_placeholders_check],
        help_text=_(
            "Filled in for each message: {greeting} (Dear Mr Kessler,), {contact} (the contact's name), "
            "{customer} (the company), {seller} (your name), {occasion} (our appointment on 10.03.2026, "
            "or the good conversation)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care template")
        verbose_name_plural = _("care templates")
        constraints = [models.UniqueConstraint(fields=["language", "channel"], name="care_template_language_channel")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} ({self.get_language_display()})"
