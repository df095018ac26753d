"""The revision history of a wrap-up: who changed what, when, before and after.

django-simple-history keeps a record per save of the call and of each row
the wrap-up wrote; this gathers them into one timeline.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from davor.agenda.models import Appointment, Task
from davor.calls.models import Call
from davor.orders.models import Order, OrderLine
from davor.pipeline.models import Opportunity, Referral

SKIPPED_FIELDS = {"updated_at", "created_at", "missing", "is_complete", "sequence", "version"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    what: str
    changes: list[Change]


def call_history(call: Call) -> list[HistoryEntry]:
    order_ids = list(Order.history.filter(call_id=call.pk).values_list("id", flat=True).distinct())
    sources = [
        (call.history.all(), _("Call")),
        (Order.history.filter(call_id=call.pk), _("Order")),
        (OrderLine.history.filter(order_id__in=order_ids), _("Order line")),
        (Appointment.history.filter(call_id=call.pk), _("Appointment")),
        (Task.history.filter(call_id=call.pk), _("Task")),
        (Opportunity.history.filter(call_id=call.pk), _("Purchase wish")),
        (Referral.history.filter(call_id=call.pk), _("Referral")),
    ]
    entries = []
    for records, label in sources:
        previous: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            entry = _entry(record, previous.get(record.id), label)
            previous[record.id] = record
            if entry.changes or record.history_type != "~":  # a save that changed nothing is no news
                entries.append(entry)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _entry(record, before, label: str) -> HistoryEntry:
    user = record.history_user
    action = {"+": _("created"), "~": _("changed"), "-": _("deleted")}[record.history_type]
    changes = []
    if before is not None and record.history_type == "~":
        delta = record.diff_against(before, excluded_fields=SKIPPED_FIELDS)
        for change in delta.changes:
            verbose = record.instance._meta.get_field(change.field).verbose_name
            changes.append(Change(str(verbose), _show(change.old), _show(change.new)))
    return HistoryEntry(
        when=record.history_date,
        who=(user.get_full_name() or user.username) if user else _("system"),
        action=action,
        what=f"{label}: {record.instance}",
        changes=changes,
    )


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)
