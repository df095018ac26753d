"""Forms for customers and contacts.

Telephone numbers are typed any way people write them and stored as E.164;
the edit forms show them formatted again. A number is read in the customer's
country, so that a Swiss customer's ``044 …`` is not taken for a German one.
"""

from typing import Any, cast

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from davor.customers.models import Contact, Customer
from davor.customers.services import consent_settle
from davor.lib.phones import (
    DEFAULT_REGION,
    InvalidPhoneNumber,
    ParsedPhone,
    format_phone,
    parse_phone,
    split_extension,
)

CUSTOMER_FIELDS = [
    "name",
    "status",
    "street",
    "postal_code",
    "city",
    "country",
    "phone",
    "fax",
    "email",
    "website",
    "language",
    "industry",
    "notes",
]
CONSENT_CHANNELS = ("email", "sms", "phone")
CONSENT_FIELDS = [f"consent_{c}{suffix}" for c in CONSENT_CHANNELS for suffix in ("", "_date", "_source")]
CONTACT_FIELDS = [
    "salutation",
    "title",
    "first_name",
    "last_name",
    "position",
    "department",
    "phone",
    "extension",
    "mobile",
    "email",
    "fax",
    "preferred_channel",
    "personal_notes",
    "is_active",
    *CONSENT_FIELDS,
]


def _parse(raw: str, region: str) -> ParsedPhone | None:
    if not raw.strip():
        return None
    try:
        return parse_phone(raw, region)
    except InvalidPhoneNumber:
        raise forms.ValidationError(
            _("This is not a telephone number we can dial: %(number)s"), code="invalid_phone", params={"number": raw}
        ) from None


class _PhoneModelForm(forms.ModelForm):
    """Formats stored numbers for editing, puts the cursor where it is needed."""

    phone_fields: tuple[str, ...] = ()

    def _prepare(self, *, autofocus: bool) -> None:
        if self.instance.pk:
            for name in self.phone_fields:
                self.initial[name] = format_phone(getattr(self.instance, name))
        for name in self.phone_fields:
            self.fields[name].widget.input_type = "tel"
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if autofocus:
            next(iter(self.fields.values())).widget.attrs["autofocus"] = True

    def full_clean(self) -> None:
        super().full_clean()
        if self.errors:
            self.focus_first_error()

    def focus_first_error(self) -> None:
        """Land on the first mistake instead of the top of the form."""
        self.blur()
        if first := next((name for name in self.fields if name in self.errors), None):
            self.fields[first].widget.attrs["autofocus"] = True

    def blur(self) -> None:
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class CustomerForm(_PhoneModelForm):
    phone_fields: tuple[str, ...] = ("phone", "fax")

    class Meta:
        model = Customer
        fields = CUSTOMER_FIELDS
        help_texts = {"country": _("DE, AT, CH …")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, autofocus: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepare(autofocus=autofocus)
        self.fields["country"].widget.attrs.update(size=2, autocapitalize="characters")

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if country not in phonenumbers.SUPPORTED_REGIONS:
            raise forms.ValidationError(_("Use a two-letter country code such as DE, AT or CH."), code="country")
        return country

    @property
    def region(self) -> str:
        # clean_country runs before the numbers (it comes first in the form), so this is the cleaned one.
        return self.cleaned_data.get("country") or DEFAULT_REGION

    def clean_phone(self) -> str:
        parsed = _parse(self.cleaned_data["phone"], self.region)
        return parsed.e164 if parsed else ""

    def clean_fax(self) -> str:
        parsed = _parse(self.cleaned_data["fax"], self.region)
        return parsed.e164 if parsed else ""


class ContactForm(_PhoneModelForm):
    phone_fields = ("phone", "mobile", "fax")

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        help_texts = {
            "phone": _("A dash separates the direct extension: 0711 12345-123."),
            "personal_notes": _("The person, not only the buyer: family, hobbies, what matters to them."),
        }
        widgets = {
            "personal_notes": forms.Textarea(attrs={"rows": 3}),
            **{
                f"consent_{c}_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for c in CONSENT_CHANNELS
            },
        }

    def __init__(self, *args: Any, region: str = DEFAULT_REGION, autofocus: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region or DEFAULT_REGION
        self._dash_extension = ""
        self._prepare(autofocus=autofocus)
        for name in ("salutation", "preferred_channel"):
            # A dash instead of Django's "Select an option", which the narrow salutation box cuts off.
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", "—"), *cast(list, field.choices)[1:]]
        if self.instance.pk and split_extension(self.instance.phone, self.instance.extension):
            # Shown the way it was typed, "0711 12345-231", so that it reads back to the same number and extension.
            self.initial["phone"] = self.instance.phone_display

    def clean_phone(self) -> str:
        parsed = _parse(self.cleaned_data["phone"], self.region)
        if not parsed:
            return ""
        self._dash_extension = parsed.extension
        return parsed.e164

    def clean_mobile(self) -> str:
        parsed = _parse(self.cleaned_data["mobile"], self.region)
        return parsed.e164 if parsed else ""

    def clean_fax(self) -> str:
        parsed = _parse(self.cleaned_data["fax"], self.region)
        return parsed.e164 if parsed else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # "0711 12345-123": the part after the dash is the direct extension, unless one was typed.
        if self._dash_extension and not cleaned.get("extension"):
            cleaned["extension"] = self._dash_extension
        consent_settle(cleaned)
        return cleaned


class FirstContactForm(ContactForm):
    """The optional first contact on the new-customer form: left empty, no contact is created."""

    class Meta(ContactForm.Meta):
        fields = [f for f in CONTACT_FIELDS if f != "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        kwargs.setdefault("autofocus", False)
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = False

    @property
    def is_empty(self) -> bool:
        """Nothing typed (the salutation alone does not make a person)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "salutation"}
        return not any(data.values())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.is_empty and not cleaned.get("last_name") and "last_name" not in self.errors:
            self.add_error(
                "last_name", forms.ValidationError(_("A contact needs at least a last name."), code="required")
            )
        return cleaned


class CustomerFilterForm(forms.Form):
    """The list's filters. The template writes the inputs itself, for their htmx attributes."""

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Customer.Status.choices])
    city = forms.CharField(label=_("City"), required=False)
    placeholder = _("Company, customer number, contact, city")

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one (a tampered status) is dropped, not an error page."""
        self.is_valid()
        return {k: self.cleaned_data.get(k, "").strip() for k in ("q", "status", "city")}
