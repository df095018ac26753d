"""The extraction command.

    davor extract --batch <notes.jsonl >extractions.jsonl
    davor extract [--now 2026-11-27T10:15] [--lang de] <note.txt

In batch mode every input line gives one output line, in order; a line that
cannot be read gives ``{"id": ..., "error": ...}`` and the batch goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any, TextIO

from .model import EMPTY_KEYS


def _parse_now(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("now must be an ISO date-time string")
    now = datetime.fromisoformat(value.strip())
    return now.replace(tzinfo=None)


def _one(line: str) -> dict[str, Any]:
    from . import extract

    note_id: Any = None
    try:
        row = json.loads(line)
        if not isinstance(row, dict):
            raise ValueError("a note must be a JSON object")
        note_id = row.get("id")
        text = row.get("text")
        if not isinstance(text, str):
            raise ValueError("missing text")
        now = _parse_now(row["now"]) if row.get("now") is not None else datetime.now()
        lang = row.get("lang") if row.get("lang") in ("de", "en") else None
        result = extract(text, now=now, lang=lang).to_dict()
        return {"id": note_id, "extraction": result}
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        return {"id": note_id, "error": f"{type(exc).__name__}: {exc}"}


def run_batch(stdin: TextIO, stdout: TextIO) -> int:
    for line in stdin:
        if not line.strip():
            continue
        try:
            out = _one(line)
        except Exception as exc:  # a bug must not stop the batch
            out = {"id": None, "error": f"internal error: {type(exc).__name__}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="davor extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", action="store_true", help="read notes as JSON lines, write one result a line")
    parser.add_argument("--now", help="date and time of the call (ISO, local time); default: now")
    parser.add_argument("--lang", choices=("de", "en"), help="language of the note; default: detected")
    args = parser.parse_args(argv)
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    if args.batch:
        return run_batch(sys.stdin, sys.stdout)
    from . import extract

    try:
        now = _parse_now(args.now) if args.now else datetime.now()
    except ValueError as exc:
        parser.error(f"--now: {exc}")
    result = extract(sys.stdin.read(), now=now, lang=args.lang).to_dict()
    assert tuple(result) == EMPTY_KEYS
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
