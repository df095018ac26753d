"""Load test: simulated sellers against Davor served by Granian, on 127.0.0.1 only.

    uv run python benchmarks/load.py                        # SQLite, 10 → 25 → 50 sellers, 20 s each
    uv run python benchmarks/load.py --sellers 20,60 --seconds 30
    uv run python benchmarks/load.py --postgres postgres://postgres@127.0.0.1:5432/davor_load

Starts ``davor serve`` on a free port with a fresh data directory (and, with
``--postgres``, the named database, created if missing and emptied), loads the
demo data and adds the simulated sellers (managers of the demo team, each
with a session and an API token, so that no argon2 sign-in is measured).
Each seller's open page polls the screen pop once a second, as the browser
does; between actions the seller thinks (exponential, 5 s on average), then:
Today (30 %), a customer's page (20 %), a search (15 %), a call recorded
from a note through the API (15 %), moving an appointment (read, then PATCH
with its version: 10 %), the customer list (10 %). Each step prints sellers,
requests per second, p50/p95/p99 of the actions and of the polls, server
errors and conflicts; "sellers held" is the largest step whose actions stay
under 1 s at p95 without server errors. Bounded: at most 200 sellers, steps
of at most 120 s, every request with a 30 s timeout.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
THINK_SECONDS = 5.0
WORDS = ["Angebot", "Lieferung", "Kessler", "Wartung", "Müller", "Schmidt", "Rahmenvertrag", "Ang", "Lief"]
NOTES = [
    "Lief. KW 12 frei Haus, 30 Tage netto, 2 % Skonto 10 Tage",
    "AB per Fax doppelt, Rückruf nächste Woche",
    "Interesse an Wartungsvertrag, Budget im Oktober",
    "Termin vor Ort am Dienstag 10 Uhr, 90 Minuten",
]
SETUP = """
import json, secrets
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from davor.users.models import User
from davor.users.tokens import api_token_create
from davor.customers.models import Customer
from davor.agenda.models import Appointment
from davor.calls.models import Outcome
demo = User.objects.get(username="demo")
sellers = []
for i in range({count}):
    user, _ = User.objects.get_or_create(username=f"last{{i:03d}}", defaults={{"team": demo.team, "role": "manager"}})
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sellers.append({{"session": session.session_key, "token": api_token_create(user=user, name="load")[1]}})
print(json.dumps({{
    "sellers": sellers,
    "customers": list(Customer.objects.filter(owner__team=demo.team).values_list("pk", flat=True)[:500]),
    "appointments": list(Appointment.objects.filter(owner__team=demo.team).values_list("pk", flat=True)[:500]),
    "outcome": Outcome.objects.values_list("pk", flat=True).first(),
}}))
"""


@dataclass
class Stats:
    actions: list[float] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    errors: int = 0
    conflicts: int = 0
    requests: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def davor(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "davor.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    if done.returncode:
        raise SystemExit(f"davor {args[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout if capture else ""


def postgres_fresh(url: str) -> None:
    """Drop and create the named database: it must be the benchmark's own."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in {"127.0.0.1", "localhost"} or not name.startswith("davor_"):
        raise SystemExit("--postgres must name a davor_… database on 127.0.0.1")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Seller:
    def __init__(self, base: str, seller: dict, data: dict, rng: random.Random) -> None:
        self.base, self.data, self.rng = base, data, rng
        self.web = requests.Session()
        self.poller = requests.Session()  # the poll runs beside the actions: a session of its own
        for session in (self.web, self.poller):
            session.cookies.set("davor_session", seller["session"], domain=HOST)
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"Bearer {seller['token']}"

    def act(self) -> int:
        choice = self.rng.choices(["today", "customer", "search", "call", "move", "list"], [30, 20, 15, 15, 10, 10])[0]
        customer = self.rng.choice(self.data["customers"])
        if choice == "today":
            return self.web.get(f"{self.base}/", timeout=30).status_code
        if choice == "customer":
            return self.web.get(f"{self.base}/customers/{customer}/", timeout=30).status_code
        if choice == "search":
            return self.web.get(f"{self.base}/search/", params={"q": self.rng.choice(WORDS)}, timeout=30).status_code
        if choice == "list":
            return self.web.get(f"{self.base}/customers/", timeout=30).status_code
        if choice == "call":
            body = {"customer_id": customer, "outcome_id": self.data["outcome"], "note": self.rng.choice(NOTES)}
            return self.api.post(f"{self.base}/api/v1/calls/", json={**body, "capture": True}, timeout=30).status_code
        return self._move()

    def _move(self) -> int:
        if not self.data["appointments"]:
            return 200
        url = f"{self.base}/api/v1/appointments/{self.rng.choice(self.data['appointments'])}/"
        read = self.api.get(url, timeout=30)
        if read.status_code != 200:
            return read.status_code
        row = read.json()
        body = {"start": row["start"], "location": f"Raum {self.rng.randint(1, 9)}", "version": row["version"]}
        body["duration_minutes"] = row["duration_minutes"]
        return self.api.patch(url, json=body, timeout=30).status_code

    def poll(self) -> int:
        return self.poller.get(f"{self.base}/telephony/pop/", headers={"HX-Request": "true"}, timeout=30).status_code


