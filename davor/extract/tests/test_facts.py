from davor.extract.phones import find_extensions, find_phones


def test_it_keeps_a_dash_suffix_in_the_phone_and_as_extension():
    (hit,) = find_phones("Tel. 0711 12345-123")
    assert (hit.e164, hit.extension) == ("+4971112345123", "123")


def test_it_reads_phone_with_separate_dw(run):
    (contact,) = run("Hr. Maier (Einkauf), Tel. 0711 12345, DW 123")["contacts"]
    assert (contact["phone"], contact["extension"]) == ("+4971112345", "123")


def test_it_reads_a_lone_durchwahl():
    assert find_phones("Durchwahl 45") == []
    assert [e.digits for e in find_extensions("Durchwahl 45")] == ["45"]
    assert [e.digits for e in find_extensions("Durchwahl -123, ext. 7, x12")] == ["123", "7", "12"]


def test_it_reads_amounts_in_budget(run):
    assert run("Budget ca. 50 T€, Budgetplanung im Oktobr.")["budget"] == {
        "planning_month": 10, "fiscal_year_start_month": None, "amount": 50000, "currency": "EUR"}  # fmt: skip
    assert run("Budget CHF 25'000, GJ = Kalenderjahr.")["budget"]["amount"] == 25000
    assert run("budget $60k", lang="en")["budget"]["currency"] == "USD"


def test_it_leaves_negated_terms_empty(run):
    out = run("Zahlung 30 Tage netto, kein Skonto. Kein Rabatt. Keine Vorkasse.")
    assert out["payment"] == {"net_days": 30, "discount_percent": None, "discount_days": None, "prepayment": None}
    assert out["price_discount_percent"] is None


def test_it_tells_skonto_from_rabatt(run):
    out = run("Zahlung: 2,5 % Skonto bei Zahlung innerhalb 8 Tagen, sonst 30 Tage netto. 5 % Rabatt.")
    assert out["payment"]["discount_percent"] == 2.5 and out["payment"]["discount_days"] == 8
    assert out["price_discount_percent"] == 5


def test_it_lets_an_incoterm_win_over_words(run):
    assert run("Lieferung ab Werk (EXW)")["shipping"] == "EXW"
    assert run("Lieferung ab Werk")["shipping"] == "ex_works"


def test_it_reads_confirmation_but_not_an_answering_machine(run):
    assert run("AB per Fax 2x.")["confirmation"] == {"channel": "fax", "copies": 2}
    assert run("Auf AB gesprochen.")["confirmation"] is None


def test_it_keeps_only_the_corrected_appointment_time(run):
    (appt,) = run("Termin mit Hr. Jansen (Marketing) Mi 10 Uhr, nein doch 11 Uhr, bei uns, ca. 45 Min.")["appointments"]
    assert appt["start"] == "2026-05-13T11:00"
    assert appt["duration_minutes"] == 45
    assert appt["participants"] == [{"name": "Jansen", "position": "Marketing", "extension": None}]


def test_it_drops_a_cancelled_appointment(run):
    out = run("Termin Mi 10 Uhr bei Kunde. Termin abgesagt.")
    assert out["appointments"] == []


def test_it_reads_commitments_with_side_and_due(run):
    out = run("Kunde schickt Zeichnung bis Mi. Angebot schicke ich bis Fr.", now="2026-01-09T09:40")
    assert [(c["by"], c["due"]) for c in out["commitments"]] == [("customer", "2026-01-14"), ("us", "2026-01-16")]


def test_it_separates_contacts_referrals_and_our_staff(run):
    out = run(
        "Hr. Demir (IT-Leiter, DW 40). Er empfiehlt uns an Fr. Katrin Albers, Tel. 040 66969 215. "
        "Von uns kommt Techniker Jens Paul mit."
    )
    assert [c["name"] for c in out["contacts"]] == ["Demir"]
    assert [r["name"] for r in out["referrals"]] == ["Katrin Albers"]
