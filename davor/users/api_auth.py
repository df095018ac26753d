"""Authentication of API requests: personal tokens (Bearer) and the browser's session."""

import hashlib
import hmac
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.security import django_auth as _django_auth

from davor.users.models import ApiToken, User

TOKEN_PREFIX_LENGTH = 12
# Writing last_used_at on every request would take SQLite's write lock for
# every read; once a minute is precise enough to see which tokens are alive.
_LAST_USED_PRECISION = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer dvr_…`` with a personal token; the request then acts as its user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if len(token) <= TOKEN_PREFIX_LENGTH:
            return None
        digest = token_hash(token)
        candidates = ApiToken.objects.filter(
            prefix=token[:TOKEN_PREFIX_LENGTH], revoked_at__isnull=True, user__is_active=True
        ).select_related("user", "user__team")
        # The prefix narrows the search; the secret itself is compared in constant time.
        found = next((c for c in candidates if hmac.compare_digest(c.token_hash, digest)), None)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > _LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user  # so that history records and selectors see the token's user
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session, with Django's CSRF check on writes (django-ninja's django_auth)."""

    param_name = _django_auth.param_name

    def _get_key(self, request: HttpRequest) -> str | None:
        # Not signed in (no cookie, or one of a session that ended): 401, not "CSRF check failed".
        # The CSRF check only protects a session that can act.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if user.is_authenticated and isinstance(user, User):
            return user
        return None


api_token_auth = ApiTokenAuth()
session_auth = SessionAuth()
