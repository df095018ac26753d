"""Number words and dictated digits to digits: the numeric half of the
normalisation pass (spoken.py).  A run of number words is a cardinal when it
has "hundert" / "thousand" in it or is one word ("fünfundzwanzigtausend"), a
clock time when "Uhr", am/pm or "at" say so, and otherwise digits dictated one
by one ("null sieben elf" → "0711", "double one" → "11")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import MONTH_ABBR, MONTHS
from .spoken_numbers import FILLERS, number_word

Edit = tuple[int, int, str]

_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-z]+)*")
_GAP = re.compile(r"[ ,]{1,3}")


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    word: str  # case-folded
    value: int | None
    kind: str  # "num", "mult", "ordinal", "point", "double", "plus", "dash", "filler", "word"


def tokens(text: str, lang: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group().casefold()
        kind, value = number_word(word, lang)
        if kind == "word" and word in FILLERS.get(lang, ()):
            kind = "filler"
        out.append(Tok(m.start(), m.end(), word, value, kind))
    return out


_NUMERIC = ("num", "mult", "double", "zero")
_RUN = (*_NUMERIC, "point", "dash")


def numbers(text: str, toks: list[Tok], lang: str) -> list[Edit]:
    """Runs of number words (with "point", "double", "plus", "Strich") to digits."""
    edits: list[Edit] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "ordinal":
            edit = _ordinal(text, toks, i, lang)
            if edit:
                edits.append(edit)
            i += 1
            continue
        if tok.kind not in (*_NUMERIC, "plus") or (tok.kind == "plus" and not _next_numeric(text, toks, i)):
            i += 1
            continue
        j = i + 1
        phone = tok.kind in ("zero", "plus")
        while (
            j < len(toks)
            and toks[j].kind in (*_NUMERIC, "point", "dash")
            and _joined(text, toks[j - 1], toks[j], phone)
        ):
            j += 1
        while j > i and toks[j - 1].kind in ("point", "dash", "plus"):
            j -= 1
        run = toks[i:j]
        if run and not (len(run) == 1 and _keep_single(run[0], lang)):
            clock = _clock(text, toks, i, j)
            if clock:
                edits.append(clock[0])
                j = clock[1]
            else:
                value = _run_value(run)
                if value is not None:
                    edits.append((run[0].start, run[-1].end, value))
        i = max(j, i + 1)
    return edits


def _joined(text: str, left: Tok, right: Tok, phone: bool = False) -> bool:
    """Next to each other; across a comma only inside a dictated telephone number."""
    gap = text[left.end : right.start]
    if not _GAP.fullmatch(gap):
        return False
    return "," not in gap or (phone and all(t.kind in _NUMERIC and (t.value or 0) < 100 for t in (left, right)))


def _next_numeric(text: str, toks: list[Tok], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].kind in _NUMERIC and _joined(text, toks[i], toks[i + 1])


def _keep_single(tok: Tok, lang: str) -> bool:
    """ "null" / "zero" / "oh" alone and "one" alone stay words ("one hour", "oh")."""
    return tok.kind in ("zero", "double") or (tok.kind == "num" and tok.value == 1 and tok.word in ("one", "ein"))


def _run_value(run: list[Tok]) -> str | None:
    parts: list[str] = []
    group: list[Tok] = []
    prefix = ""
    for tok in run:
        if tok.kind == "plus":
            prefix = "+"
        elif tok.kind in ("point", "dash"):
            parts.append(_group_value(group))
            parts.append("." if tok.word in ("point", "dot") else "," if tok.kind == "point" else "-")
            group = []
        else:
            group.append(tok)
    parts.append(_group_value(group))
    if any(p == "" for p in parts):
        return None
    return prefix + "".join(parts)


def _group_value(group: list[Tok]) -> str:
    """One group: a cardinal ("two thousand five hundred") or dictated digits."""
    if not group:
        return ""
    if any(t.kind == "mult" for t in group):
        total = current = 0
        for t in group:
            if t.kind == "mult":
                value = t.value or 1
                if value >= 1000:
                    total += max(current, 1) * value
                    current = 0
                else:
                    current = max(current, 1) * value
            else:
                current += t.value or 0
        return str(total + current)
    digits: list[str] = []
    k = 0
    while k < len(group):
        t = group[k]
        if t.kind == "double" and k + 1 < len(group):
            digits.append(str(group[k + 1].value) * (t.value or 2))
            k += 2
            continue
        nxt = group[k + 1] if k + 1 < len(group) else None
        if (
            t.value is not None
            and t.value >= 20
            and t.value % 10 == 0
            and nxt
            and nxt.value is not None
            and nxt.value < 10
        ):
            digits.append(str((t.value or 0) + nxt.value))  # "twenty five"
            k += 2
            continue
        digits.append(str(t.value if t.value is not None else 0))
        k += 1
    return "".join(digits)


_UHR = re.compile(r"\s+(?i:uhr)\s+")  # between hour and minutes
_AMPM_AFTER = re.compile(r"\s*(?i:a\.?m\.?|p\.?m\.?|uhr|o'?clock)(?![\w])")
_AT_BEFORE = re.compile(r"(?i:\b(?:at|um|gegen|by|until|bis)\s+)$")


def _minutes(group: list[Tok]) -> int | None:
    values = [t.value for t in group]
    if len(values) == 1 and values[0] is not None and 10 <= values[0] < 60:
        return values[0]
    if len(values) == 2 and values[0] in (20, 30, 40, 50) and values[1] is not None and 0 < values[1] < 10:
        return values[0] + values[1]
    return None


def _clock(text: str, toks: list[Tok], i: int, j: int) -> tuple[Edit, int] | None:
    """ "vierzehn Uhr dreißig" → "14:30 Uhr"; "at ten thirty" → "at 10:30"."""
    run = toks[i:j]
    hour = run[0].value
    if run[0].kind != "num" or hour is None or hour > 23:
        return None
    uhr = j + 1 < len(toks) and toks[j].word == "uhr" and _UHR.fullmatch(text[run[0].end : toks[j + 1].start])
    if len(run) == 1 and uhr:
        j += 1
        k = j + 1
        while k < len(toks) and k - j < 2 and toks[k].kind == "num" and _joined(text, toks[k - 1], toks[k]):
            k += 1
        minutes = _minutes(toks[j:k]) if toks[j].kind == "num" else None
        if minutes is None and k > j + 1:
            k, minutes = j + 1, _minutes(toks[j : j + 1])
        if minutes is not None:
            return (run[0].start, toks[k - 1].end, f"{hour}:{minutes:02d} Uhr"), k
        return None
    minutes = _minutes(run[1:])
    timed = _AMPM_AFTER.match(text, run[-1].end) or _AT_BEFORE.search(text[max(0, run[0].start - 8) : run[0].start])
    if minutes is not None and hour <= 23 and timed:
        return (run[0].start, run[-1].end, f"{hour}:{minutes:02d}"), j
    return None


_MONTH_WORDS = {**MONTHS, **MONTH_ABBR}
_WEEK_AFTER = re.compile(r"\s+(?i:kalenderwoche|kw|woche|calendar\s+week|week)\b")


def _ordinal(text: str, toks: list[Tok], i: int, lang: str) -> Edit | None:
    """ "zweite Kalenderwoche" → "KW 2"; "dritten März" → "3. März"; "third of March" → "3 March"."""
    tok = toks[i]
    week = _WEEK_AFTER.match(text, tok.end)
    if week:
        return (tok.start, week.end(), f"KW {tok.value}")
    rest = text[tok.end : tok.end + 16]
    of_month = re.match(r"\s+(?:of\s+)?([A-Za-zÄÖÜäöü]+)", rest)
    if of_month and of_month.group(1).casefold() in _MONTH_WORDS:
        return (tok.start, tok.end + of_month.start(1), f"{tok.value}. " if lang == "de" else f"{tok.value} ")
    before = text[max(0, tok.start - 12) : tok.start].split()
    if before and before[-1].casefold().strip(".") in _MONTH_WORDS:
        return (tok.start, tok.end, str(tok.value))
    return None
