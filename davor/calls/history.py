"""The revision history of a wrap-up: who changed what, when, before and after.

django-simple-history keeps a record per save of the call and of each row
the wrap-up wrote; this gathers them into one timeline.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from davor.agenda.models import Appointment, Task
from davor.calls.models import Call
from davor.lib.datetimes import format_date, format_datetime
from davor.lib.formats import format_quantity
from davor.orders.models import Order, OrderLine
from davor.pipeline.models import Opportunity, Referral

SKIPPED_FIELDS = {
    "updated_at", "created_at", "missing", "is_complete", "sequence", "version", "title_params", "title_key",
}  # fmt: skip


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
            field = record.instance._meta.get_field(change.field)
            changes.append(Change(str(field.verbose_name), _show(field, change.old), _show(field, change.new)))
    return HistoryEntry(
        when=record.history_date,
        who=(user.get_full_name() or user.username) if user else _("system"),
        action=action,
        what=f"{label}: {record.instance}",
        changes=changes,
    )


def _show(field, value) -> str:
    """A stored value as the screens show it: local times, names instead of ids, labels instead of codes."""
    if value is None or value == "" or value == []:
        return "—"
    if field.many_to_many:  # simple-history keeps the through rows: {"call": 1, "contact": 7}
        key = field.related_model._meta.model_name
        ids = [row[key] for row in value if isinstance(row, dict) and key in row]
        names = {row.pk: str(row) for row in field.related_model._base_manager.filter(pk__in=ids)}
        return ", ".join(names.get(pk, "—") for pk in ids) or "—"
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        if related is None:
            return "—"
        return related.get_full_name() or related.username if hasattr(related, "get_full_name") else str(related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_quantity(value)
    return str(value)
