"""The audit log: write one event, read the events a user may see.

Kept apart from ``services.py`` because every app records into it (imports,
exports, erasures, sign-ins); it imports nothing of Davor above ``users``.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from davor.users.models import AuditEvent, User

Action = AuditEvent.Action

# What the keys of ``details`` say, in the reader's language (the stored keys stay English), in the
# order they are shown: PostgreSQL's jsonb keeps keys in its own order, SQLite in the order written.
DETAIL_LABELS = {
    "format": gettext_lazy("format"),
    "rows": gettext_lazy("rows"),
    "customers": gettext_lazy("customers"),
    "orders": gettext_lazy("orders"),
    "customers_created": gettext_lazy("customers created"),
    "customers_updated": gettext_lazy("customers completed"),
    "contacts_created": gettext_lazy("contacts created"),
    "contacts_updated": gettext_lazy("contacts completed"),
    "via": gettext_lazy("via"),
    "created": gettext_lazy("new user"),
    "changed": gettext_lazy("changed"),
    "role": gettext_lazy("role"),
    "team_id": gettext_lazy("team no."),
    "fields_redacted": gettext_lazy("fields erased"),
    "calls_to_review": gettext_lazy("calls to review"),
    "locked_out": gettext_lazy("locked out"),
    "vendor": gettext_lazy("database"),
}
_ORDER = {key: index for index, key in enumerate(DETAIL_LABELS)}
DETAIL_VALUES: dict[str, dict[Any, Any]] = {
    "via": {"cli": gettext_lazy("command line"), "web": gettext_lazy("browser")},
    "role": dict(User.Role.choices),
    "format": {"csv-de": gettext_lazy("CSV (German Excel)"), "csv": "CSV", "xlsx": "Excel (XLSX)", "vcard": "vCard"},
    "vendor": {"sqlite": "SQLite", "postgresql": "PostgreSQL"},
}
OBJECT_TYPES = {
    "customer": gettext_lazy("customer"),
    "contact": gettext_lazy("contact"),
    "user": gettext_lazy("user"),
}


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as axes sees it (it honours the proxy settings), else REMOTE_ADDR."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    user: User | None = None,
    request: HttpRequest | None = None,
    username: str = "",
    object_type: str = "",
    object_id: object = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one event. ``details`` must not hold personal data: counts, formats, field names."""
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=(username or (user.username if user else ""))[:150],
        object_type=object_type,
        object_id=str(object_id or ""),
        ip=client_ip(request),
        details=details or {},
    )


def audit_details_text(details: dict[str, Any]) -> str:
    """``format: xlsx, customers: 61, via: cli`` as "Format: Excel (XLSX), Kunden: 61, über: Kommandozeile"."""
    keys = sorted(details, key=lambda key: (_ORDER.get(key, len(_ORDER)), key))
    return ", ".join(f"{DETAIL_LABELS.get(key, key)}: {_detail_value(key, details[key])}" for key in keys)


def _detail_value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        if key == "changed":
            return ", ".join(str(_field_label(name)) for name in value) or "—"
        return ", ".join(str(item) for item in value) or "—"
    if value is None or value == "":
        return "—"
    return str(DETAIL_VALUES.get(key, {}).get(value, value))


def _field_label(name: str) -> str:
    try:
        return str(getattr(User._meta.get_field(name), "verbose_name", name))
    except Exception:  # a field renamed since the event was recorded
        return name


def object_type_label(object_type: str) -> str:
    return str(OBJECT_TYPES.get(object_type, object_type))


def audit_scope(user: User) -> Q:
    """Admins see everything; a manager the events of their team's users and their own."""
    if user.is_superuser or user.role == User.Role.ADMIN:
        return Q()
    if user.role == User.Role.MANAGER and user.team_id:
        return Q(user__team_id=user.team_id) | Q(user=user)
    return Q(user=user)


def audit_list(*, user: User, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(audit_scope(user)).select_related("user")
    if action:
        events = events.filter(action=action)
    return events
