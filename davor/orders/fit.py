"""Lines of the letter that must stay whole: measured with the letter's font, shortened or shrunk to fit.

A web address broken at its hyphen, a return line on two lines in the
envelope window or an IBAN split in the footer all read as mistakes. The
template sets these lines ``white-space: nowrap``; this module makes sure
they fit first, by measuring them with the font WeasyPrint will use
(fontconfig's choice for "Liberation Sans", the same lookup WeasyPrint
makes), then abbreviating ("Straße" → "Str.") and, as a last step,
choosing a smaller size down to a floor that still prints legibly.
"""

import math
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont

FONT = "Liberation Sans"
MM = 25.4 / 72  # millimetres per point
# Without the font file, an estimate on the safe side: Liberation Sans averages about 0.5 em.
_AVERAGE_EM = 0.6
_STREET = re.compile(r"(?<=[a-zäöü])straße\b|\bStraße\b")


@dataclass(frozen=True)
class Fitted:
    text: str
    pt: float


@lru_cache(maxsize=2)
def _metrics(bold: bool) -> tuple[dict[int, int], int, int] | None:
    """(advance width per code point, width of a space, units per em) of the font, or None if not found."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{FONT}:bold" if bold else FONT
    found = subprocess.run([fc_match, "-f", "%{file}", pattern], capture_output=True, text=True, check=False)
    path = found.stdout.strip()
    if found.returncode != 0 or not path.endswith((".ttf", ".otf")):
        return None
    font = TTFont(path, lazy=True)
    hmtx, cmap = font["hmtx"], font.getBestCmap()
    advances = {code: hmtx[name][0] for code, name in cmap.items()}
    return advances, advances.get(32, 0), font["head"].unitsPerEm


def width_mm(text: str, *, pt: float, bold: bool = False) -> float:
    """How wide ``text`` prints at ``pt`` points, in millimetres."""
    metrics = _metrics(bold)
    if metrics is None:
        return len(text) * _AVERAGE_EM * pt * MM
    advances, fallback, units = metrics
    return sum(advances.get(ord(char), fallback) for char in text) / units * pt * MM


def shorter(text: str) -> list[str]:
    """``text`` abbreviated the way German addresses commonly are, if that shortens it."""
    abbreviated = _STREET.sub(lambda m: "Str." if m[0][0] == "S" else "str.", text)
    return [abbreviated] if abbreviated != text else []


def fit_line(text: str, *, width: float, pt: float, min_pt: float) -> Fitted:
    """``text`` at ``pt``, else abbreviated, else at the size (not below ``min_pt``) where it fits ``width`` mm."""
    candidates = [text, *shorter(text)]
    for candidate in candidates:
        if width_mm(candidate, pt=pt) <= width:
            return Fitted(candidate, pt)
    shortest = candidates[-1]
    return Fitted(shortest, max(min_pt, _floor(pt * width / width_mm(shortest, pt=pt))))


@dataclass(frozen=True)
class Columns:
    """Footer columns: a font size, each column's width in mm, and whether lines may still wrap."""

    pt: float
    widths: list[float]
    wrap: bool


def fit_columns(columns: list[list[str]], *, width: float, gap: float, pt: float, min_pt: float) -> Columns:
    """Columns side by side, each as wide as its widest line, the spare room shared out evenly."""
    if not columns:
        return Columns(pt, [], False)
    needs = [max((width_mm(line, pt=pt) for line in column), default=0.0) for column in columns]
    room = width - gap * len(columns)
    size, wrap = pt, False
    if sum(needs) > room:
        size = max(min_pt, _floor(pt * room / sum(needs)))
        wrap = size * sum(needs) / pt > room
    scale = size / pt
    if wrap:
        # Even the smallest size does not fit: share the room in proportion, lines wrap where they must.
        widths = [room * need / sum(needs) + gap for need in needs]
    else:
        spare = (room - scale * sum(needs)) / len(columns)
        widths = [need * scale + spare + gap for need in needs]
    return Columns(size, [_floor(w) for w in widths], wrap)


def _floor(value: float) -> float:
    """One decimal, rounded down, so that what was measured to fit still fits."""
    return math.floor(value * 10) / 10
