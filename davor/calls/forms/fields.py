"""The small forms the wrap-up screen is made of, one per checklist part."""

from django import forms
from django.utils.dates import MONTHS as DJANGO_MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from davor.agenda.models import Task
from davor.calls.models import Call, Outcome
from davor.customers.models import Channel
from davor.lib.forms import DayField, MomentField
from davor.orders.models import ConfirmationChannel, Shipping

MONTHS = [("", "—"), *DJANGO_MONTHS.items()]


def _percent(label):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2, localize=True
    )


class CallForm(forms.Form):
    # No outcome is preselected: a new call claims no deal until the note or the seller says so.
    outcome = forms.ModelChoiceField(
        label=_("Outcome"), queryset=Outcome.objects.filter(is_active=True), empty_label="—"
    )
    contacts: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Spoke with"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Call.Direction.choices)
    started_at = MomentField(label=_("Time of call"))
    duration_minutes = forms.IntegerField(label=_("Duration (min)"), required=False, min_value=0, max_value=600)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = customer.contacts.filter(is_active=True)


class OrderForm(forms.Form):
    delivery_earliest = DayField(label=_("Delivery from"), required=False)
    delivery_latest = DayField(label=_("Delivery by"), required=False)
    delivery_note = forms.CharField(
        label=_("Delivery as said"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. KW 12")}),
    )
    payment_net_days = forms.IntegerField(label=_("Net days"), required=False, min_value=0, max_value=365)
    skonto_percent = forms.DecimalField(
        label=_("Skonto %"), required=False, max_digits=5, decimal_places=2, localize=True
    )
    skonto_days = forms.IntegerField(label=_("Skonto days"), required=False, min_value=0, max_value=365)
    prepayment = forms.BooleanField(label=_("Prepayment"), required=False)
    discount_percent = forms.DecimalField(
        label=_("Discount %"), required=False, max_digits=5, decimal_places=2, localize=True
    )
    shipping = forms.ChoiceField(label=_("Shipping terms"), required=False, choices=[("", "—"), *Shipping.choices])
    shipping_place = forms.CharField(label=_("Named place"), required=False, max_length=100)
    conditions = forms.CharField(
        label=_("Further conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmation_channel = forms.ChoiceField(
        label=_("Order confirmation by"), required=False, choices=[("", "—"), *ConfirmationChannel.choices]
    )
    confirmation_copies = forms.TypedChoiceField(
        label=_("Copies"),
        coerce=int,
        initial=1,
        required=False,
        empty_value=None,
        choices=[(1, _("single")), (2, _("in duplicate")), (3, "3×")],
    )


class LineForm(forms.Form):
    description = forms.CharField(label=_("Article / service"), max_length=300)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.001, max_digits=12, decimal_places=3, localize=True)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20)
    unit_price = forms.DecimalField(
        label=_("Unit price €"), required=False, min_value=0, max_digits=12, decimal_places=2, localize=True
    )
    discount_percent = _percent(_("Discount %"))


class AppointmentForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    start = MomentField(label=_("Start"), required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (min)"), required=False, min_value=5, max_value=1440)
    location = forms.CharField(label=_("Place"), required=False, max_length=200)
    title = forms.CharField(label=_("Subject"), required=False, max_length=200)


class ParticipantForm(forms.Form):
    name = forms.CharField(
        label=_("Participant"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "customer-contacts", "autocomplete": "off"}),
    )
    position = forms.CharField(label=_("Position"), required=False, max_length=100)
    extension = forms.RegexField(
        label=_("Extension"),
        required=False,
        max_length=10,
        regex=r"^\d+$",
        error_messages={"invalid": _("Digits only, e.g. 231.")},
    )


class NewContactForm(forms.Form):
    """A person of the customer the note names with details, kept as a contact when the wrap-up is saved."""

    name = forms.CharField(label=_("New contact"), max_length=200)
    position = forms.CharField(label=_("Position"), required=False, max_length=100)
    extension = ParticipantForm.base_fields["extension"]
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    spoke_with = forms.BooleanField(label=_("Spoke with"), required=False, initial=True)


class TaskForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Who promised"),
        initial=Task.Kind.OUR_PROMISE,
        choices=[
            (Task.Kind.OUR_PROMISE, _("We")),
            (Task.Kind.CUSTOMER_PROMISE, _("Customer")),
        ],
    )
    title = forms.CharField(label=_("What"), max_length=300)
    due = DayField(label=_("By"), required=False)


class WishForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    description = forms.CharField(label=_("Purchase wish"), max_length=300)
    horizon = DayField(label=_("Expected by"), required=False)
    estimated_value = forms.DecimalField(
        label=_("Estimated value €"), required=False, min_value=0, max_digits=12, decimal_places=2, localize=True
    )


class ReferralForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    company = forms.CharField(label=_("Company"), required=False, max_length=200)
    name = forms.CharField(label=_("Person"), required=False, max_length=200)
    position = forms.CharField(label=_("Position"), required=False, max_length=100)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ExtendedForm(forms.Form):
    """Budget, personal note, care touch, next contact and the "nothing to record" answers."""

    planning_month = forms.TypedChoiceField(
        label=_("Budget planned in"), required=False, coerce=int, empty_value=None, choices=MONTHS
    )
    fiscal_year_start_month = forms.TypedChoiceField(
        label=_("Fiscal year starts"), required=False, coerce=int, empty_value=None, choices=MONTHS
    )
    expected_amount = forms.DecimalField(
        label=_("Expected budget €"), required=False, min_value=0, max_digits=14, decimal_places=2, localize=True
    )
    personal_note = forms.CharField(label=_("Personal notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    care_channel = forms.ChoiceField(
        label=_("Thank-you by"),
        required=False,
        choices=[
            ("", "—"),
            (Channel.SMS, _("SMS")),
            (Channel.EMAIL, _("Mail")),
            (Channel.PHONE, pgettext_lazy("care channel", "Call")),
        ],
    )
    care_due = DayField(label=_("Thank-you on"), required=False)
    next_contact = DayField(label=_("Next contact"), required=False)
    nothing_wishes = forms.BooleanField(label=_("Asked — no further wishes"), required=False)
    nothing_budget = forms.BooleanField(label=_("Asked — nothing known about the budget"), required=False)
    nothing_referrals = forms.BooleanField(label=_("Asked — no referrals"), required=False)
    nothing_personal = forms.BooleanField(label=_("Nothing personal to note"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("care_channel") and not data.get("care_due"):
            self.add_error("care_due", _("When is the thank-you due?"))
        if data.get("care_due") and not data.get("care_channel"):
            self.add_error("care_channel", _("Thank you by SMS, mail or call?"))
        return data