async def timed(call, stats: Stats, bucket: list[float]) -> None:
    started = time.monotonic()
    try:
        status = await asyncio.to_thread(call)
    except requests.RequestException:
        status = 599
    bucket.append(time.monotonic() - started)
    stats.requests += 1
    stats.errors += status >= 500
    stats.conflicts += status == 409


async def seller_loop(seller: Seller, stats: Stats, until: float) -> None:
    async def polling() -> None:
        while time.monotonic() < until:
            await timed(seller.poll, stats, stats.polls)
            await asyncio.sleep(1)

    poller = asyncio.create_task(polling())
    await asyncio.sleep(seller.rng.uniform(0, THINK_SECONDS))  # sellers do not all start at once
    while time.monotonic() < until:
        await timed(seller.act, stats, stats.actions)
        think = seller.rng.expovariate(1 / THINK_SECONDS)
        await asyncio.sleep(max(0.0, min(think, 30, until - time.monotonic())))
    await poller


async def step(base: str, sellers: list[dict], data: dict, seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    rng = random.Random(len(sellers))
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=2 * len(sellers) + 4))
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(
        *(seller_loop(Seller(base, s, data, random.Random(rng.random())), stats, until) for s in sellers)
    )
    return stats, time.monotonic() - started


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "davor.cli", "serve", "--no-migrate", "--host", HOST, "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", str(workers)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            if requests.get(f"http://{HOST}:{port}/healthz", timeout=1).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("davor serve did not come up")


def report(sellers: int, stats: Stats, elapsed: float) -> bool:
    p = [percentile(stats.actions, q) * 1000 for q in (0.5, 0.95, 0.99)]
    pp = [percentile(stats.polls, q) * 1000 for q in (0.5, 0.95)]
    print(
        f"{sellers:>7} {stats.requests / elapsed:>7.1f} {len(stats.actions):>7} "
        f"{p[0]:>7.0f} {p[1]:>7.0f} {p[2]:>7.0f} {pp[0]:>7.0f} {pp[1]:>7.0f} {stats.errors:>6} {stats.conflicts:>6}",
        flush=True,
    )
    return stats.errors == 0 and p[1] < 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sellers", default="10,25,50", help="simulated sellers per step, comma-separated")
    parser.add_argument("--seconds", type=float, default=20, help="length of each step (at most 120)")
    parser.add_argument("--workers", type=int, default=2, help="Granian workers")
    parser.add_argument("--postgres", help="postgres://…/davor_<name> on 127.0.0.1: the benchmark's own database")
    args = parser.parse_args()
    steps = [min(int(n), 200) for n in args.sellers.split(",")]
    seconds = min(args.seconds, 120)
    data_dir = Path(tempfile.mkdtemp(prefix="davor-load-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(DAVOR_DATA_DIR=str(data_dir), LOG_LEVEL="WARNING")
    if args.postgres:
        postgres_fresh(args.postgres)
        env["DATABASE_URL"] = args.postgres
    server = None
    try:
        davor(env, "migrate", "--verbosity", "0")
        davor(env, "demo", "--if-empty")
        data = json.loads(davor(env, "shell", "--no-imports", "-c", SETUP.format(count=max(steps)), capture=True))
        port = free_port()
        server = serve(env, port, args.workers)
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"Davor on {database}, Granian with {args.workers} workers; {seconds:.0f} s per step, think time 5 s")
        print(f"{'sellers':>7} {'req/s':>7} {'actions':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
              f"{'poll50':>7} {'poll95':>7} {'errors':>6} {'409':>6}  (ms)")  # fmt: skip
        held = 0
        for count in steps:
            stats, elapsed = asyncio.run(step(f"http://{HOST}:{port}", data["sellers"][:count], data, seconds))
            if report(count, stats, elapsed):
                held = count
        print(f"sellers held (actions p95 < 1 s, no server errors): {held}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
