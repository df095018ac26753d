"""The journeys' server: it serves what the test committed, and forgets it with the test."""

import pytest

from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

_cookies: list[dict] = []


def test_it_serves_the_tests_data(site, page, login):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))

    login(page, user)

    assert "Sabine" in page.inner_text("header .who")
    _cookies.extend(page.context.cookies())


def test_it_forgets_the_last_tests_sign_in(site, page):
    from django.contrib.sessions.models import Session

    assert _cookies, "runs after the test above"
    assert not Session.objects.exists()
    page.context.add_cookies(_cookies)  # the previous test's session cookie, replayed

    page.goto("/")

    page.wait_for_url(f"{site.url}/login/?next=/")
