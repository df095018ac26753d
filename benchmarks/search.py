"""Search, phone lookup and screen pop at scale.

    uv run python benchmarks/search.py [--scale 0.05] [--runs 100] [--seed 7]
    uv run python benchmarks/search.py --postgres postgres://postgres@127.0.0.1:5432/davor_bench

``--scale 1`` is the issue's full size: 100,000 customers, 300,000 contacts,
1,000,000 calls with German and English notes (about 3 minutes to load on
SQLite here, 2 on PostgreSQL; the default 0.05 loads in seconds). The data is seeded
and loaded with bulk_create through the real tables, so the search index is
filled by the same triggers as every other write. ``--postgres URL`` drops
and recreates that database first. ``--reuse`` keeps what an earlier
``--reuse`` run of the same scale and seed loaded (SQLite: in
``var/bench-search/``; PostgreSQL: the database at the URL) and only
migrates it. On PostgreSQL the tables are VACUUM ANALYZEd before measuring, as
autovacuum would do after a bulk load. Prints p50/p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Besides the demo catalogue's surnames (davor.users.demo.catalog), the spellings that fuzzy search must
# tell apart (Schmidt / Schmitt / Schmid, Meier / Maier / Meyer, Kuhn / Kühn) and some beyond German ones.
EXTRA_SURNAMES = [
    "Schmidt",
    "Schäfer",
    "Krüger",
    "Schmitt",
    "Schmitz",
    "Meier",
    "Schulze",
    "Maier",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Schulte",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühn",
    "Pohl",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Thomas",
    "Voigt",
    "Sauer",
    "Arnold",
    "Wolff",
    "Pfeiffer",
    "Kessler",
    "Özdemir",
    "Yilmaz",
    "Nowak",
    "Kowalski",
]
TRADES = [
    "Maschinenbau",
    "Antriebstechnik",
    "Logistik",
    "Metallbau",
    "Elektrotechnik",
    "Kunststofftechnik",
    "Haustechnik",
    "Druckerei",
]
FORMS = ("GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "OHG", "GmbH")
CITIES = (("Stuttgart", "711"), ("München", "89"), ("Hamburg", "40"), ("Köln", "221"), ("Esslingen", "711"))
NOTES_DE = (
    "Angebot für {n} Stück angefragt, Lieferung KW {w}, 30 Tage netto, 2 % Skonto.",
    "Wartungsverträge laufen im {m} aus, Verlängerung besprechen; Rahmenvertrag gewünscht.",
    "Lieferung verspätet, Kunde verärgert; Gutschrift zugesagt. Rückruf am {d}.",
    "Neue Förderanlage geplant, Budget im {m}; Einkauf wechselt zum Jahresende.",
    "AB per Fax doppelt, Termin vor Ort am {d} mit Herrn {s} (DW {x}).",
    "Preisliste geschickt, Interesse an Ersatzteilen und Schulungen.",
)
NOTES_EN = (
    "Quote requested for {n} units, delivery in week {w}, net 30 days.",
    "Maintenance contract renewal due in {m}; wants a framework agreement.",
    "Delivery late, customer unhappy; credit note promised, call back on {d}.",
)


def setup(postgres: str | None, reuse: str | None) -> None:
    """A database to load into; with ``reuse`` (a name for the load) the one an earlier run kept."""
    if reuse:
        data_dir = str(ROOT / "var" / "bench-search")
        os.makedirs(data_dir, exist_ok=True)
    else:
        data_dir = tempfile.mkdtemp(prefix="davor-bench-")
    os.environ["DAVOR_DATA_DIR"] = data_dir
    if postgres:
        import psycopg

        name = postgres.rsplit("/", 1)[1]
        with psycopg.connect(postgres.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (reuse and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = postgres
    else:
        path = Path(data_dir) / (f"{reuse}.sqlite3" if reuse else "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "davor.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(scale: float, seed: int):
    """Sellers in one team, their customers, contacts and calls; returns the team's manager."""
    from django.db import transaction
    from django.utils import translation
    from django.utils.dates import MONTHS

    from davor.calls.models import Call, Outcome
    from davor.customers.models import Contact, Customer
    from davor.users.demo.catalog import MEN, SURNAMES, WOMEN
    from davor.users.models import Team, User

    surnames, first_names = [*SURNAMES, *EXTRA_SURNAMES], [*MEN, *WOMEN]
    with translation.override("de"):
        months = [str(MONTHS[number]) for number in range(1, 13)]
    rng = random.Random(seed)
    team = Team.objects.create(name="Vertrieb")
    sellers = [User.objects.create_user(username=f"seller{i}", team=team) for i in range(5)]
    manager = User.objects.create_user(username="leitung", team=team, role="manager", phone_extension="10")
    outcomes = list(Outcome.objects.values_list("pk", flat=True))
    n_customers = max(int(100_000 * scale), 50)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    batch = 5000
    with transaction.atomic():
        customers = []
        for i in range(n_customers):
            city, area = rng.choice(CITIES)
            customers.append(
                Customer(
                    owner=rng.choice(sellers),
                    number=f"K-{100000 + i}",
                    name=f"{rng.choice(surnames)} {rng.choice(TRADES)} {rng.choice(FORMS)}",
                    city=city,
                    phone=f"+49{area}{1000000 + i}",
                    email=f"info@firma{i}.de",
                    status="customer",
                )
            )
        Customer.objects.bulk_create(customers, batch_size=batch)
        ids = list(Customer.objects.order_by("pk").values_list("pk", "phone"))
        contacts = []
        for pk, phone in ids:
            for k in range(3):
                last = rng.choice(surnames)
                ext = str(200 + k * 11 + rng.randrange(10))
                contacts.append(
                    Contact(
                        customer_id=pk,
                        first_name=rng.choice(first_names),
                        last_name=last,
                        position=rng.choice(("Einkauf", "Geschäftsführung", "Technik", "Buyer")),
                        phone=phone + ext,
                        extension=ext,
                        email=f"{last.lower()}.{k}@firma{pk}.de",
                    )
                )
        Contact.objects.bulk_create(contacts, batch_size=batch)
    n_calls = n_customers * 10
    for offset in range(0, n_calls, 50_000):
        with transaction.atomic():
            calls = []
            for i in range(offset, min(offset + 50_000, n_calls)):
                pk = ids[rng.randrange(len(ids))][0]
                template = rng.choice(NOTES_DE if rng.random() < 0.75 else NOTES_EN)
                note = template.format(
                    n=rng.randrange(5, 500),
                    w=rng.randrange(1, 53),
                    m=rng.choice(months),
                    d=f"{rng.randrange(1, 28)}.{rng.randrange(1, 13)}.",
                    s=rng.choice(surnames),
                    x=rng.randrange(200, 240),
                )
                calls.append(
                    Call(
                        customer_id=pk,
                        user=rng.choice(sellers),
                        started_at=start + timedelta(minutes=i * 3),
                        outcome_id=rng.choice(outcomes),
                        note=note,
                        is_complete=True,
                    )
                )
            Call.objects.bulk_create(calls, batch_size=batch)
    return manager, ids, rng


