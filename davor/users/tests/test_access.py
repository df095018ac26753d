import pytest
from django.urls import reverse

from davor.users.models import User


def test_it_answers_healthz_without_login(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.parametrize("path", ["/", "/customers/", "/customers/new/", "/calls/new/", "/calls/1/"])
def test_it_sends_anonymous_visitors_to_the_login(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


def test_it_signs_in_with_the_password(client, owner):
    response = client.post(reverse("login"), {"username": "alice", "password": "password"})

    assert response.status_code == 302
    assert response.url == reverse("today")


def test_it_refuses_a_wrong_password(client, owner):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_hashes_passwords_with_argon2_outside_the_tests():
    from davor import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_speaks_the_users_language(owner_client, owner):
    assert 'lang="de"' in owner_client.get("/customers/").content.decode()

    response = owner_client.post(reverse("set_language"), {"language": "en", "next": "/customers/"})

    assert response.url == "/customers/"
    owner.refresh_from_db()
    assert owner.language == "en"
    assert 'lang="en"' in owner_client.get("/customers/").content.decode()


def test_it_ignores_unknown_languages_and_foreign_redirects(owner_client, owner):
    response = owner_client.post(reverse("set_language"), {"language": "xx", "next": "https://example.com/"})

    assert response.url == "/"
    owner.refresh_from_db()
    assert owner.language == "de"


def test_it_refuses_get_on_language_switch(owner_client):
    assert owner_client.get(reverse("set_language")).status_code == 405


def test_it_sends_a_strict_content_security_policy(owner_client):
    policy = owner_client.get("/customers/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_it_lets_a_manager_see_the_team_but_not_a_teammate_seller(client, customer, teammate, manager):
    client.force_login(teammate)
    assert client.get(customer.get_absolute_url()).status_code == 404
    client.force_login(manager)
    assert client.get(customer.get_absolute_url()).status_code == 200
    assert manager.role == User.Role.MANAGER
