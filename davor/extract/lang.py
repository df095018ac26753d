"""Telling German from English notes by their function words."""

from __future__ import annotations

import re

from .lexicon import word_set

_WORD = re.compile(r"[a-zäöüß']{1,12}")
GERMAN = word_set(
    """
    der die das und mit für von bei nicht ist ein eine einen auf im am zum zur bis wir ich er sie uns auch
    noch wird werden hat haben kunde lieferung zahlung tage netto angebot termin bitte per über nach schicke
    schickt bestellt herr frau hr fr kw uhr woche nächste
    """
)
ENGLISH = word_set(
    """
    the and with for from at not is a an on to by we i he she they us also will has have customer delivery
    payment days net quote meeting please via about after send sent ordered mr ms next week call order
    """
)


def detect(text: str) -> str:
    """ "de" or "en"; German when undecided (most notes are German)."""
    de = en = 0
    for m in _WORD.finditer(text[:4000].casefold()):
        word = m.group()
        de += word in GERMAN or any(c in word for c in "äöüß")
        en += word in ENGLISH
    return "en" if en > de else "de"
