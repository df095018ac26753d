from django.conf import settings

from davor.users.models import User


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        return
    user.language = language
    user.save(update_fields=["language"])
