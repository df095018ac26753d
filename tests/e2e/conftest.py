"""Journeys: real headless Chromium (Debian's) driven by Playwright against Davor's production server.

The server is what `davor serve` runs in production (Granian, WhiteNoise),
started once per test session as a subprocess on a free port, pointed at the
suite's test database: the SQLite test database is a file for that (see the
root conftest), on PostgreSQL it is the suite's ``test_<name>``. A journey
writes its data with the ORM in a transactional test, so it is committed and
the server serves it; the flush after each test empties every table, and with
them the server's sessions (they live in the database) and its sign-in
lockouts. The server keeps no other state between requests. Its mail goes to
a real SMTP server (aiosmtpd) on localhost, emptied before each test.

Use ``site`` (the server, for this test), ``page`` (a fresh browser context:
no cookies, no storage), ``login(page, user)`` and ``keys`` (counts the key
presses a person would make).
"""

import importlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Keyboard, Page, expect, sync_playwright

from davor.agenda.tests.servers import Mailbox, free_port, smtp_server

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# test makes around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DAVOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "journey-Passwort-1"
# A loaded machine (the whole suite on two cores) can take longer than Playwright's 5 s to answer a page.
expect.set_options(timeout=15_000)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}


def pytest_collection_modifyitems(config, items) -> None:
    """On PostgreSQL only the server's own checks run (test_server.py), not the journeys.

    The journeys run in CI on SQLite; on PostgreSQL they would add over two
    minutes to the suite (130 s against 82 s on SQLite here) for pages that
    read the database through the same code.
    """
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        return
    skip = pytest.mark.skip(reason="journeys run on SQLite only; tests/e2e/test_server.py checks the server here")
    here = Path(__file__).parent
    for item in items:
        if item.get_closest_marker("e2e") and item.path.parent == here and item.path.name != "test_server.py":
            item.add_marker(skip)


@dataclass
class Site:
    """Davor as served for the journeys: its address, the mailbox its mail lands in, its log."""

    url: str
    mailbox: Mailbox
    log: Path


def _database_url() -> str:
    """The test database, as the server process is told about it."""
    from django.db import connection

    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{config['NAME']}"
    credentials = quote(config["USER"] or "", safe="")
    if config.get("PASSWORD"):
        credentials += ":" + quote(config["PASSWORD"], safe="")
    return f"postgres://{credentials}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def _wait_until_up(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError(f"the server did not come up; its log:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def davor_server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Site]:
    """`davor serve` (Granian) on a free port against the test database, for the whole session."""
    from django.conf import settings

    data = tmp_path_factory.mktemp("server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with smtp_server() as mailbox:
        env = {
            **os.environ,
            "DAVOR_DATA_DIR": str(data),
            "DATABASE_URL": _database_url(),
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DAVOR_BASE_URL": url,
            "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}?timeout=5",
            "DEFAULT_FROM_EMAIL": "davor@davor.test",
            "DAVOR_FAX_GATEWAY_DOMAIN": "fax.davor.test",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPOSITORY),
            "DJANGO_SETTINGS_MODULE": "davor.settings",
        }
        log = data / "server.log"
        with log.open("ab") as handle:  # the child keeps its own handle
            server = subprocess.Popen(
                [sys.executable, "-m", "davor.cli", "serve", "--no-migrate", "--port", str(port), "--workers", "1"],
                env=env,
                cwd=REPOSITORY,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )
        try:
            _wait_until_up(server, url, log)
            yield Site(url=url, mailbox=mailbox, log=log)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait(timeout=10)


@pytest.fixture
def site(davor_server, transactional_db) -> Site:
    """The server for one test: committed data only, an empty mailbox, the outcomes the migration seeds.

    The flush after an earlier transactional test emptied every table, the
    seeded outcomes included; so they are seeded again, with the migration's
    own code.
    """
    from django.apps import apps

    importlib.import_module("davor.calls.migrations.0004_outcomes").seed(apps, None)
    davor_server.mailbox.messages.clear()
    return davor_server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, site) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context (own cookies): ``new_page(viewport=PHONE, color_scheme="dark")``."""
    contexts = []

    def open_page(viewport: dict | None = None, locale: str = "de-DE", color_scheme: str = "light") -> Page:
        context = browser.new_context(
            base_url=site.url,
            locale=locale,
            timezone_id="Europe/Berlin",
            viewport=viewport or DESKTOP,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def login(site) -> Callable[..., None]:
    """``login(page, user)``: sign in on the login page as a person does, and land on Today."""

    def sign_in(page: Page, user) -> None:
        # A cheap hash the server's PBKDF2 hasher reads (it upgrades it on the first sign-in);
        # the suite's own fast hasher is not one the production settings know.
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1)
        user.save(update_fields=["password"])
        page.goto("/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{site.url}/")

    return sign_in


class Keys:
    """``page.keyboard`` that counts every key press and chord (typing text is not counted).

    ``keys.press("Control+Enter")`` is one; ``keys.type("KW 12")`` is none, as
    writing the words is the work itself, not the navigation around it.
    """

    def __init__(self, keyboard: Keyboard):
        self.keyboard = keyboard
        self.count = 0

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.keyboard.press(key)
            self.count += 1

    def type(self, text: str) -> None:
        self.keyboard.type(text)

    def reset(self) -> None:
        self.count = 0


@pytest.fixture
def keys(page) -> Keys:
    return Keys(page.keyboard)
