"""The page where a user makes and revokes personal API tokens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from davor.users.http import AuthenticatedRequest
from davor.users.tokens import api_token_create, api_token_get_for_user, api_token_list, api_token_revoke


@never_cache  # the page with a fresh secret must not stay in any cache
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    secret, error, status = None, None, 200
    if request.method == "POST":
        try:
            _token, secret = api_token_create(user=request.user, name=request.POST.get("name", ""))
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 422
    context = {"tokens": api_token_list(user=request.user), "secret": secret, "error": error, "nav": "tokens"}
    return render(request, "users/tokens.html", context, status=status)


@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = api_token_get_for_user(user=request.user, token_id=token_id)
    api_token_revoke(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens")
