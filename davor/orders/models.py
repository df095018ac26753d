from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from davor.lib.formats import format_quantity

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
    # Optimistic locking: order_save counts it up; a save based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-ordered_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("orders:detail", args=[self.pk])

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
        return f"{format_quantity(self.quantity)} × {self.description}"

    @property
    def net_amount(self) -> Decimal:
        if self.unit_price is None:
            return Decimal("0")
        amount = self.quantity * self.unit_price
        if self.discount_percent:
            amount -= amount * self.discount_percent / 100
        return amount.quantize(Decimal("0.01"))


class CompanyProfile(models.Model):
    """Our company as the letterhead and the legally required footer show it.

    One row (pk 1), edited by an admin in the back office; read through
    ``selectors.company_profile_get``.
    """

    name = models.CharField(_("company name"), max_length=200)
    street = models.CharField(_("street"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="DE")
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As printed, e.g. 0711 98760-0: the seller's extension replaces the final 0."),
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    managing_directors = models.CharField(_("managing directors"), max_length=200, blank=True)
    register_court = models.CharField(_("register court"), max_length=100, blank=True)
    register_number = models.CharField(_("register number"), max_length=50, blank=True)
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    vat_percent = models.DecimalField(
        _("VAT %"), max_digits=5, decimal_places=2, default=Decimal("19"), validators=PERCENT
    )
    accent_color = models.CharField(
        _("letterhead colour"),
        max_length=7,
        default="#1f5fbf",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$")],
        help_text=_("Hex colour such as #1f5fbf; faxes print black."),
    )
    note_de = models.TextField(
        _("closing note (German)"),
        blank=True,
        help_text=_("Printed under every confirmation, e.g. a reference to your terms."),
    )
    note_en = models.TextField(_("closing note (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profile")

    def __str__(self) -> str:
        return self.name or str(_("company profile"))


class Confirmation(models.Model):
    """One version of an order's confirmation document.

    A version is fixed by the ``fingerprint`` of what the document says about
    the order; sending an order whose content changed since makes the next version.
    """

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="confirmations")
    version = models.PositiveSmallIntegerField(_("version"))
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("order confirmation")
        verbose_name_plural = _("order confirmations")
        ordering = ["order", "-version"]
        constraints = [models.UniqueConstraint(fields=["order", "version"], name="confirmation_version_unique")]

    def __str__(self) -> str:
        return f"{self.order.number} v{self.version}"


class ConfirmationSending(models.Model):
    """One attempt to get a confirmation to the customer, kept whether it went out or not."""

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        PRINTED = "printed", _("printed, not posted yet")
        FAILED = "failed", _("failed")

    confirmation = models.ForeignKey(
        Confirmation, verbose_name=_("order confirmation"), on_delete=models.CASCADE, related_name="sendings"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ConfirmationChannel.choices)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    contact = models.ForeignKey(
        "customers.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.CharField(_("recipient"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    server_reply = models.TextField(_("server's answer"), blank=True)
    error = models.TextField(_("error"), blank=True)
    # The PDF exactly as it went out (all copies), so that the record shows what the customer has.
    document = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.confirmation} · {self.channel} · {self.status}"
