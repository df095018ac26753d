"""The normalisation pass for dictated and hurried notes, and its spans."""

from datetime import datetime

import pytest

from davor.extract import extract
from davor.extract.spoken import rewrite

NOW = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(
    ("text", "lang", "written"),
    [
        ("dreißig Tage netto", "de", "30 Tage netto"),
        ("Lieferung zweite Kalenderwoche", "de", "Lieferung KW 2"),
        ("um vierzehn Uhr dreißig", "de", "um 14:30 Uhr"),
        ("fünfundzwanzigtausend Euro", "de", "25000 Euro"),
        ("Tel null sieben elf eins zwei drei vier", "de", "Tel 07111234"),
        ("Durchwahl drei zwei eins", "de", "Durchwahl 321"),
        ("two point five percent", "en", "2.5 percent"),
        ("mobile oh seven seven double one", "en", "mobile 07711"),
        ("plus four four twenty", "en", "+4420"),
        ("linda dot hart at oakfield dot co dot uk", "en", "linda.hart@oakfield.co.uk"),
        ("Termin Dienstag äh nein Mittwoch", "de", "Termin Mittwoch"),
        ("Rabatt 6 %, nee falsch, 5 %", "de", "Rabatt 5 %"),
        ("naechste woche frau mueller", "de", "nächste woche Frau Mueller"),
        ("at ten thirty am", "en", "at 10:30 am"),
        ("zwei, drei Tage", "de", "2, 3 Tage"),
        (
            "apotheke, fr. dr. kaya. lieferung bis fr. klaeren",
            "de",
            "apotheke, Fr. Dr. Kaya. lieferung bis fr. klaeren",
        ),
        ("one hour", "en", "one hour"),
    ],
)
def test_it_writes_out_dictated_forms(text, lang, written):
    assert rewrite(text, lang).text == written


def test_spans_and_phrases_refer_to_the_note_as_typed():
    text = "Hr. Brandl bestellt zwölf Pumpen äh Typ P4. Lieferung zweite Kalenderwoche. Er überlegt zwei Stapler."
    result = extract(text, now=NOW, lang="de")
    line = result.order_lines[0]
    assert (line.quantity, line.product) == (12, "Pumpen Typ P4")
    assert text[line.span[0] : line.span[1]].startswith("zwölf Pumpen")
    assert result.delivery is not None and text[slice(*result.delivery.span)].endswith("Kalenderwoche")
    assert [w.text for w in result.purchase_wishes] == ["zwei Stapler"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Termin Dienstag gegen Mittag, 1h", None),  # the time is not understood: no start
        ("Termin Mi 10 Uhr, nein doch 11", "2026-03-04T11:00"),
        ("Besuch Do um 9 Uhr 45", "2026-03-05T09:45"),
        ("Termin Freitag um vierzehn Uhr dreißig", "2026-03-06T14:30"),
    ],
)
def test_an_appointment_starts_only_at_an_understood_time(text, start):
    appointments = extract(text, now=NOW, lang="de").to_dict()["appointments"]
    assert [a["start"] for a in appointments] == ([start] if start else [])


def test_a_run_on_dictated_note_keeps_its_order_apart_from_a_later_wish():
    text = (
        "spoke to Priya um they're going ahead with the four hundred duvet sets"
        " delivery in three weeks they want new towels"
    )
    lines = extract(text, now=NOW, lang="en").order_lines
    assert [(line.quantity, line.product) for line in lines] == [(400, "duvet sets")]
