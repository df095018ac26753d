import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from davor.cli import main as davor
from davor.customers.imports import ImportRejected, import_preview, import_run, import_steps, read_file
from davor.customers.models import Contact, Customer
from davor.users.models import AuditEvent

HEADER = "Firma;Vorname;Nachname;Telefon;E-Mail;Straße;PLZ;Ort\r\n"


def _preview(user, data: bytes, name: str = "kunden.csv"):
    return import_preview(user=user, raw=read_file(data, name))


def test_it_reads_german_excel_cp1252(owner):
    data = (HEADER + "Müller Bau GmbH;Anna;Müller;0711 99999-12;anna@mueller.de;Hauptstraße 1;1067;Dresden\r\n").encode(
        "cp1252"
    )
    preview = _preview(owner, data)
    assert preview.raw.delimiter == ";" and preview.raw.encoding == "windows-1252"
    import_run(user=owner, preview=preview)
    customer = Customer.objects.get()
    assert (customer.name, customer.street, customer.postal_code, customer.owner) == (
        "Müller Bau GmbH", "Hauptstraße 1", "01067", owner,
    )  # fmt: skip
    contact = customer.contacts.get()
    assert (contact.phone, contact.extension, contact.email) == ("+497119999912", "12", "anna@mueller.de")


def test_it_reads_utf8_with_bom_and_quoted_newlines_international(owner):
    data = '\ufeffCompany,First name,Last name,Street,City\r\n"Weiß, Ltd",Jörg,Weiß,"Ring 2\nHof B",Köln\r\n'
    preview = _preview(owner, data.encode())
    assert preview.raw.delimiter == "," and preview.is_valid
    import_run(user=owner, preview=preview)
    assert Customer.objects.get().street == "Ring 2\nHof B"
    assert Contact.objects.get().last_name == "Weiß"


def test_it_reads_mixed_encodings_line_by_line(owner):
    data = HEADER.encode() + "Bäcker AG;Jürgen;Bäcker;;;;;\r\n".encode() + "Öko KG;Özlem;Öz;;;;;\r\n".encode("cp1252")
    preview = _preview(owner, data)
    assert preview.raw.encoding == "mixed"
    assert [row.customer["name"] for row in preview.rows] == ["Bäcker AG", "Öko KG"]


def test_a_bad_file_changes_nothing_and_says_which_rows_and_why(owner):
    data = (HEADER + "Gut GmbH;Eva;Gut;0711 123456;eva@gut.de;;;\r\n"
            "Schlecht GmbH;Max;Schlecht;12ab;kein-mail;;;\r\n"
            ";;;;;;;Ulm\r\n").encode()  # fmt: skip
    with translation.override("en"):  # the messages are checked word for word
        preview = _preview(owner, data)
    problems = {row.number: row.errors for row in preview.problems}
    assert set(problems) == {3, 4}
    assert any("12ab" in e for e in problems[3]) and any("kein-mail" in e for e in problems[3])
    assert any("company" in e for e in problems[4])
    with pytest.raises(ImportRejected):
        import_run(user=owner, preview=preview)
    assert not Customer.objects.exists()


def test_it_proposes_merges_and_fills_only_blanks(owner, contact):
    data = (HEADER + "Kessler Antriebstechnik;Jens;Keßler;;j.kessler@kessler-antriebe.de;;;Esslingen\r\n"
            "Keßler Antriebstechnik GmbH;Petra;Kessler;;;;;\r\n").encode()  # fmt: skip
    preview = _preview(owner, data)
    first, second = preview.rows
    assert first.contact_match.pk == contact.pk and first.customer_match.pk == contact.customer_id
    assert second.customer_match.pk == contact.customer_id and second.contact_match is None
    import_run(user=owner, preview=preview)
    assert Customer.objects.count() == 1
    assert Customer.objects.get().city == "Stuttgart"  # not overwritten
    assert Contact.objects.count() == 2


def test_it_derives_the_switchboard_from_a_direct_dial(owner):
    preview = _preview(owner, (HEADER + "Vogt Metall GmbH;Ina;Vogt;0711 4567-12;;;;\r\n").encode())

    import_run(user=owner, preview=preview)

    contact = Contact.objects.get()
    assert (contact.phone, contact.extension, contact.phone_display) == ("+49711456712", "12", "0711 4567-12")
    assert contact.customer.phone == "+497114567"


def test_duplicate_rows_become_one_record(owner):
    row = "Doppel GmbH;Dora;Doppel;;dora@doppel.de;;;\r\n"
    preview = _preview(owner, (HEADER + row + row).encode())
    assert preview.rows[1].same_as_row == 2
    import_run(user=owner, preview=preview)
    assert (Customer.objects.count(), Contact.objects.count()) == (1, 1)


