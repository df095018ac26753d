"""Form fields for dates and times typed the German (or British) way, in one text box.

A browser's ``type=date`` / ``datetime-local`` input is three to five tab
stops, shows the browser's locale rather than the user's, and renders
nothing when given a value in another format. These fields are one text box
each: what ``davor.lib.datetimes`` reads, shown in the user's language.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from davor.lib.bounds import DATE_MESSAGE, day_in_bounds
from davor.lib.datetimes import format_date, format_datetime, parse_date, parse_datetime


class _TypedInput(forms.TextInput):
    def __init__(self, formatter, kind: str, attrs=None):
        super().__init__({"autocomplete": "off", "inputmode": "text", "data-typed": kind, **(attrs or {})})
        self.formatter = formatter

    def format_value(self, value):
        if isinstance(value, date | datetime):
            return self.formatter(value)
        return super().format_value(value)


class DayField(forms.DateField):
    """A date: ``24.3.``, ``24.3.27``, ``24/03/2027``, ``morgen``, ``2027-03-24``."""

    default_error_messages = {
        "invalid": _("Enter a date such as 24.3. or 24.3.2027."),
        "range": DATE_MESSAGE,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", _TypedInput(format_date, "date", {"placeholder": _("e.g. 24.3.")}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not day_in_bounds(parsed):
            raise forms.ValidationError(self.error_messages["range"], code="range")
        return parsed


class MomentField(forms.DateTimeField):
    """A date with a time: ``24.3. 10:00``, ``24.3.27 10``, ``morgen 9:30``; aware, in the current time zone."""

    default_error_messages = {
        "invalid": _("Enter a date and time such as 24.3. 10:00."),
        "range": DATE_MESSAGE,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", _TypedInput(format_datetime, "datetime", {"placeholder": _("e.g. 24.3. 10:00")}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            parsed = value
        else:
            parsed = parse_datetime(str(value))
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not day_in_bounds(parsed):
            raise forms.ValidationError(self.error_messages["range"], code="range")
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
