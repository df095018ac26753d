from django import forms
from django.utils.translation import gettext_lazy as _

from davor.customers.models import Channel


class AppointmentForm(forms.Form):
    title = forms.CharField(label=_("subject"), max_length=200, required=False)
    location = forms.CharField(label=_("place"), max_length=200, required=False)
    start = forms.DateTimeField(label=_("start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(
        label=_("end"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    notify = forms.BooleanField(label=_("Send the change to the invited"), required=False, initial=True)


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