def test_it_imports_10000_rows_in_one_go(owner):
    lines = [f"Firma {i // 2};Vor{i};Nach{i};0711 {100000 + i};p{i}@example.de;;;\r\n" for i in range(10_000)]
    preview = _preview(owner, (HEADER + "".join(lines)).encode())
    assert preview.is_valid
    result = import_run(user=owner, preview=preview)
    assert (result.customers_created, result.contacts_created) == (5000, 10_000)
    assert Contact.history.count() == 10_000
    assert AuditEvent.objects.get(action="import").details["rows"] == 10_000


VCARD_LINES = [
    "BEGIN:VCARD", "VERSION:3.0", "N:Schmidt;Anna;;Dr.;", "FN:Dr. Anna Schmidt", "ORG:Schmidt Werkzeuge GmbH;Einkauf",
    "TITLE:Leiterin Einkauf", "NOTE:Segelt am Ammersee\\, mag keine Anrufe vor 9",
    "TEL;TYPE=WORK:+49 89 1234567", "TEL;TYPE=CELL:0171 2345678", "EMAIL:anna@schmidt.de",
    "ADR;TYPE=WORK:;;Lindenweg 3;München;;80331;Deutschland", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Bob Lee", "N:Lee;Bob;;;", "ORG:Lee Ltd",
    "TEL;VALUE=uri;TYPE=work:tel:+44-20-7946-0958", "END:VCARD",
]  # fmt: skip
VCARDS = "\r\n".join(VCARD_LINES) + "\r\n"


def test_it_reads_vcards_3_and_4(owner):
    preview = _preview(owner, VCARDS.encode(), "adressen.vcf")
    assert preview.is_valid, [r.errors for r in preview.rows]
    import_run(user=owner, preview=preview)
    anna = Contact.objects.get(last_name="Schmidt")
    assert (anna.title, anna.position, anna.department, anna.mobile) == (
        "Dr.",
        "Leiterin Einkauf",
        "Einkauf",
        "+491712345678",
    )
    assert (anna.customer.city, anna.customer.country) == ("München", "DE")
    assert anna.personal_notes == "Segelt am Ammersee, mag keine Anrufe vor 9"  # NOTE is kept
    assert Contact.objects.get(last_name="Lee").phone == "+442079460958"


def test_a_truncated_vcard_is_reported_and_nothing_written(owner):
    truncated = VCARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kaputt;Karl;;;\r\nFN:Karl Kaputt\r\n"
    preview = _preview(owner, truncated.encode(), "adressen.vcf")
    last_begin = max(n for n, line in enumerate(truncated.splitlines(), start=1) if line == "BEGIN:VCARD")
    assert [row.number for row in preview.problems] == [last_begin]
    assert "cut off" in preview.problems[0].errors[0] or "abgeschnitten" in preview.problems[0].errors[0]
    with pytest.raises(ImportRejected):
        import_run(user=owner, preview=preview)
    assert not Contact.objects.exists()


def test_the_command_previews_by_default_and_writes_with_commit(owner, tmp_path, capsys):
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + "Cmd GmbH;Carl;Cmd;;;;;\r\n").encode())
    call_command("import", str(path), "--user", "alice")
    assert not Customer.objects.exists()
    call_command("import", str(path), "--user", "alice", "--commit")
    assert Customer.objects.get().name == "Cmd GmbH"


def _cli(capsys, *args: str) -> tuple[str, str]:
    with pytest.raises(SystemExit):  # a CommandError ends the command with status 1
        davor(["davor", *args])
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_the_command_speaks_german_with_the_right_plural(owner, contact, tmp_path, capsys):
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + "Kessler Antriebstechnik;Jens;Kessler;;j.kessler@kessler-antriebe.de;;;\r\n"
                      ";;;;;;;Ulm\r\n").encode())  # fmt: skip

    out, err = _cli(capsys, "import", str(path), "--user", "alice", "--lang", "de")

    assert "1 Zeile hat Fehler; nichts wurde importiert." in err
    assert "Spalten:" in out and "Wird ergänzt in" in out
    assert "2 Zeilen, 1 mit Fehlern" in out


def test_the_command_speaks_english_when_the_environment_does(owner, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + ";;;;;;;Ulm\r\n;;;;;;;Ulm\r\n").encode())

    _out, err = _cli(capsys, "import", str(path), "--user", "alice")

    assert "2 rows have problems; nothing was imported." in err


def test_the_preview_shows_the_rows_that_merge_next_to_the_rows_at_fault(owner, contact, tmp_path, capsys):
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + "Neu GmbH;Nina;Neu;;;;;\r\n"
                      "Kessler Antriebstechnik;Jens;Kessler;;j.kessler@kessler-antriebe.de;;;\r\n"
                      ";;;;;;;Ulm\r\n").encode())  # fmt: skip

    out, _err = _cli(capsys, "import", str(path), "--user", "alice", "--lang", "en")

    assert "Kessler Antriebstechnik GmbH" in out  # row 3 merges into the customer we have
    assert "Neither a company nor a person" in out  # row 4 has a problem
    assert "Neu GmbH" not in out  # a plain new row is not what needs a look


