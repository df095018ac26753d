import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from davor.customers.models import Channel


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start"]
        indexes = [models.Index(fields=["owner", "start"])]

    def __str__(self) -> str:
        return self.title or self.location or str(self.start)

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration_minutes) if self.duration_minutes else None


class Participant(models.Model):
    """A customer's person at an appointment, with position and extension as of that day."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="participants")
    contact = models.ForeignKey(
        "customers.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="participations"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    extension = models.CharField(_("direct extension"), max_length=10, blank=True)

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
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ours(self) -> bool:
        return self.kind != self.Kind.CUSTOMER_PROMISE
