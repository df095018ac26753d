from django.utils import translation


class UserLanguageMiddleware:
    """Speak the signed-in user's chosen language, whatever the browser asks for.

    Runs after authentication; LocaleMiddleware before it has already picked
    the browser's language for the login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
