from django.core.management.base import CommandError

from davor.users.models import User


def user_by_name(username: str | None) -> User:
    """The named active user, or the first superuser when none is named."""
    users = User.objects.filter(is_active=True)
    user = users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}." if username else "No superuser: name one with --user.")
    return user
