"""Normalising dictated and hurried notes before the readers (SCHEMA.md,
"Speech-to-text and hurried typing"), keeping the way back to the original.

The readers work on digits and written forms; this pass rewrites what speech
recognition and hurried typing produce instead:

- number words to digits ("dreißig Tage" → "30 Tage", "fünfundzwanzigtausend"
  → "25000", "two point five" → "2.5", "vierzehn Uhr dreißig" → "14:30 Uhr",
  "zweite Kalenderwoche" → "KW 2", "am dritten März" → "am 3. März");
- digits dictated one by one to one number ("null sieben elf eins" → "07111",
  "oh seven seven double one" → "07711", "plus four four" → "+44",
  "Durchwahl drei zwei eins" → "Durchwahl 321");
- dictated e-mail addresses ("linda dot hart at oakfield dot co dot uk");
- fillers ("äh", "ähm", "uh", "um") and self-corrections ("Dienstag nein
  Mittwoch" → "Mittwoch", "6 %, nee falsch, 5 %" → "5 %");
- umlaut-less spellings of common words ("naechste" → "nächste") and lower-case
  names after a salutation ("frau mueller" → "Frau Mueller"); names keep
  their letters.

Every edit replaces a stretch of the note, so ``Rewrite.to_original`` maps a
span of the rewritten text back to the note the seller typed.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import WEEKDAYS_ABBR_DE, WEEKDAYS_ABBR_EN, WEEKDAYS_FULL, alternation, word_set
from .spoken_digits import Tok, numbers, tokens
from .spoken_numbers import CORRECTION_CUES, UMLAUT_WORDS

Span = tuple[int, int]
Edit = tuple[int, int, str]


@dataclass(slots=True)
class Rewrite:
    """The rewritten text and, per character, the stretch of the original it came from."""

    text: str
    starts: list[int] | None = None  # None: nothing was rewritten
    ends: list[int] | None = None

    def to_original(self, span: Span) -> Span:
        start, end = span
        if self.starts is None or self.ends is None or not self.text:
            return span
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return (self.starts[start], self.ends[end - 1])

    def original(self, start: int, end: int, source: str) -> str:
        """The typed words behind text[start:end], without the fillers and
        corrections the rewrite dropped ("zwei Stapler", not "2 Stapler")."""
        if self.starts is None or self.ends is None:
            return self.text[start:end]
        out, last = [], (-1, -1)
        for i in range(start, end):
            piece = (self.starts[i], self.ends[i])
            if piece != last:
                out.append(source[piece[0] : piece[1]])
                last = piece
        return "".join(out)

    def restore(self, phrase: str | None, source: str, near: int = 0) -> str | None:
        """A phrase copied from the rewritten text, as the seller wrote it."""
        if not phrase or self.starts is None:
            return phrase
        at = self.text.find(phrase, max(0, near))
        if at < 0:
            at = self.text.find(phrase)
        return self.original(at, at + len(phrase), source) if at >= 0 else phrase


def apply(text: str, edits: list[Edit]) -> Rewrite:
    """Apply non-overlapping (start, end, replacement) edits."""
    if not edits:
        return Rewrite(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, repl in sorted(edits):
        if start < pos:
            continue
        out.append(text[pos:start])
        starts += range(pos, start)
        ends += range(pos + 1, start + 1)
        out.append(repl)
        starts += [start] * len(repl)
        ends += [end] * len(repl)
        pos = end
    out.append(text[pos:])
    starts += range(pos, len(text))
    ends += range(pos + 1, len(text) + 1)
    return Rewrite("".join(out), starts, ends)


def rewrite(text: str, lang: str) -> Rewrite:
    """The note with dictated and hurried forms written out (see module doc)."""
    edits: list[Edit] = []
    edits += _corrections(text, lang)
    edits += _typed_clock(text, lang)
    toks = _outside(tokens(text, lang), edits)
    edits += numbers(text, toks, lang)
    taken = [(s, e) for s, e, _ in edits]
    free = _outside(toks, edits)
    edits += _fillers(text, free)
    edits += _emails(text, taken)
    edits += _spellings(text, free, lang)
    return apply(text, _disjoint(edits))


def _outside(toks: list[Tok], edits: list[Edit]) -> list[Tok]:
    """The tokens that no edit covers (edits sorted once, looked up by bisection)."""
    if not edits:
        return toks
    spans = sorted((s, e) for s, e, _ in edits)
    starts = [s for s, _ in spans]
    ends = list(itertools.accumulate((e for _, e in spans), max))
    out = []
    for tok in toks:
        i = bisect_right(starts, tok.start) - 1
        if i < 0 or ends[i] <= tok.start:
            out.append(tok)
    return out


def _disjoint(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e[0], -e[1])):
        if out and edit[0] < out[-1][1]:
            continue
        out.append(edit)
    return out


# -- numbers -----------------------------------------------------------------

# -- fillers, corrections, e-mails, spellings ------------------------------------


def _fillers(text: str, toks: list[Tok]) -> list[Edit]:
    edits = []
    for tok in toks:
        if tok.kind == "filler":
            end = tok.end
            while end < len(text) and text[end] in " ,":
                end += 1
            edits.append((tok.start, end, ""))
    return edits


_WEEKDAY = alternation([*WEEKDAYS_FULL, *WEEKDAYS_ABBR_DE, *WEEKDAYS_ABBR_EN])
_NUMBERISH = r"\d{1,4}(?:[.,:]\d{1,2})?\.?(?:\s?(?:%|Uhr|h|am|pm|€|Tage|days))?"
_CUE = alternation(CORRECTION_CUES)
_CORRECTION = re.compile(
    rf"(?<![\w.,])(?P<old>(?i:{_WEEKDAY})|{_NUMBERISH})(?![\w])[\s,]*"
    rf"(?:(?i:{_CUE})(?![\w])[\s,.:]*){{1,3}}(?:(?i:doch|rather|besser)\s+)?"
    rf"(?P<new>(?i:{_WEEKDAY})|{_NUMBERISH})(?![\w])"
)


def _corrections(text: str, lang: str) -> list[Edit]:
    """ "Dienstag nein Mittwoch", "6 %, nee falsch, 5 %": only the correction stays."""
    edits = []
    for m in _CORRECTION.finditer(text):
        old, new = m.group("old"), m.group("new")
        if old[0].isdigit() != new[0].isdigit() or old == new:
            continue
        unit = _UNIT_AFTER.search(old)
        if unit and not _UNIT_AFTER.search(new):  # "10 Uhr, nein doch 11": 11 Uhr
            edits.append((m.start("old"), m.end("new"), new + unit.group()))
        else:
            edits.append((m.start("old"), m.start("new"), ""))
    return edits


_UNIT_AFTER = re.compile(r"\s?(?:%|Uhr|h|am|pm|€|Tage|days)$")
# "9 Uhr 45" typed: the minutes after "Uhr".
_UHR_MINUTES = re.compile(
    r"(?<![\d.,:])(?P<h>[01]?\d|2[0-3]) ?Uhr (?P<m>[0-5]\d)(?![\d.,:])(?!\s*(?i:min|%|€|tage|stück))"
)


# British "half ten" is 10:30 (not "halb zehn"); "half an hour" and "half past" stay.
_HALF_HOUR = re.compile(
    r"(?<![\w])half (?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\w])"
)
_HOURS_EN = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}


def _typed_clock(text: str, lang: str) -> list[Edit]:
    out = [(m.start(), m.end(), f"{m.group('h')}:{m.group('m')} Uhr") for m in _UHR_MINUTES.finditer(text)]
    if lang == "en":
        for m in _HALF_HOUR.finditer(text):
            hour = m.group("h")
            value = int(hour) if hour.isdigit() else _HOURS_EN[hour]
            if 1 <= value <= 12:
                out.append((m.start(), m.end(), f"{value}:30"))
    return out


_SPOKEN_DOT = r"(?i:dot|punkt)"
_EMAIL_SPOKEN = re.compile(
    rf"(?<![\w@.])(?P<local>[a-z0-9]+(?:\s+(?:{_SPOKEN_DOT}|(?i:dash|hyphen|bindestrich|minus|underscore|unterstrich))"
    rf"\s+[a-z0-9]+){{0,3}})\s+(?i:at|ät)\s+(?P<domain>[a-z0-9-]+(?:\s+{_SPOKEN_DOT}\s+[a-z0-9-]+){{1,4}})(?![\w])"
)
_JOINERS = {"dot": ".", "punkt": ".", "dash": "-", "hyphen": "-", "bindestrich": "-", "minus": "-"}


def _emails(text: str, taken: list[Span]) -> list[Edit]:
    edits = []
    for m in _EMAIL_SPOKEN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = [*m.group("local").split(), "@", *m.group("domain").split()]
        address = "".join(_JOINERS.get(w.casefold(), "_" if w.casefold() in ("underscore", "unterstrich") else w)
                          for w in words)  # fmt: skip
        edits.append((m.start(), m.end(), address.casefold()))
    return edits


_SALUTATION = word_set("herr herrn frau mr mrs ms")
# Abbreviated salutations and titles; "fr." may also be Friday, so these count
# only in a note typed all in lower case.
_SALUTATION_ABBR = word_set("hr hrn fr dr prof mag ing")


def _spellings(text: str, toks: list[Tok], lang: str) -> list[Edit]:
    """ "naechste" → "nächste"; "frau mueller", "fr. dr. kaya" → capitalised."""
    edits = []
    lower_note = sum(text[t.start].isupper() for t in toks) <= len(toks) // 20
    for k, tok in enumerate(toks):
        word = tok.word
        if lang == "de" and ("ae" in word or "oe" in word or "ue" in word) and word in UMLAUT_WORDS:
            fixed = UMLAUT_WORDS[word]
            original = text[tok.start : tok.end]
            edits.append((tok.start, tok.end, fixed.capitalize() if original[0].isupper() else fixed))
        elif _salutation(text, tok, lower_note) and text[tok.start].islower() and k + 1 < len(toks):
            edits.append((tok.start, tok.start + 1, text[tok.start].upper()))
            nxt = toks[k + 1]
            title = _salutation(text, nxt, lower_note) and nxt.word in _SALUTATION_ABBR
            if text[tok.end : nxt.start].strip(" .") == "" and text[nxt.start].islower() and not title:
                edits.append((nxt.start, nxt.start + 1, text[nxt.start].upper()))
    return edits


def _salutation(text: str, tok: Tok, lower_note: bool) -> bool:
    if tok.word in _SALUTATION:
        return True
    if not (lower_note and tok.word in _SALUTATION_ABBR and text[tok.end : tok.end + 1] == "."):
        return False
    return not _WEEKDAY_BEFORE.search(text, max(0, tok.start - 12), tok.start)  # "bis fr." is Friday


_WEEKDAY_BEFORE = re.compile(r"(?i:\b(?:bis|am|ab|zum|vom|nächsten|naechsten|kommenden|jeden|until|by|on)\s+$)")
