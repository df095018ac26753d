"""The one REST API, ``/api/v1/``: a Router per app, mounted here.

Every endpoint needs a personal API token (``Authorization: Bearer …``) or
the browser's session (with CSRF on writes). The docs page serves
django-ninja's bundled copy of Swagger UI (``ninja`` is in INSTALLED_APPS
for its static files): no CDN, no inline script, so it works offline under
the strict Content-Security-Policy.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from davor.lib.locking import ChangedMeanwhile
from davor.users.api_auth import api_token_auth, session_auth

api = NinjaAPI(
    title="Davor API",
    version="1.0.0",
    urls_namespace="api-v1",
    auth=[api_token_auth, session_auth],
    docs=Swagger(),
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A rule a service enforces (model validation, wrap-up rules): 422 in ninja's error shape."""
    if hasattr(error, "error_dict"):
        detail = [
            {"loc": ["body", *name.split("-")], "msg": message, "type": "value_error"}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    else:
        detail = [{"loc": ["body"], "msg": message, "type": "value_error"} for message in error.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(ChangedMeanwhile)
def _changed_meanwhile(request: HttpRequest, conflict: ChangedMeanwhile) -> HttpResponse:
    return api.create_response(request, conflict.as_dict(), status=409)


for _module in ("customers", "calls", "orders", "agenda", "pipeline"):
    api.add_router("/", f"davor.{_module}.api.router")

try:
    from davor.telephony.api import router as telephony_router
except ImportError:  # telephony is built at the same time; mount it once it exists
    pass
else:
    api.add_router("/telephony/", telephony_router)


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL patterns, exempt from the login redirect: the API answers 401 itself."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        _exempt(pattern)
    return patterns, app_name, namespace


def _exempt(pattern: Any) -> None:
    if isinstance(pattern, URLResolver):
        for inner in pattern.url_patterns:
            _exempt(inner)
    else:
        pattern.callback.login_required = False
