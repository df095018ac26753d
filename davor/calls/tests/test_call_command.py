from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from davor.calls.models import Call
from davor.orders.models import Order


def _run(*args) -> str:
    out = StringIO()
    call_command("call", "add", *args, stdout=out)
    return out.getvalue()


def test_it_records_a_call_from_a_note_and_says_what_is_missing(owner, customer, contact):
    output = _run(
        "--customer",
        "Kesler Antriebstechnik",
        "--at",
        "2026-01-09T09:40",
        "Hr. Kessler (Einkauf, DW 231) angerufen. 4x KGT bestätigt. Lief. KW 3, frei Haus. AB per Fax 2x. "
        "30 Tg netto, 2% Skonto 10 Tg.",
    )

    call = Call.objects.get()
    assert call.user == owner
    assert call.outcome.kind == "deal"
    assert list(call.contacts.all()) == [contact]
    order = Order.objects.get(call=call)
    assert (order.confirmation_channel, order.confirmation_copies, order.payment_net_days) == ("fax", 2, 30)
    assert "frei Haus" in output
    assert "Deal closed, but no order lines." in output or "Abschluss, aber keine Auftragspositionen." in output
    assert output.strip().endswith(f"/calls/{call.pk}/")


def test_it_refuses_an_unknown_customer_and_writes_nothing(owner, customer):
    with pytest.raises(CommandError, match="Kein Kunde passt"):
        _run("--customer", "Völlig Unbekannt AG", "Kurz telefoniert.")
    assert not Call.objects.exists()


def test_it_does_not_let_a_user_record_for_someone_elses_customer(outsider, customer):
    with pytest.raises(CommandError, match="Kein Kunde passt"):
        _run("--customer", customer.name, "--user", outsider.username, "Kurz telefoniert.")
