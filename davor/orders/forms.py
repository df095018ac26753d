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