def reused(scale: float):
    """The manager and customers of an earlier load of this scale, or None when the database is empty."""
    from davor.customers.models import Customer
    from davor.users.models import User

    manager = User.objects.filter(username="leitung").first()
    if manager is None:
        return None
    ids = list(Customer.objects.order_by("pk").values_list("pk", "phone"))
    if len(ids) != max(int(100_000 * scale), 50):
        raise SystemExit(f"the kept database holds {len(ids):,} customers, not this scale's: run without --reuse")
    return manager, ids


def newcomer():
    """A seller who joined the team and took over ten customers: a very small share of the data (kept with it)."""
    from django.db import transaction

    from davor.customers.models import Customer
    from davor.users.models import User

    with transaction.atomic():
        manager = User.objects.get(username="leitung")
        user, _ = User.objects.get_or_create(username="neu", defaults={"team": manager.team})
        if not Customer.objects.filter(owner=user).exists():
            taken = Customer.objects.filter(owner__username="seller1").order_by("pk").values_list("pk", flat=True)[:10]
            Customer.objects.filter(pk__in=list(taken)).update(owner=user)
    return user


def measure(label: str, fn: Callable[[], object], runs: int) -> tuple[str, float, float]:
    fn()  # warm caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return label, statistics.median(times), times[int(len(times) * 0.95) - 1]


