"""Titles Davor writes for the tasks it makes itself.

Such a task keeps the key of its title and the values that go into it, so
that everyone reads it in their own language: a task the wrap-up made for a
German seller reads in English for an English-speaking manager. The stored
``title`` is the same text in the creator's language, for search, the API
and the calendar feed.
"""

from datetime import date
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from davor.customers.models import Channel

TITLES = {
    "care": _("Thank %(whom)s (%(channel)s)"),
    "call_again": _("Call %(whom)s again"),
    "budget_call": _("Call %(whom)s before the budget is planned"),
    "referral_thanks": _("Thank for the referral: %(names)s"),
    "appointment_thanks": _("Thank %(whom)s for the appointment"),
    "recommendation_thanks": _("Thank %(whom)s for recommending %(prospect)s"),
    "erased_review": _("Review the call of %(date)s: a person in it was erased (GDPR)"),
}


def _localised(name: str, value: Any) -> Any:
    if name == "channel" and value in Channel.values:
        return Channel(value).label
    if name == "date" and isinstance(value, str):
        try:
            return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


def render_title(key: str, params: dict[str, Any]) -> str:
    """The title in the active language; an unknown key (from a newer version) reads as its values."""
    template = TITLES.get(key)
    values = {name: _localised(name, value) for name, value in params.items()}
    if template is None:
        return ", ".join(str(value) for value in values.values())
    return str(template) % values


def title_fields(key: str, *, language: str | None = None, **params: Any) -> dict[str, Any]:
    """The fields of a generated task: its key, its values, and the text in ``language`` (or the active one)."""
    params = {name: value.isoformat() if isinstance(value, date) else value for name, value in params.items()}
    with translation.override(language or translation.get_language()):
        title = render_title(key, params)
    return {"title": title, "title_key": key, "title_params": params}
