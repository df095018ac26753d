import io
import json

from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from davor.customers.exports import customers_export, neutralise
from davor.customers.imports import import_preview, read_file
from davor.customers.models import Customer
from davor.users.models import AuditEvent


def _export(user, fmt):
    return customers_export(user=user, customers=Customer.objects.all(), fmt=fmt).content


def test_it_neutralises_formulas():
    assert neutralise('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    assert [neutralise(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok")] == [
        "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok",
    ]  # fmt: skip


def test_csv_and_xlsx_exports_hold_no_formula(owner, contact):
    contact.position = '=HYPERLINK("http://evil.example","Klick")'
    contact.save()
    german = _export(owner, "csv-de")
    assert german.startswith(b"\xef\xbb\xbf") and b"Firma;Kundennummer" not in german
    assert b"Kundennummer;Firma" in german
    assert b'\'=HYPERLINK(""http://evil.example"",""Klick"")' in german
    assert b"Customer number,Company" in _export(owner, "csv")
    sheet = load_workbook(io.BytesIO(_export(owner, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert '\'=HYPERLINK("http://evil.example","Klick")' in cells
    assert not any(str(cell).startswith("=") for cell in cells)


def test_an_export_comes_back_in_as_the_same_records(owner, contact):
    for fmt in ("csv-de", "csv", "vcard"):
        preview = import_preview(user=owner, raw=read_file(_export(owner, fmt), f"x.{fmt}"))
        assert preview.is_valid, (fmt, [r.errors for r in preview.rows])
        row = preview.rows[0]
        assert row.contact_match.pk == contact.pk, fmt
        assert row.contact["phone"] == contact.phone, fmt


def test_json_holds_contacts_with_consent(owner, contact):
    data = json.loads(_export(owner, "json"))
    person = data["customers"][0]["contacts"][0]
    assert person["email"] == contact.email and person["consent_email"] is False


def test_the_list_exports_only_what_the_user_sees_and_audits_it(owner_client, customer, outsider, client):
    response = owner_client.get(reverse("customers:export"), {"format": "csv"})
    assert response.status_code == 200 and customer.name.encode() in response.content
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.get(action="export").details == {"format": "csv", "customers": 1, "via": "web"}
    client.force_login(outsider)
    assert customer.name.encode() not in client.get(reverse("customers:export"), {"format": "json"}).content


def test_the_command_writes_every_format(customer, contact, tmp_path):
    for fmt in ("csv", "csv-de", "xlsx", "json", "vcard"):
        path = tmp_path / f"out.{fmt}"
        call_command("export", "--format", fmt, "-o", str(path))
        assert path.stat().st_size > 100


def test_control_characters_stored_earlier_do_not_break_the_workbook(owner, customer, contact):
    # \x00 would break it too, but PostgreSQL stores no NUL in text: the other controls it stores.
    Customer.objects.filter(pk=customer.pk).update(name="Kessler\x0bAntriebe\x1b")
    contact.position = "Einkauf\x1f"
    contact.save()

    sheet = load_workbook(io.BytesIO(_export(owner, "xlsx"))).active

    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "KesslerAntriebe" in cells and "Einkauf" in cells
    assert b"\x0b" not in _export(owner, "csv")
