"""``davor confirmation render`` and ``davor confirmation send``."""

import pytest
from django.core.management import CommandError, call_command

from davor.cli import main as davor
from davor.orders.models import ConfirmationSending
from davor.orders.tests.conftest import pdf_text


def test_it_renders_all_copies_into_a_file(order, tmp_path, capsys):
    output = tmp_path / "ab.pdf"

    call_command("confirmation", "render", "A-2026-00042", "-o", str(output))

    text = pdf_text(output.read_bytes(), tmp_path)
    assert text.count("Getriebemotor GM-40") == 2
    assert "Original" in text
    assert "version 1, 2×" in capsys.readouterr().out
    assert not ConfirmationSending.objects.exists()


def test_it_renders_a_fax_without_a_fax_gateway(order, tmp_path, settings):
    settings.DAVOR_FAX_GATEWAY_DOMAIN = ""
    output = tmp_path / "fax.pdf"

    call_command("confirmation", "render", "A-2026-00042", "--channel", "fax", "-o", str(output))

    assert "Getriebemotor GM-40" in pdf_text(output.read_bytes(), tmp_path)


def test_it_still_needs_the_fax_gateway_to_send_a_fax(order, settings):
    settings.DAVOR_FAX_GATEWAY_DOMAIN = ""

    with pytest.raises(CommandError, match="No fax gateway"):
        call_command("confirmation", "send", "A-2026-00042", "--channel", "fax")
    assert not ConfirmationSending.objects.exists()


def test_it_sends_through_the_orders_channel(smtp, order, capsys):
    call_command("confirmation", "send", str(order.pk))

    assert smtp.recipients == [["+4971112345999@fax.example.net"]]
    out = capsys.readouterr().out
    assert "A-2026-00042 version 1 sent by fax to +4971112345999@fax.example.net." in out
    assert "250 2.0.0 Ok: queued as 4F1TEST" in out
    assert ConfirmationSending.objects.get().by == order.created_by


# Each test runs the command once: like manage.py, it closes the database connections when it is done.
def test_it_renders_and_reports_in_german_with_lang_de(order, tmp_path, capsys):
    output = tmp_path / "ab.pdf"

    davor(["davor", "confirmation", "render", "A-2026-00042", "-o", str(output), "--lang", "de"])

    assert f"{output}: A-2026-00042 Version 1, 2× (2 Seiten), Fax" in capsys.readouterr().out


def test_it_sends_and_reports_in_german_with_lang_de(smtp, order, capsys):
    davor(["davor", "confirmation", "send", "A-2026-00042", "--channel", "email", "--lang", "de"])

    out = capsys.readouterr().out
    assert "A-2026-00042 Version 1 per E-Mail an j.kessler@kessler-antriebe.de gesendet." in out
    assert "Der Server antwortete: 250 2.0.0 Ok: queued as 4F1TEST" in out


def test_it_fails_loudly_when_the_server_is_away(no_smtp, order):
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("confirmation", "send", "A-2026-00042", "--channel", "email")


def test_it_names_what_is_missing(order, contact):
    contact.fax = ""
    contact.save(update_fields=["fax"])

    with pytest.raises(CommandError, match="No fax number"):
        call_command("confirmation", "render", "A-2026-00042", "-o", "/nonexistent/ab.pdf")


def test_it_writes_the_print_pdf_for_the_post(order, tmp_path):
    output = tmp_path / "post.pdf"

    call_command("confirmation", "send", "A-2026-00042", "--channel", "post", "-o", str(output))

    assert output.read_bytes().startswith(b"%PDF")
    assert ConfirmationSending.objects.get().status == ConfirmationSending.Status.PRINTED


def test_it_says_when_there_is_no_such_order(db):
    with pytest.raises(CommandError, match="No order 'A-1999-00001'"):
        call_command("confirmation", "render", "A-1999-00001", "-o", "x.pdf")
