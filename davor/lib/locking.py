"""Optimistic locking: the error a save raises when the row changed since it was read.

Plain data only (who, when, what changed), so that the web, the API and the
command line can each show it their way.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _


@dataclass
class ChangedField:
    what: str  # "Call: Kessler · 02.03.2026 10:15" or a field's name
    field: str
    old: str
    new: str


@dataclass
class ChangedMeanwhile(Exception):
    """Refuses a save based on ``expected`` when the row is at ``current`` already."""

    expected: int
    current: int
    who: str
    when: datetime | None
    changes: list[ChangedField] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def message(self) -> str:
        when = formats.date_format(timezone.localtime(self.when), "DATETIME_FORMAT") if self.when else "—"
        return _(
            "Not saved: this was changed meanwhile by %(who)s at %(when)s. "
            "Check their changes below; saving again replaces them with your entries."
        ) % {"who": self.who, "when": when}

    def as_dict(self) -> dict:
        return {
            "detail": self.message,
            "expected_version": self.expected,
            "current_version": self.current,
            "changed_by": self.who,
            "changed_at": self.when.isoformat() if self.when else None,
            "changes": [change.__dict__ for change in self.changes],
        }


def version_claim(instance: Any, *, expected: int | None, fields: Sequence[str]) -> int:
    """Lock ``instance``'s row and return its next version; ChangedMeanwhile if it is no longer at ``expected``.

    Call it inside the transaction that saves: the row lock (PostgreSQL) or
    the IMMEDIATE transaction (SQLite) makes the check and the write one step.
    ``expected`` None skips the check (the worker, the wrap-up's own writes).
    """
    current = type(instance).objects.select_for_update().values_list("version", flat=True).get(pk=instance.pk)
    if expected is not None and current != expected:
        raise changed_meanwhile(instance, expected=expected, current=current, fields=fields)
    return current + 1


def changed_meanwhile(instance: Any, *, expected: int, current: int, fields: Sequence[str]) -> ChangedMeanwhile:
    """Who saved ``instance`` (history and ``version``) after ``expected``, when, and what of ``fields``."""
    records = instance.history.select_related("history_user").order_by("history_date", "history_id")
    before = records.filter(version__lte=expected).last()
    last = records.last()
    if last is None or last.version == expected:
        return ChangedMeanwhile(expected=expected, current=current, who=_("someone"), when=None)
    changes = []
    if before is not None:
        for change in last.diff_against(before, included_fields=list(fields)).changes:
            label = str(getattr(type(instance)._meta.get_field(change.field), "verbose_name", change.field))
            changes.append(ChangedField(str(instance), label, _shown(change.old), _shown(change.new)))
    user = last.history_user
    who = (user.get_full_name() or user.username) if user else _("system")
    return ChangedMeanwhile(expected=expected, current=current, who=who, when=last.history_date, changes=changes)


def _shown(value: object) -> str:
    return "—" if value is None or value == "" else str(value)
