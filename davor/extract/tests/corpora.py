"""The labelled corpora in ``tests/data`` scored with the contract's own scorer.

Used by the dev-set tests and by ``benchmarks/extract.py --by-author``.  Notes
are grouped by author from their id: ``d01`` → d, ``a2-17`` → a2, ``h05`` →
heldout (the older set, which has no order-line labels).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FILES = ("dev.jsonl", "dev2.jsonl", "heldout.jsonl")


@cache
def evaluator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("davor_extract_evaluate", DATA / "evaluate.py")
    assert spec and spec.loader, f"missing {DATA / 'evaluate.py'}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def author(note_id: str) -> str:
    if note_id.startswith("h"):
        return "heldout"
    return note_id.split("-")[0] if "-" in note_id else "d"


def notes(*files: str) -> list[dict[str, Any]]:
    out = []
    for name in files or FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def predict(note: dict[str, Any]) -> dict[str, Any]:
    from davor.extract import extract

    return extract(note["text"], now=datetime.fromisoformat(note["now"]), lang=note.get("lang")).to_dict()


def tally(corpus: list[dict[str, Any]]) -> Any:
    ev = evaluator()
    result = ev.Tally()
    for note in corpus:
        ev.score_note(result, note["id"], note["gold"], predict(note))
    return result


def totals(counts: dict[str, list[int]], prefix: str = "") -> tuple[int, int, int]:
    rows = [row for key, row in counts.items() if key.startswith(prefix)]
    return (sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows))


def f1(counts: dict[str, list[int]], prefix: str = "") -> float:
    return float(evaluator().prf(*totals(counts, prefix))[2])
