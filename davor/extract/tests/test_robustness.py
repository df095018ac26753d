import io
import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from davor.extract import extract
from davor.extract.cli import run_batch
from davor.extract.model import EMPTY_KEYS

NOW = datetime(2026, 5, 11, 9, 15)


def check_shape(out: dict) -> None:
    assert tuple(out) == EMPTY_KEYS
    for key in ("appointments", "commitments", "purchase_wishes", "referrals", "contacts"):
        assert isinstance(out[key], list)
    json.dumps(out)


note_words = st.sampled_from(
    ["Hr.", "Fr.", "Mo", "Di 10h", "KW 53", "bis", "31.2.", "halb", "Tel.", "0711 12345-1", "DW", "€", "50 T€",
     "2 %", "Skonto", "AB", "per Fax", "(", ")", ",", ".", "\n", "nein doch", "Termin", "x1", "@", "Q1"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.lists(note_words).map(" ".join)), lang=st.sampled_from([None, "de", "en"]))
def test_it_never_crashes(text, lang):
    check_shape(extract(text, now=NOW, lang=lang).to_dict())


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(st.text(), st.just('{"id": 1}'), st.just("[1, 2]"), st.just('{"id": "x", "text": 5}'),
                                st.just('{"id": "y", "now": "garbage", "text": "Hallo"}'))))  # fmt: skip
def test_it_never_crashes_on_malformed_batch_lines(lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stdout = io.StringIO()
    assert run_batch(stdin, stdout) == 0
    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert len(rows) == sum(1 for line in lines if line.strip())
    for row in rows:
        assert "error" in row or check_shape(row["extraction"]) is None


def test_it_handles_empty_notes_and_a_1mb_note():
    check_shape(extract("", now=NOW).to_dict())
    big = ("Hr. Kessler (Einkauf, DW 231) angerufen. Lief. KW 3, frei Haus. Termin Di 10h bei Kunde. " * 12000)[
        :1_000_000
    ]
    # Read to its end and of the right shape; how long it takes is benchmarks/extract.py's to say.
    check_shape(extract(big, now=NOW).to_dict())


def test_it_keeps_batch_order_and_reports_bad_lines():
    stdin = io.StringIO('{"id": "a", "now": "2026-05-11T09:15", "text": "Lieferung KW 21"}\nnot json\n{"id": "c"}\n')
    stdout = io.StringIO()
    run_batch(stdin, stdout)
    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert rows[0]["id"] == "a" and rows[0]["extraction"]["delivery"]["earliest"] == "2026-05-18"
    assert "error" in rows[1] and rows[2] == {"id": "c", "error": rows[2]["error"]}
