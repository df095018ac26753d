from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from davor.lib.collation import german_sort_key
from davor.lib.phones import format_phone


class Channel(models.TextChoices):
    """How a person prefers to be reached; also the care-touch channels."""

    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    FAX = "fax", _("Fax")
    POST = "post", _("Post")


class Customer(models.Model):
    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        CUSTOMER = "customer", _("Customer")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("seller"), on_delete=models.PROTECT, related_name="customers"
    )
    number = models.CharField(
        _("customer number"),
        max_length=20,
        unique=True,
        # Numbers are unique across all teams: "already exists" would tell a seller another team's numbers.
        error_messages={"unique": _("This customer number cannot be used. Leave it empty for the next free one.")},
    )
    name = models.CharField(_("company"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROSPECT)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")
    phone = models.CharField(_("switchboard"), max_length=20, blank=True)
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    language = models.CharField(
        _("correspondence language"),
        max_length=2,
        choices=[("de", "Deutsch"), ("en", "English")],
        default="de",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # The name in German dictionary order ("Bäckerei Groß" before "Brunnenbau"), computed by the database.
    sort_name = models.GeneratedField(
        expression=german_sort_key("name"), output_field=models.CharField(max_length=400), db_persist=True
    )
    history = HistoricalRecords(excluded_fields=["sort_name"])

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["sort_name", "name", "pk"]
        indexes = [models.Index(fields=["owner", "name"]), models.Index(fields=["owner", "sort_name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("customers:detail", args=[self.pk])

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def address_lines(self) -> list[str]:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return [line for line in (self.street, place) if line]


class Contact(models.Model):
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="contacts"
    )
    salutation = models.CharField(
        _("salutation"),
        max_length=10,
        blank=True,
        choices=[("Herr", _("Mr")), ("Frau", _("Ms"))],
    )
    title = models.CharField(_("title"), max_length=30, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    extension = models.CharField(_("direct extension"), max_length=10, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    preferred_channel = models.CharField(_("preferred channel"), max_length=10, choices=Channel.choices, blank=True)
    personal_notes = models.TextField(_("personal notes"), blank=True)
    is_active = models.BooleanField(_("still there"), default=True)
    # Consent per channel (UWG § 7: no advertising SMS, mail or call without it), with when and how it was given.
    consent_email = models.BooleanField(_("agrees to e-mail"), default=False)
    consent_email_date = models.DateField(_("e-mail consent given on"), null=True, blank=True)
    consent_email_source = models.CharField(_("e-mail consent source"), max_length=200, blank=True)
    consent_sms = models.BooleanField(_("agrees to SMS"), default=False)
    consent_sms_date = models.DateField(_("SMS consent given on"), null=True, blank=True)
    consent_sms_source = models.CharField(_("SMS consent source"), max_length=200, blank=True)
    consent_phone = models.BooleanField(_("agrees to calls"), default=False)
    consent_phone_date = models.DateField(_("call consent given on"), null=True, blank=True)
    consent_phone_source = models.CharField(_("call consent source"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def phone_display(self) -> str:
        """``0711 4567-12``: the direct-dial extension after a dash, as it is written and dialled."""
        return format_phone(self.phone, self.extension)

    @property
    def mobile_display(self) -> str:
        return format_phone(self.mobile)

    def has_consent(self, channel: str) -> bool:
        """Whether this person agreed to be contacted on ``channel`` (email, sms or phone)."""
        return bool(getattr(self, f"consent_{channel}", False))
