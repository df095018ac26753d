"""The quick-capture round trip in the browser: the seller stops typing → the facts are highlighted.

    uv run python benchmarks/suggestions.py [--notes 40]

Starts Davor's production server (Granian) on a throw-away SQLite database,
signs in with headless Chromium, opens the wrap-up screen and types notes
of a few hundred characters. For each pause it measures, in the page, the
time from the suggestion request leaving (the debounce has fired) to the
highlighted facts being in place (htmx has settled the swap); and, for the
seller's view, from the last keystroke to the highlights, which adds the
debounce. Prints median and p95 of both. Target: round trip p95 ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-Passwort-1"
CHROMIUM = os.environ.get("DAVOR_CHROMIUM", "/usr/bin/chromium")
NOTES = [
    "Hr. Kessler (Einkauf, DW 231) bestellt {n} Hydraulikpumpen HP-40. Lieferung KW {kw}, 30 Tage netto, "
    "2 % Skonto 10 Tage. AB per Fax doppelt.",
    "Termin Dienstag nächste Woche {h} Uhr, 90 Minuten, im Werk, mit Fr. Petra Wolf (Technische Leiterin, DW 118).",
    "Er plant Linearführungen für die neue Montagelinie, Budget wird im September geplant.",
    "Empfehlung: Thomas Brenner, GF der Brenner Maschinenbau GmbH, Tel. 0711 98765-0. Ich schicke bis Freitag "
    "das Angebot für {n} Wartungssätze.",
]
# Timestamps of the suggestion requests, kept by the page for the benchmark to read.
PROBE = """
window.__suggest = [];
document.addEventListener("htmx:beforeRequest", function (e) {
  var path = e.detail.pathInfo ? e.detail.pathInfo.requestPath : "";
  if (/suggest/.test(path)) window.__suggest.push({sent: performance.now()});
});
document.addEventListener("htmx:afterSettle", function (e) {
  var last = window.__suggest[window.__suggest.length - 1];
  if (last && !last.settled && document.querySelector("#suggestions mark")) last.settled = performance.now();
});
document.addEventListener("keydown", function () { window.__lastKey = performance.now(); });
"""


def setup() -> tuple[dict, int]:
    data_dir = tempfile.mkdtemp(prefix="davor-bench-")
    env = {**os.environ, "DAVOR_DATA_DIR": data_dir, "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3"}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "davor.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from davor.customers.models import Contact, Customer
    from davor.users.models import User

    seller = User.objects.create_user(username="bench", password=PASSWORD, first_name="Alice")
    customer = Customer.objects.create(owner=seller, number="K-1", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf")
    return env, customer.pk


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "davor.cli", "serve", "--no-migrate", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return server, url
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("the server did not come up")


def measure(url: str, customer_id: int, notes: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    rng = random.Random(7)
    round_trips, from_key = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(base_url=url, locale="de-DE", bypass_csp=True)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto("/login/")
        page.fill("#id_username", "bench")
        page.fill("#id_password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{url}/")
        for _ in range(notes):
            page.goto(f"/calls/new/{customer_id}/")
            page.focus("#id_note")
            for template in NOTES:
                text = template.format(n=rng.randint(2, 40), kw=rng.randint(2, 50), h=rng.randint(8, 16))
                before = page.evaluate("window.__suggest.length")
                page.keyboard.type(text + " ")
                page.wait_for_function(
                    "n => window.__suggest.length > n && window.__suggest[window.__suggest.length - 1].settled",
                    arg=before,
                )
                sent, settled, key = page.evaluate(
                    "[window.__suggest.at(-1).sent, window.__suggest.at(-1).settled, window.__lastKey]"
                )
                round_trips.append(settled - sent)
                from_key.append(settled - key)
        browser.close()
    return round_trips, from_key


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=40, help="wrap-up screens to type into (4 pauses each)")
    args = parser.parse_args()
    env, customer_id = setup()
    server, url = serve(env)
    try:
        round_trips, from_key = measure(url, customer_id, args.notes)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    print(f"pauses measured: {len(round_trips)}")
    print(f"round trip (request sent → highlights settled): p50 {statistics.median(round_trips):.0f} ms, "
          f"p95 {_p95(round_trips):.0f} ms (target ≤ 150 ms p95)")  # fmt: skip
    print(f"last keystroke → highlights (includes the typing pause the screen waits for): "
          f"p50 {statistics.median(from_key):.0f} ms, p95 {_p95(from_key):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
