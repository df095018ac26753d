from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from davor.users.http import AuthenticatedRequest
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
