from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
MONTH_CHOICES = list(MONTHS.items())


class Opportunity(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("mentioned in call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opportunities")
    description = models.CharField(_("purchase wish"), max_length=300)
    horizon = models.DateField(_("expected by"), null=True, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: every change counts it up; an edit based on an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("purchase wish")
        verbose_name_plural = _("purchase wishes")
        ordering = ["horizon", "pk"]

    def __str__(self) -> str:
        return self.description


class Referral(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        WON = "won", _("Became a customer")
        DEAD = "dead", _("No potential")

    referring_customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("recommended by"),
        on_delete=models.CASCADE,
        related_name="referrals_given",
    )
    referring_contact = models.ForeignKey(
        "customers.Contact",
        verbose_name=_("recommended by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_given",
    )
    prospect = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("new prospect"),
        on_delete=models.CASCADE,
        related_name="referrals_received",
    )
    prospect_contact = models.ForeignKey(
        "customers.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    call = models.ForeignKey("calls.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    thanked_at = models.DateTimeField(_("thanked"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.referring_customer} → {self.prospect}"


class BudgetCycle(models.Model):
    customer = models.OneToOneField(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="budget_cycle",
    )
    call = models.ForeignKey("calls.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("fiscal year starts (month)"), null=True, blank=True, validators=MONTH, choices=MONTH_CHOICES
    )
    planning_month = models.PositiveSmallIntegerField(
        _("budget planned in (month)"), validators=MONTH, choices=MONTH_CHOICES
    )
    expected_amount = models.DecimalField(
        _("expected budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget planning")
        verbose_name_plural = _("budget plannings")

    def __str__(self) -> str:
        return f"{self.customer}: {self.planning_month}"

    def next_planning_year(self, today: date) -> int | None:
        """The year of the next planning month on or after ``today``'s month."""
        if not self.planning_month:
            return None
        return today.year if self.planning_month >= today.month else today.year + 1
