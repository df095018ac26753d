"""Fixtures shared by every app's tests.

Three users, as in every permission test: the owner of the customer, a
teammate in the same team (a seller: must not see it), the team's manager
(may see it), and an outsider from another team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily, so that the Django-free extractor tests run with -p no:django
    from davor.customers.models import Contact, Customer
    from davor.users.models import Team, User


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request) -> None:
    """The SQLite test database is a file in the data directory, not memory.

    The journeys (tests/e2e) run the production server as a second process
    against the test database, and a second process cannot open an in-memory one.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(settings.DATA_DIR / "test.sqlite3")
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")  # then -gw0, -gw1 … under xdist


@pytest.fixture(autouse=True)
def _fast_password_hasher(request):
    # argon2 costs ~300 ms a hash here; the suite logs in hundreds of times.
    if not request.config.pluginmanager.hasplugin("django"):
        return  # the extractor's tests also run without Django (-p no:django)
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language(request):
    """Every test starts in the default language (German), whatever the last request activated.

    A request activates its user's language in the thread and leaves it there;
    without this, a test that runs code outside a request would speak whatever
    language the test before it happened to end in.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield  # the extractor's tests run without Django
        return
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def team(db) -> Team:
    from davor.users.models import Team

    return Team.objects.create(name="Vertrieb Süd")


def _user(username: str, team: Team | None, role: str = "seller") -> User:
    from davor.users.models import User

    return User.objects.create_user(
        username=username, password="password", first_name=username.capitalize(), team=team, role=role
    )


@pytest.fixture
def owner(team) -> User:
    return _user("alice", team)


@pytest.fixture
def teammate(team) -> User:
    return _user("bob", team)


@pytest.fixture
def manager(team) -> User:
    return _user("maria", team, "manager")


@pytest.fixture
def outsider(db) -> User:
    from davor.users.models import Team

    return _user("charlie", Team.objects.create(name="Vertrieb Nord"))


@pytest.fixture
def customer(owner) -> Customer:
    from davor.customers.models import Customer

    return Customer.objects.create(
        owner=owner,
        number="K-10001",
        name="Kessler Antriebstechnik GmbH",
        status="customer",
        street="Industriestraße 12",
        postal_code="70565",
        city="Stuttgart",
        phone="+4971112345",
    )


@pytest.fixture
def contact(customer) -> Contact:
    from davor.customers.models import Contact

    return Contact.objects.create(
        customer=customer,
        salutation="Herr",
        first_name="Jens",
        last_name="Kessler",
        position="Einkauf",
        phone="+4971112345231",
        extension="231",
        email="j.kessler@kessler-antriebe.de",
    )


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


class ApiClient:
    """The Django test client speaking JSON to /api/v1/ with a personal token."""

    def __init__(self, client, secret: str):
        self.client, self.secret = client, secret

    def _headers(self, headers: dict | None) -> dict:
        return {"Authorization": f"Bearer {self.secret}", **(headers or {})}

    def get(self, path: str, params: dict | None = None, headers: dict | None = None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self._headers(headers))

    def send(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        call = getattr(self.client, method.lower())
        return call(f"/api/v1{path}", body or {}, content_type="application/json", headers=self._headers(headers))


def _api_client(user) -> ApiClient:
    from django.test import Client

    from davor.users.tokens import api_token_create

    _token, secret = api_token_create(user=user, name="tests")
    return ApiClient(Client(), secret)


@pytest.fixture
def owner_api(owner) -> ApiClient:
    return _api_client(owner)


@pytest.fixture
def outsider_api(outsider) -> ApiClient:
    return _api_client(outsider)
