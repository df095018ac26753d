from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from davor.users.models import User


def user_by_name(username: str | None) -> User:
    """The named active user, or the first superuser when none is named."""
    users = User.objects.filter(is_active=True)
    user = users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
    if user is None:
        raise CommandError(
            _("No active user %(name)r.") % {"name": username} if username else _("No superuser: name one with --user.")
        )
    return user
