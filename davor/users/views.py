from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from davor.users.audit import audit_details_text, audit_list, audit_record, object_type_label
from davor.users.http import AuthenticatedRequest
from davor.users.models import AuditEvent, User
from davor.users.services import user_set_language


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the app and its database answer; for monitoring, no login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def set_language(request: AuthenticatedRequest) -> HttpResponse:
    user_set_language(user=request.user, language=request.POST.get("language", ""))
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


class LoginView(auth_views.LoginView):
    """Django's sign-in, recording each success and failure in the audit log.

    django-axes counts the failures itself (its backend refuses a locked-out
    name and address before the password is checked); this only records them.
    """

    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(action=AuditEvent.Action.LOGIN, user=form.get_user(), request=self.request)
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = self.request.POST.get("username", "")
        user = User.objects.filter(username=username).first()
        details = {"locked_out": True} if getattr(self.request, "axes_locked_out", False) else {}
        audit_record(
            action=AuditEvent.Action.LOGIN_FAILED, user=user, username=username, request=self.request, details=details
        )
        return super().form_invalid(form)


@login_not_required
def locked_out(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None) -> HttpResponse:
    """axes' lockout page, localised and saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


@require_safe
def audit(request: AuthenticatedRequest) -> HttpResponse:
    """The audit log, for managers (their team's users) and admins (everyone)."""
    if not request.user.is_manager:
        raise PermissionDenied
    action = request.GET.get("action", "")
    if action not in AuditEvent.Action.values:
        action = ""
    page = Paginator(audit_list(user=request.user, action=action), 100).get_page(request.GET.get("page"))
    rows = [(e, object_type_label(e.object_type), audit_details_text(e.details)) for e in page.object_list]
    context = {"page": page, "rows": rows, "action": action, "actions": AuditEvent.Action.choices, "nav": "audit"}
    return render(request, "users/audit.html", context)
