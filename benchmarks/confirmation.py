"""Render time of an order confirmation (HTML → PDF with WeasyPrint).

    uv run python benchmarks/confirmation.py [--renders 30] [--lines 8]

Sets up a throw-away SQLite database with one order, then renders its
confirmation the way a sending does (read the order, word the letter, lay it
out, write the PDF) and prints median and p95 per render: one copy, two
copies for the post, and the black-and-white fax. The first render, which
loads the fonts, is reported on its own. The target is under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(lines: int):
    data_dir = tempfile.mkdtemp(prefix="davor-bench-")
    os.environ["DAVOR_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "davor.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from davor.customers.models import Contact, Customer
    from davor.orders.models import CompanyProfile, Order, OrderLine
    from davor.users.models import User

    CompanyProfile.objects.create(
        pk=1, name="Muster Maschinen GmbH", street="Hauptstraße 1", postal_code="70173", city="Stuttgart",
        phone="0711 98760-0", managing_directors="Erika Muster", register_court="Amtsgericht Stuttgart",
        register_number="HRB 123456", vat_id="DE123456789", bank_name="Volksbank", iban="DE02600901000000000000",
        bic="VOBADESSXXX",
    )  # fmt: skip
    seller = User.objects.create(username="bench", first_name="Alice", last_name="Berger", phone_extension="214")
    customer = Customer.objects.create(
        owner=seller, number="K-1", name="Kessler Antriebstechnik GmbH", street="Industriestraße 12",
        postal_code="70565", city="Stuttgart",
    )  # fmt: skip
    contact = Contact.objects.create(customer=customer, salutation="Herr", first_name="Jens", last_name="Kessler")
    order = Order.objects.create(
        customer=customer, created_by=seller, number="A-2026-00001", ordered_on=date(2026, 3, 2),
        delivery_note="KW 12", payment_net_days=30, skonto_percent=Decimal(2), skonto_days=10,
        discount_percent=Decimal(5), shipping="free_delivery",
    )  # fmt: skip
    for position in range(1, lines + 1):
        OrderLine.objects.create(
            order=order, position=position, description=f"Getriebemotor GM-{position * 10}",
            quantity=position, unit="Stk.", unit_price=Decimal("1250.00"),
        )  # fmt: skip
    return order.pk, contact.pk


def render_once(order_id: int, contact_id: int, *, copies: int, fax: bool) -> int:
    from davor.customers.models import Contact
    from davor.orders.pdf import letter_documents, pdf_all
    from davor.orders.selectors import company_profile_get, letter_for, order_find

    order = order_find(reference=str(order_id))
    contact = Contact.objects.get(pk=contact_id)
    letter = letter_for(order=order, contact=contact, company=company_profile_get())
    return len(pdf_all(letter_documents(letter, copies=copies, fax=fax)))


def measure(renders: int, order_id: int, contact_id: int, *, copies: int, fax: bool) -> list[float]:
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        render_once(order_id, contact_id, copies=copies, fax=fax)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--lines", type=int, default=3, help="order lines (3 fit on one page, 8 make two)")
    args = parser.parse_args()
    order_id, contact_id = setup(args.lines)

    start = time.perf_counter()
    size = render_once(order_id, contact_id, copies=1, fax=False)
    first = (time.perf_counter() - start) * 1000
    print(f"first render (imports WeasyPrint, loads fonts): {first:.0f} ms, {size / 1024:.0f} KiB")
    print(f"{args.renders} renders each, {args.lines} order lines:")
    for label, copies, fax in (("1 copy", 1, False), ("2 copies (post)", 2, False), ("1 copy, fax", 1, True)):
        times = sorted(measure(args.renders, order_id, contact_id, copies=copies, fax=fax))
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(f"  {label:<18} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms")


if __name__ == "__main__":
    main()
