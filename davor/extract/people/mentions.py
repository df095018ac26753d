"""Finding the people a note names: "Hr. Kessler", "Prof. Dr. Anke Liebig",
"Mark Ellison" (a known given name and a surname), and later bare given names
of people already named ("with Mark")."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from .names import FIRST_NAMES, NOT_A_NAME, PARTICLES, SALUTATION_GENDER
from .roles import ORG_WORD, is_role

_SAL = r"Herrn|Herr|Hrn\.?|Hr\.?|Frau|Frl\.?|Fr\.?|Mrs\.?|Mr\.?|Ms\.?|Miss"
_ACAD = r"Prof\.?|Dr\.?|Mag\.?|Dipl\.-Ing\.?|Ing\.?"
# Surnames from all over Europe: Latin-1 and Latin Extended-A letters ("Petrović", "Dvořák").
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĞĠĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżž'"
_WORD = rf"(?:O'|Mc|Mac)?[{_UP}][{_LOW}]{{1,20}}(?:-[{_UP}][{_LOW}]{{1,20}})?"
_PART = "|".join(PARTICLES)
TITLED = re.compile(
    rf"(?<![\w])(?P<titles>(?:(?:{_SAL}) {{1,2}}(?:(?:{_ACAD}) {{1,2}}){{0,3}}|(?:(?:{_ACAD}) {{1,2}}){{1,3}}))"
    rf"(?P<w1>(?:(?:{_PART}) )?{_WORD})(?: {{1,2}}(?P<w2>(?:(?:{_PART}) )?{_WORD}))?"
)
CAP_WORD = re.compile(rf"(?<![\w.'-]){_WORD}(?![\w])")
# "Greg Palmer, operations manager", "J. Morales (buyer)": a name we cannot
# tell from its given name, but that a role right after it marks as a person.
ROLE_NAMED = re.compile(rf"(?<![\w.'-])(?P<first>[{_UP}]\.|{_WORD}) (?P<last>{_WORD})(?=\s?(?:,\s|\())")
_ROLE_AFTER = re.compile(r"\s?(?:,\s|\()(?P<role>[^,()\n]{2,60})")
# Who a call was with: "Call with Sanne de Vries", "Spoke to Gareth Pryce",
# "Rang Siobhán Kavanagh", "Telefonat mit Reto Brunner".  The words after such
# a cue are a person's name even when the given name is not a known one.
_CONTACT_CUE = re.compile(
    r"(?i:\b(?:call(?:ed)?|spoke|speaking|talked|talking|met|meeting|zoom|rang|tried|reached|telefonat|gespräch"
    r"|anruf|rückruf|telefoniert|gesprochen)(?:\s+(?:with|w/|to|mit|von|bei))?\s+)$"
)
_PARTICLES_RE = "|".join(PARTICLES) + "|van der|van den|von der|de la"
CUED_NAME = re.compile(rf"(?P<first>{_WORD})(?P<rest>(?: (?:(?:{_PARTICLES_RE}) )?{_WORD}){{1,2}})(?![\w])")
_NAME_END = re.compile(r"\s*(?:[,(/:;.]|$|\n|\s(?:und|and|vom|von|from|at|bei|@)\s)")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str
    first: str | None  # given name, when the note gives one
    key: str  # folded surname (or given name for a bare given-name mention)
    gender: str | None
    bare_first: bool = False  # "with Mark": a given name alone


def _plain(word: str) -> str:
    return word.split(" ")[-1]


def _is_name_word(word: str) -> bool:
    low = fold(_plain(word))
    return low not in NOT_A_NAME and not is_role(word) and not ORG_WORD.search(word)


def titled_mentions(text: str) -> list[Mention]:
    out = []
    for m in TITLED.finditer(text):
        w1, w2 = m.group("w1"), m.group("w2")
        if not _is_name_word(w1):
            continue
        sal = m.group("titles").split()[0].rstrip(".").casefold()
        end = m.end("w1")
        name = w1
        if w2 and _is_name_word(w2):
            known_first = fold(w1) in FIRST_NAMES
            if known_first or _NAME_END.match(text, m.end("w2")):
                name, end = f"{w1} {w2}", m.end("w2")
        words = name.split(" ")
        first = words[0] if len(words) > 1 and not words[0].islower() else None
        out.append(Mention(m.start(), end, name, first, fold(_plain(name)), SALUTATION_GENDER.get(sal)))
    return out


def untitled_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """A known given name followed by a capitalised surname."""
    words = list(CAP_WORD.finditer(text))
    out = []
    for a, b in itertools.pairwise(words):
        if text[a.end() : b.start()] != " " or fold(a.group()) not in FIRST_NAMES:
            continue
        if any(s < b.end() and a.start() < e for s, e in taken) or not _is_name_word(b.group()):
            continue
        if fold(b.group()) in FIRST_NAMES and fold(b.group()) in {"may", "will"}:
            continue
        name = f"{a.group()} {b.group()}"
        out.append(Mention(a.start(), b.end(), name, a.group(), fold(b.group()), None))
        taken.append((a.start(), b.end()))
    return out


def role_named_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Two capitalised words (or an initial and a word) followed by a role."""
    out = []
    for m in ROLE_NAMED.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first, last = m.group("first"), m.group("last")
        if not all(_is_name_word(w) for w in (first.rstrip("."), last)) or fold(first) in NOT_A_NAME:
            continue
        role = _ROLE_AFTER.match(text, m.end())
        if not role or not is_role(role.group("role")) or ORG_WORD.search(role.group("role").split(" ")[0]):
            continue
        out.append(Mention(m.start(), m.end(), m.group(), first, fold(last), None))
        taken.append((m.start(), m.end()))
    return out


def given_name_mentions(text: str, firsts: dict[str, str], taken: list[tuple[int, int]]) -> list[Mention]:
    """Later references by given name alone ("with Mark") to people already named."""
    out = []
    for m in CAP_WORD.finditer(text):
        word = m.group().removesuffix("'s")
        key = fold(word)
        if key in firsts and not any(s <= m.start() < e for s, e in taken):
            end = m.start() + len(word)
            out.append(Mention(m.start(), end, word, word, firsts[key], None, bare_first=True))
    return out


def cued_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Names right after a word of calling or meeting ("Call with Sanne de Vries")."""
    out = []
    for m in CUED_NAME.finditer(text):
        if not _CONTACT_CUE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = m.group().split(" ")
        if not all(_is_name_word(w) for w in words if w[0].isupper()) or fold(words[0]) in NOT_A_NAME:
            continue
        if not _NAME_END.match(text, m.end()) and not text[m.end() : m.end() + 3].startswith("'s"):
            continue
        # A company can follow the same cue: a person is named again by the
        # given name, or is given a role or an employer right away.
        again = re.compile(rf"(?<![\w]){re.escape(words[0])}(?![\w])").search(text, m.end(), m.end() + 3000)
        role = _ROLE_AFTER.match(text, m.end())
        employer = re.match(r"\s(?:from|at|of|von|bei|vom)\s", text[m.end() :])
        if not (again or employer or (role and is_role(role.group("role")))):
            continue
        name = m.group()
        out.append(Mention(m.start(), m.end(), name, words[0], fold(words[-1]), None))
        taken.append((m.start(), m.end()))
    return out