def _ok(response):
    assert response.status_code == 200, response.status_code
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.05, help="1 = 100k customers, 300k contacts, 1M calls")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="a PostgreSQL URL to (re)create and use instead of SQLite")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded data and use it again next time")
    args = parser.parse_args()
    setup(args.postgres, f"scale{args.scale:g}-seed{args.seed}" if args.reuse else None)
    started = time.perf_counter()
    kept = reused(args.scale) if args.reuse else None
    if kept is None:
        manager, ids, _rng = load(args.scale, args.seed)
        how = "loaded"
    else:
        manager, ids = kept
        how = "reused, loaded earlier"

    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would: statistics, and GIN pending lists merged
    loaded = time.perf_counter() - started
    rng = random.Random(args.seed + 1)  # the same sample whether the data was loaded now or before
    from django.test import Client

    from davor.search.backends import CUSTOMER_COLUMN, raw_fts
    from davor.search.selectors import phone_lookup, search
    from davor.search.text import fts5_match, terms
    from davor.telephony.services import phone_event_record
    from davor.users.models import User

    client = Client(raise_request_exception=True)
    client.force_login(manager)
    seller_client = Client(raise_request_exception=True)  # sees a fifth of the customers: the scope is checked
    seller_client.force_login(User.objects.get(username="seller0"))
    newcomer_client = Client(raise_request_exception=True)
    newcomer_client.force_login(newcomer())
    whole = ["Angebot", "Lieferung", "Wartungsvertrag Juni", "Rahmenvertrag Skonto Lieferung"]
    typing = ["Ang", "Lief", "Wartungsv", "Förderan"]
    fuzzy = ["Mueller", "Schmitd", "Kesler", "Zimmerman"]

    def cycle(items):
        state = {"i": 0}

        def next_item():
            state["i"] += 1
            return items[state["i"] % len(items)]

        return next_item

    w, p, f = cycle(whole), cycle(typing), cycle(fuzzy)
    phones = [f"0{phone[3:6]} {phone[6:]}-{rng.randrange(200, 240)}" for _pk, phone in rng.sample(ids, 50)]
    ph = cycle(phones)

    def page(who, next_query, typing=False):
        """One search page request by ``who``, as typed (htmx) or sent with Enter."""
        headers = {"HX-Request": "true"} if typing else {}
        return lambda: _ok(who.get("/search/", {"q": next_query()}, headers=headers))

    rows = [
        measure("search page, whole words (HTTP)", page(client, w), args.runs),
        measure("search page, as you type (HTTP, htmx)", page(client, p, typing=True), args.runs),
        measure("search page, whole words, a seller (HTTP)", page(seller_client, w), args.runs),
        measure("search page, as you type, a seller (HTTP, htmx)", page(seller_client, p, typing=True), args.runs),
        measure("search page, whole words, a new seller (HTTP)", page(newcomer_client, w), args.runs),
        measure("search service, whole words", lambda: search(user=manager, query=w()), args.runs),
        measure("search service, prefix", lambda: search(user=manager, query=p(), prefix=True), args.runs),
        measure("search service, fuzzy names", lambda: search(user=manager, query=f()), args.runs),
        measure("phone lookup", lambda: phone_lookup(user=manager, number=ph()), args.runs),
        measure(
            "screen-pop event (ringing: lookup + write)",
            lambda: phone_event_record(user=manager, event="ringing", number=ph()),
            args.runs,
        ),
        measure("screen pop poll (HTTP)", lambda: client.get("/telephony/pop/"), args.runs),
    ]

    def raw_every_group():
        match = fts5_match(terms(w(), prefix=False))  # one query, asked of every group as the service does
        return [raw_fts(kind=kind, match=match) for kind in CUSTOMER_COLUMN]

    if connection.vendor == "sqlite":
        rows[6:6] = [
            measure(
                "raw FTS5 queries it issues, all six groups",
                raw_every_group,
                args.runs,
            ),
            measure(
                "raw FTS5 query, calls alone",
                lambda: raw_fts(kind="call", match=fts5_match(terms(w(), prefix=False))),
                args.runs,
            ),
        ]

    n = len(ids)
    print(f"{connection.vendor}: {n:,} customers, {3 * n:,} contacts, {10 * n:,} calls; {how} in {loaded:.0f} s")
    print(
        "logged in as the team's manager (sees every customer) unless a row names a seller (a fifth of them)"
        " or the new seller (ten)"
    )
    print(f"{'what':48} {'p50 ms':>8} {'p95 ms':>8}")
    for label, p50, p95 in rows:
        print(f"{label:48} {p50:8.2f} {p95:8.2f}")
    if connection.vendor == "sqlite":
        (_, service50, service95), (_, raw50, raw95) = rows[5], rows[6]
        print(f"{'service / raw FTS5 queries (same run)':48} {service50 / raw50:7.2f}× {service95 / raw95:7.2f}×")


if __name__ == "__main__":
    main()
