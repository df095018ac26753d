from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from davor.users.models import User


class AuthenticatedRequest(HttpRequest):
    """The request every view but login and healthz sees.

    LoginRequiredMiddleware lets only signed-in users through, so ``user`` is a
    User, never AnonymousUser; django-htmx adds ``htmx``.
    """

    user: User
    htmx: HtmxDetails
