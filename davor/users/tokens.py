"""Personal API tokens: created and revoked by their user. Each function is one transaction.

The secret is shown once, when it is made; only its SHA-256 is stored, so a
copy of the database gives nobody API access.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from davor.users.api_auth import TOKEN_PREFIX_LENGTH, token_hash
from davor.users.models import ApiToken, User

TOKEN_START = "dvr_"


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its secret, which is not kept anywhere."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the system that uses it.")]})
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:100], prefix=secret[:TOKEN_PREFIX_LENGTH], token_hash=token_hash(secret))
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    """One of the user's own tokens; anybody else's is a 404."""
    return get_object_or_404(ApiToken, user=user, pk=token_id)
