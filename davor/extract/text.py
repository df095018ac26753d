"""Normalising and splitting a note into lines, sentences and clauses.

Splitting never copies or rewrites text: every piece is a ``Segment`` with its
offsets in the note, so that facts found in it keep their spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import word_set

# One-to-one replacements only, so that offsets stay valid.
_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": "\n",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u201e": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "•",
    }
)


def normalize(text: str) -> str:
    """Unify dashes, quotes and spaces without changing the text's length."""
    return text.translate(_TRANSLATE)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def sub(self, start: int, end: int) -> Segment:
        """A piece of this segment given by offsets relative to it, trimmed."""
        piece = self.text[start:end]
        left = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return Segment(self.start + start + left, self.start + start + left + len(piece), piece)


# Words after which a full stop does not end a sentence (compared case-folded).
ABBREVIATIONS = word_set(
    """
    hr hrn fr frl dr prof mag ing dipl tel fon mob ca kd best lief inkl ggf evtl bzw zb z.b usw approx mr
    ms mrs nr str techn zw deliv conf abzgl zzgl lt gem vgl u.a allg jun sen jr sr no ext fa abt ggü etc vs
    e.g i.e co inc ltd corp dept mio mrd tsd abs gf z.hd hd u sog max mind zt ust mwst bspw wg wg. vorm nachm
    pal stk stck pck pers nachbest kaufm stellv stv ltg verw kfm disc dt org reg zust ref bzgl betr ansprechp mgr asst
    """
)

_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"^\s*(?:[-•*>]+|\d{1,2}[).]|[a-z]\))\s+")
_STOP = re.compile(r"[.!?]{1,3}(?=\s+[\"'(•\-]?[A-ZÄÖÜ0-9])")
_WORD_BEFORE = re.compile(r"([\w.äöüÄÖÜß-]{0,30})$")
_MONTH_START = re.compile(r"\s+(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)", re.IGNORECASE)


def lines(text: str) -> list[Segment]:
    """Non-empty lines, with list bullets ("- ", "• ", "1) ") cut off."""
    out = []
    for m in _LINE.finditer(text):
        bullet = _BULLET.match(m.group())
        seg = Segment(m.start(), m.end(), m.group()).sub(bullet.end() if bullet else 0, len(m.group()))
        if seg.text:
            out.append(seg)
    return out


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    if text[dot] in "!?":
        return True
    word = _WORD_BEFORE.search(text[max(0, dot - 30) : dot]).group(1)  # type: ignore[union-attr]
    bare = word.casefold().strip(".-")
    if bare in ABBREVIATIONS:
        return False
    if bare.isdigit() or re.fullmatch(r"\d{1,2}\.\d{1,2}", bare):
        # "am 27. Juli" and "Mo 27.7. 9:30" go on; "bis 4.12. Zahlung ..." ends.
        nxt = text[after:].lstrip()[:1]
        return nxt.isalpha() and not _MONTH_START.match(text, after)
    # Single capital letters are initials ("J. Smith").
    return not (len(bare) == 1 and bare.isalpha())


MAX_SENTENCE = 1500  # longer runs (pasted logs, junk) are cut, so work per sentence stays bounded


def _chunks(seg: Segment) -> list[Segment]:
    """A very long "sentence" cut at whitespace into pieces of bounded length."""
    if len(seg.text) <= MAX_SENTENCE:
        return [seg]
    out, start = [], 0
    while start < len(seg.text):
        end = min(len(seg.text), start + MAX_SENTENCE)
        if end < len(seg.text):
            cut = seg.text.rfind(" ", start + MAX_SENTENCE // 2, end)
            end = cut if cut > start else end
        piece = seg.sub(start, end)
        if piece.text:
            out.append(piece)
        start = end
    return out


def sentences(text: str) -> list[Segment]:
    """Sentences: every line, cut further at full stops that end a sentence."""
    return [chunk for sentence in _sentences(text) for chunk in _chunks(sentence)]


def _sentences(text: str) -> list[Segment]:
    out = []
    for line in lines(text):
        start = 0
        for m in _STOP.finditer(line.text):
            if _ends_sentence(line.text, m.start(), m.end()):
                piece = line.sub(start, m.end())
                if piece.text:
                    out.append(piece)
                start = m.end()
        piece = line.sub(start, len(line.text))
        if piece.text:
            out.append(piece)
    return out


CLAUSE_BREAKS = re.compile(r",\s+|;\s*|\s+-+>?\s+|\s+=>\s+|\s+/\s+")
PART_BREAKS = re.compile(r";\s*|\s+-+>?\s+|\s+=>\s+")


def split(seg: Segment, breaks: re.Pattern[str] = CLAUSE_BREAKS) -> list[Segment]:
    """Cut a segment at the given separators, but never inside parentheses."""
    return list(_split(seg, breaks))


@lru_cache(maxsize=4096)
def _split(seg: Segment, breaks: re.Pattern[str]) -> tuple[Segment, ...]:
    out = []
    start = 0
    depth_at = _paren_depths(seg.text) if "(" in seg.text else None
    for m in breaks.finditer(seg.text):
        if depth_at and depth_at[m.start()]:
            continue
        piece = seg.sub(start, m.start())
        if piece.text:
            out.append(piece)
        start = m.end()
    piece = seg.sub(start, len(seg.text))
    if piece.text:
        out.append(piece)
    return tuple(out)


def _paren_depths(text: str) -> list[int]:
    depths = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        depths.append(depth)
    depths.append(0)
    return depths


def clauses(seg: Segment) -> list[Segment]:
    return split(seg, CLAUSE_BREAKS)


def containing(segments: list[Segment], pos: int) -> Segment | None:
    """The segment that contains the offset (segments are sorted)."""
    lo, hi = 0, len(segments)
    while lo < hi:
        mid = (lo + hi) // 2
        if segments[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(segments) and segments[lo].start <= pos:
        return segments[lo]
    return None
