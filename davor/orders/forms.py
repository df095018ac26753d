from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from davor.customers.models import Contact
from davor.orders.models import ConfirmationChannel, Order
from davor.orders.recipients import contact_default


class ConfirmationForm(forms.Form):
    """How this confirmation goes out: the wrap-up's choice, which the seller may change before sending."""

    channel = forms.ChoiceField(label=_("Send by"), choices=ConfirmationChannel.choices)
    copies = forms.IntegerField(label=_("Copies"), min_value=1, max_value=5)
    contact = forms.ModelChoiceField(
        label=_("To"), queryset=Contact.objects.none(), required=False, empty_label=_("the company, no contact")
    )

    def __init__(self, data=None, *, order: Order):
        channel = order.confirmation_channel or ConfirmationChannel.EMAIL
        initial = {"channel": channel, "copies": order.confirmation_copies, "contact": contact_default(order, channel)}
        super().__init__(data, initial=initial)
        contact = cast(forms.ModelChoiceField, self.fields["contact"])
        contact.queryset = order.customer.contacts.filter(is_active=True)

    def choice(self) -> dict:
        """The cleaned choice, or the wrap-up's when the form was not filled in."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return dict(self.initial)


class OrderFilterForm(forms.Form):
    """The order list's filters; a manager may also choose a seller of the team."""

    q = forms.CharField(label=_("Order or customer"), required=False, max_length=100)
    sent = forms.ChoiceField(
        label=_("Confirmation"),
        required=False,
        choices=[("", _("all")), ("no", _("not sent yet")), ("yes", _("sent"))],
    )
    seller = forms.TypedChoiceField(label=_("Seller"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, sellers: list[tuple[int, str]]):
        super().__init__(data)
        cast(forms.TypedChoiceField, self.fields["seller"]).choices = [("", _("all"))] + [
            (str(pk), name) for pk, name in sellers
        ]
        if not sellers:
            del self.fields["seller"]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"query": "", "sent": "", "seller": None}
        data = self.cleaned_data
        return {"query": data["q"].strip(), "sent": data["sent"], "seller": data.get("seller")}
