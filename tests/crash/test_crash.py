"""Kill the production server hard in the middle of a few hundred concurrent wrap-up saves.

Every save that got a success answer must be there afterwards, complete, and
the database must pass its integrity check. Runs the real server (Granian,
`davor serve`) in its own process group against its own database: SQLite in
a fresh data directory, or a fresh PostgreSQL database when the suite runs on
PostgreSQL.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dj_database_url
import pytest

SAVES = 300
KILL_AFTER = 120  # answers seen before the server is killed
SETUP = """
from davor.calls.models import Outcome
from davor.customers.models import Contact, Customer
from davor.users.models import User
from davor.users.tokens import api_token_create
user = User.objects.create_user(username="crash", password="x")
customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
contact = Contact.objects.create(customer=customer, last_name="Kessler", extension="231")
_, secret = api_token_create(user=user, name="crash test")
print(json.dumps({"token": secret, "customer": customer.pk, "contact": contact.pk,
                  "deal": Outcome.objects.get(kind="deal").pk}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    """The crash test's own database, never the test database of the suite."""
    suite = os.environ.get("DATABASE_URL", "")
    if not suite.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(suite)
    name = f"{config['NAME']}_crash"
    admin = f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    if config.get("PASSWORD"):
        admin += f" password={config['PASSWORD']}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield suite.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _davor(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "davor.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
        **kwargs,
    )


def _serve(env: dict, port: int) -> subprocess.Popen:
    with Path(env["DAVOR_DATA_DIR"], "server.log").open("ab") as log:  # the child keeps its own handle
        server = subprocess.Popen(
            [sys.executable, "-m", "davor.cli", "serve", "--no-migrate", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("the server did not come up")


def _body(setup: dict, number: int) -> bytes:
    return json.dumps(
        {
            "customer_id": setup["customer"],
            "outcome_id": setup["deal"],
            "started_at": "2026-03-02T10:15:00",
            "contact_ids": [setup["contact"]],
            "note": f"Crash test save #{number}",
            "order": {
                "lines": [{"description": f"Artikel {number}", "quantity": "4", "unit_price": "412.50"}],
                "delivery_note": "KW 12",
                "payment_net_days": 30,
                "confirmation_channel": "fax",
                "confirmation_copies": 2,
            },
            "wishes": [{"description": f"Wunsch {number}"}],
            "next_contact": "2026-04-01",
        }
    ).encode()


def test_it_keeps_every_acknowledged_save_when_the_server_is_killed(tmp_path, database_url):
    env = {
        **os.environ,
        "DAVOR_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _davor("migrate", "--no-input", "-v", "0", env=env)
    setup = json.loads(_davor("shell", "-c", "import json\n" + SETUP, env=env).stdout.strip().splitlines()[-1])
    port = _free_port()
    server = _serve(env, port)
    acknowledged: dict[int, int] = {}  # save number → call id
    answers = 0
    lock = threading.Lock()
    killed = threading.Event()
    failures: list[str] = []

    def save(number: int) -> None:
        nonlocal answers
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/calls/",
            data=_body(setup, number),
            method="POST",
            headers={"Authorization": f"Bearer {setup['token']}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload = response.status, json.loads(response.read())
        except (OSError, urllib.error.HTTPError) as error:
            with lock:
                failures.append(repr(error)[:200])
            return  # refused, reset or killed: not acknowledged, so nothing is promised
        with lock:
            answers += 1
            if status == 201:
                acknowledged[number] = payload["id"]
            if answers >= KILL_AFTER and not killed.is_set():
                killed.set()
                os.killpg(server.pid, signal.SIGKILL)

    try:
        with ThreadPoolExecutor(max_workers=24) as pool:
            list(pool.map(save, range(SAVES)))
    finally:
        if not killed.is_set():
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)

    assert killed.is_set(), f"the server was never killed mid-run; {len(failures)} failed, e.g. {failures[:3]}"
    assert len(acknowledged) >= KILL_AFTER // 2
    assert len(acknowledged) < SAVES, "every save finished before the kill: the test proved nothing"

    server = _serve(env, port)
    try:
        for number, call_id in acknowledged.items():
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/calls/{call_id}/",
                headers={"Authorization": f"Bearer {setup['token']}"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                call = json.loads(response.read())
            assert call["note"] == f"Crash test save #{number}"
            wrapup = call["wrapup"]
            assert [line["description"] for line in wrapup["order"]["lines"]] == [f"Artikel {number}"]
            assert [wish["description"] for wish in wrapup["wishes"]] == [f"Wunsch {number}"]
            assert wrapup["next_contact"] == "2026-04-01"
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)

    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
