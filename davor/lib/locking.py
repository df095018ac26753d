"""Optimistic locking: the error a save raises when the row changed since it was read.

Plain data only (who, when, what changed), so that the web, the API and the
command line can each show it their way.
"""

from dataclasses import dataclass, field
from datetime import datetime

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