def test_it_imports_through_upload_preview_and_confirm(owner_client, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("k.csv", (HEADER + "Web GmbH;Wera;Web;;;;;\r\n").encode("cp1252"))
    response = owner_client.post(reverse("customers:import"), {"file": upload})
    assert response.status_code == 302
    preview_url = response["Location"]
    assert "Web GmbH" in owner_client.get(preview_url).text
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    response = owner_client.post(reverse("customers:import_confirm", args=[token]))
    assert response.status_code == 200
    assert Customer.objects.get().owner == owner


def test_an_outsider_cannot_see_or_run_someone_elses_upload(owner_client, owner, outsider, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("k.csv", (HEADER + "Web GmbH;Wera;Web;;;;;\r\n").encode())
    token = owner_client.post(reverse("customers:import"), {"file": upload})["Location"].rstrip("/").rsplit("/", 1)[1]
    client.force_login(outsider)
    assert client.get(reverse("customers:import_preview", args=[token])).status_code == 404
    assert client.post(reverse("customers:import_preview", args=[token]), {"column": ["company"]}).status_code == 404
    assert client.post(reverse("customers:import_confirm", args=[token])).status_code == 404
    assert not Customer.objects.exists()


def test_it_streams_a_progress_bar_while_a_large_file_is_written(owner_client, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "".join(f"Firma {n} GmbH;Eva;Muster{n};;;;;\r\n" for n in range(400))
    upload = SimpleUploadedFile("gross.csv", (HEADER + rows).encode("cp1252"))
    preview_url = owner_client.post(reverse("customers:import"), {"file": upload})["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[1]

    response = owner_client.post(reverse("customers:import_confirm", args=[token]))

    assert response.streaming
    page = b"".join(response.streaming_content).decode()
    assert 50 < page.count("<progress ") <= 101  # one per percent (0 to 100), not one per row
    assert '<progress value="400" max="400">' in page
    assert page.index("<progress ") < page.index('class="card import-result"') < page.index("</html>")
    assert Customer.objects.filter(owner=owner).count() == 400


def test_an_import_abandoned_half_way_writes_nothing(owner):
    rows = "".join(f"Firma {n} GmbH;Eva;Muster{n};;;;;\r\n" for n in range(50))
    steps = import_steps(user=owner, preview=_preview(owner, (HEADER + rows).encode()))

    assert next(steps) == (1, 50)
    steps.close()  # the browser went away

    assert not Customer.objects.exists()


def test_an_uploaded_file_is_readable_by_davor_alone(owner_client, settings, tmp_path):
    import stat

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DAVOR_IMPORT_DIR = tmp_path / "imports"
    upload = SimpleUploadedFile("k.csv", (HEADER + "Web GmbH;Wera;Web;;;;;\r\n").encode())
    assert owner_client.post(reverse("customers:import"), {"file": upload}).status_code == 302

    assert stat.S_IMODE(settings.DAVOR_IMPORT_DIR.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in settings.DAVOR_IMPORT_DIR.iterdir()} == {0o600}


def test_a_file_past_the_row_limit_is_refused_saying_so(owner_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DAVOR_IMPORT_MAX_ROWS = 3
    lines = "".join(f"Firma {i};Vor{i};Nach{i};;;;;\r\n" for i in range(4))
    preview_url = owner_client.post(
        reverse("customers:import"), {"file": SimpleUploadedFile("k.csv", (HEADER + lines).encode())}
    )["Location"]

    page = owner_client.get(preview_url).content.decode()
    assert "mehr als 3 Zeilen" in page and "DAVOR_IMPORT_MAX_ROWS" in page
    with pytest.raises(ValueError, match="DAVOR_IMPORT_MAX_ROWS"):
        read_file(VCARDS.encode() * 2, "a.vcf")
    assert not Customer.objects.filter(name__startswith="Firma").exists()


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_the_rows_are_worked_out(owner):
    from django.db import connection

    lines = [f"Firma {i // 2};Vor{i};Nach{i};0711 {100000 + i};p{i}@example.de;;;\r\n" for i in range(200)]
    preview = _preview(owner, (HEADER + "".join(lines)).encode())

    # A browser reading the progress slowly must not keep the write lock: only the bulk writes take it.
    for step in import_steps(user=owner, preview=preview):
        if isinstance(step, tuple):
            assert not connection.in_atomic_block
    assert Customer.objects.filter(name__startswith="Firma").count() == 100
