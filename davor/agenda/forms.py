from django import forms
from django.utils.translation import gettext_lazy as _

from davor.customers.models import Channel
from davor.lib import bounds
from davor.lib.forms import MomentField


class AppointmentForm(forms.Form):
    title = bounds.LineField(label=_("subject"), max_length=200, required=False)
    location = bounds.LineField(label=_("place"), max_length=200, required=False)
    start = MomentField(label=_("start"))
    end = MomentField(label=_("end"), required=False)
    notify = forms.BooleanField(label=_("Send the change to the invited"), required=False, initial=True)
    # The version the page showed: a save based on an older one is refused (changed meanwhile).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=bounds.MAX_ID)


class CaldavForm(forms.Form):
    url = forms.URLField(label=_("CalDAV calendar address"), max_length=500, assume_scheme="https")
    username = forms.CharField(label=_("user name"), max_length=200)
    password = forms.CharField(label=_("app password"), widget=forms.PasswordInput)


class CareMessageForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("channel"), choices=[(Channel.EMAIL, Channel.EMAIL.label), (Channel.SMS, Channel.SMS.label)]
    )
    subject = forms.CharField(label=_("subject"), max_length=200, required=False, help_text=_("E-mail only."))
    text = forms.CharField(label=_("message"), widget=forms.Textarea(attrs={"rows": 8}))
