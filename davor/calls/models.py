from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from davor.lib.datetimes import format_datetime


class Outcome(models.Model):
    """An entry of the editable outcome list; ``kind`` decides which checks apply."""

    class Kind(models.TextChoices):
        DEAL = "deal", _("Deal closed")
        OFFER = "offer", _("Offer requested")
        FOLLOW_UP = "follow_up", _("Follow-up agreed")
        NO_INTEREST = "no_interest", _("No interest")
        NOT_REACHED = "not_reached", _("Not reached")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order in list"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("call outcome")
        verbose_name_plural = _("call outcomes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_de


class Call(models.Model):
    class Direction(models.TextChoices):
        OUTBOUND = "out", _("Outbound")
        INBOUND = "in", _("Inbound")

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="calls"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="calls"
    )
    contacts = models.ManyToManyField(
        "customers.Contact", verbose_name=_("spoke with"), blank=True, related_name="calls"
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices, default=Direction.OUTBOUND)
    started_at = models.DateTimeField(_("time of call"))
    duration_minutes = models.PositiveIntegerField(_("duration (min)"), null=True, blank=True)
    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.PROTECT, related_name="calls")
    note = models.TextField(_("note"), blank=True)
    personal_note = models.TextField(_("personal notes"), blank=True)
    # Extended-program questions the seller asked without anything to record
    # ("asked — nothing to record" counts as answered in the completeness check).
    asked_nothing = models.JSONField(_("asked, nothing to record"), default=list, blank=True)
    # Keys of what the completeness check found missing at the last save;
    # empty means complete. Stored so that Today can list open wrap-ups cheaply.
    missing = models.JSONField(default=list, blank=True, editable=False)
    is_complete = models.BooleanField(_("complete"), default=False, db_index=True)
    # Optimistic locking: every save through the wrap-up service counts it up;
    # a revision based on an older version is refused, never silently applied.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[contacts])

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "is_complete"]),
            models.Index(fields=["customer", "-started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {format_datetime(self.started_at)}"  # in the sellers' time zone

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("calls:detail", args=[self.pk])
