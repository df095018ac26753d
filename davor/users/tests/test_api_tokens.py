"""Personal API tokens: made and revoked on a page, shown once, stored hashed, checked on every request."""

import hashlib

from django.test import Client
from django.urls import reverse

from davor.users.models import ApiToken
from davor.users.tokens import api_token_create, api_token_revoke


def test_it_creates_a_token_and_shows_it_once(owner_client, owner):
    response = owner_client.post(reverse("api_tokens"), {"name": "Telefonanlage"})

    assert response.status_code == 200
    token = ApiToken.objects.get(user=owner)
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in owner_client.get(reverse("api_tokens")).content.decode()


def test_it_asks_for_a_name(owner_client):
    response = owner_client.post(reverse("api_tokens"), {"name": "  "})

    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(owner_client, owner):
    token, secret = api_token_create(user=owner, name="CRM")

    response = owner_client.post(reverse("api_token_revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/customers/", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_it_does_not_let_others_revoke_a_token(outsider_client, owner):
    token, _secret = api_token_create(user=owner, name="CRM")

    assert outsider_client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_links_the_page_from_the_user_menu(owner_client):
    assert f'href="{reverse("api_tokens")}"' in owner_client.get("/").content.decode()


def test_it_answers_401_without_a_token(client, db):
    response = client.get("/api/v1/customers/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_answers_401_for_a_wrong_token(client, owner):
    api_token_create(user=owner, name="CRM")

    for value in ("Bearer dvr_wrong-token-here", "Bearer ", "Basic abc", "dvr_x"):
        assert client.get("/api/v1/customers/", headers={"Authorization": value}).status_code == 401


def test_it_answers_401_for_a_revoked_token_or_an_inactive_user(client, owner):
    token, secret = api_token_create(user=owner, name="CRM")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/customers/", headers=headers).status_code == 200

    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get("/api/v1/customers/", headers=headers).status_code == 401
    owner.is_active = True
    owner.save(update_fields=["is_active"])
    api_token_revoke(token=token)
    assert client.get("/api/v1/customers/", headers=headers).status_code == 401


def test_it_records_when_a_token_was_last_used(client, owner):
    token, secret = api_token_create(user=owner, name="CRM")

    client.get("/api/v1/customers/", headers={"Authorization": f"Bearer {secret}"})

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_lets_the_signed_in_browser_read_but_checks_csrf_on_writes(owner, customer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)

    assert browser.get("/api/v1/customers/").status_code == 200
    response = browser.post("/api/v1/customers/", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403


def test_it_serves_the_schema_and_an_offline_docs_page(client, db):
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Davor API"
    page = client.get("/api/v1/docs")

    assert page.status_code == 200
    body = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
    assert "<script>" not in body  # no inline script: the strict CSP stays as it is
    assert "unsafe-inline" not in page.headers.get("Content-Security-Policy", "")


def test_an_anonymous_write_is_401_even_with_a_stale_session_cookie(customer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["davor_session"] = "ended-long-ago"
    client.cookies["csrftoken"] = "x" * 32

    response = client.post("/api/v1/customers/", {"name": "Neu GmbH"}, content_type="application/json")

    assert response.status_code == 401


def test_a_signed_in_browser_still_needs_the_csrf_token_to_write(owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    response = client.post("/api/v1/customers/", {"name": "Neu GmbH"}, content_type="application/json")

    assert response.status_code == 403
