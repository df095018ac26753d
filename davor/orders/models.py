from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Shipping(models.TextChoices):
    FREE_DELIVERY = "free_delivery", _("Free delivery (frei Haus)")
    EX_WORKS = "ex_works", _("Ex works (ab Werk)")
    EXW = "EXW", "EXW – Ex Works"
    FCA = "FCA", "FCA – Free Carrier"
    CPT = "CPT", "CPT – Carriage Paid To"
    CIP = "CIP", "CIP – Carriage and Insurance Paid To"
    DAP = "DAP", "DAP – Delivered at Place"
    DPU = "DPU", "DPU – Delivered at Place Unloaded"
    DDP = "DDP", "DDP – Delivered Duty Paid"
    FAS = "FAS", "FAS – Free Alongside Ship"
    FOB = "FOB", "FOB – Free on Board"
    CFR = "CFR", "CFR – Cost and Freight"
    CIF = "CIF", "CIF – Cost, Insurance and Freight"


class ConfirmationChannel(models.TextChoices):
    POST = "post", _("Post")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")


class Order(models.Model):
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="orders"
    )
    # Refers upward by label: the wrap-up (calls) creates orders, not the reverse.
    call = models.OneToOneField(
        "calls.Call",
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("order number"), max_length=20, unique=True)
    ordered_on = models.DateField(_("order date"))
    delivery_earliest = models.DateField(_("delivery from"), null=True, blank=True)
    delivery_latest = models.DateField(_("delivery by"), null=True, blank=True)
    delivery_note = models.CharField(_("delivery as agreed"), max_length=100, blank=True)
    payment_net_days = models.PositiveSmallIntegerField(_("net days"), null=True, blank=True)
    skonto_percent = models.DecimalField(
        _("Skonto %"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    skonto_days = models.PositiveSmallIntegerField(_("Skonto days"), null=True, blank=True)
    prepayment = models.BooleanField(_("prepayment"), default=False)
    discount_percent = models.DecimalField(
        _("discount %"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    shipping = models.CharField(_("shipping terms"), max_length=20, choices=Shipping.choices, blank=True)
    shipping_place = models.CharField(_("named place"), max_length=100, blank=True)
    conditions = models.TextField(_("further conditions"), blank=True)
    confirmation_channel = models.CharField(
        _("confirmation by"), max_length=10, choices=ConfirmationChannel.choices, blank=True
    )
    confirmation_copies = models.PositiveSmallIntegerField(
        _("copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-ordered_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def has_payment_terms(self) -> bool:
        return self.prepayment or self.payment_net_days is not None or self.skonto_percent is not None

    @property
    def net_total(self) -> Decimal:
        return sum((line.net_amount for line in self.lines.all()), Decimal("0"))


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("pos."), default=1)
    description = models.CharField(_("article / service"), max_length=300)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True, default="Stk.")
    unit_price = models.DecimalField(
        _("unit price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    discount_percent = models.DecimalField(
        _("line discount %"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity:g} × {self.description}"

    @property
    def net_amount(self) -> Decimal:
        if self.unit_price is None:
            return Decimal("0")
        amount = self.quantity * self.unit_price
        if self.discount_percent:
            amount -= amount * self.discount_percent / 100
        return amount.quantize(Decimal("0.01"))
