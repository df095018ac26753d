"""The audit log: write one event, read the events a user may see.

Kept apart from ``services.py`` because every app records into it (imports,
exports, erasures, sign-ins); it imports nothing of Davor above ``users``.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from davor.users.models import AuditEvent, User

Action = AuditEvent.Action


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
