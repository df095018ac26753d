"""What the note says about a named person right next to the name:
"(Einkauf, DW 231)", ", Leiter Logistik, Tel. ...", "vom TSV Neustadt",
"seinem Chef Hr. Brandl", plus phones, extensions and e-mails up to the next
person or the end of the sentence part."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .roles import NOT_ROLE, is_company, is_role, split_role

PARENS = re.compile(r"\s{0,3}\((?P<inner>[^()\n]{1,200})\)")
APPOSITION = re.compile(r"\s{0,3}(?:,|/|\|)\s{0,3}")
ORG_AFTER = re.compile(
    r"\s{0,3}(?:vom|von\s+der|von\s+dem|von|from|at|bei\s+der|bei|beim|@)\s+(?P<org>[A-ZÄÖÜ][^,;:()\n]{1,60}?)"
    r"(?=\s*(?:[,;:()\n]|\.\s|\.$|\s-\s|$))"
)
DEPT_AFTER = re.compile(
    r"\s{0,3}(?:vom|von\s+der|von\s+dem|aus\s+der|aus\s+dem|from\s+the|from|of\s+the|in\s+the)\s+"
    r"(?P<dept>[\w.äöüÄÖÜß&-]+(?:\s+[\w.äöüÄÖÜß&-]+){0,2}?)(?=\s*(?:[,;:()\n]|\.\s|\.$|\s-\s|$|\s(?:to|zur|zum|und|and)\s))"
)
_NAME_SUFFIX = re.compile(r"\s(?:jun|sen|jr|sr)\.?(?![\w])", re.I)
ROLE_BEFORE = re.compile(
    r"(?:(?:sein|seine|seinem|seinen|seiner|ihr|ihre|ihrem|ihren|ihrer|his|her|their|the|der|die|den|dem|unser\w*"
    r"|our|a|an|ein|eine|einen|einem|\w+e)\s+)?(?P<role>[\w.äöüÄÖÜß-]{2,40})\s+$"
)
_PARTS = re.compile(r",\s+|;\s*|\s+/\s+")
_DETAIL = re.compile(r"(?i:tel|phone|fon|mobil|mobile|handy|fax|dw\b|durchwahl|ext\b|ext\.|@|\+\d|\b0\d{2,})")
_LIST_WORD = re.compile(r"(?i:^(?:und|and|sowie|plus|&)\b)")
# A colon ends what is said about a person, except after a label ("Tel.: ...").
_STOP = re.compile(r"(?<!tel)(?<!tel\.)(?<!fon)(?<!mail)(?<!dw)(?<!mobil)(?<!phone)(?<!fax):\s|\s[-–]\s|;|\n", re.I)


@dataclass(slots=True)
class Said:
    position: str | None = None
    company: str | None = None


def _classify(part: str, first_in_parens: bool) -> tuple[str, str | None, str | None] | None:
    """(kind, position, company) for one comma part; None stops reading."""
    part = re.sub(r"\s*\([^()]*\)", "", part).strip(" .")
    if not part:
        return ("skip", None, None)
    if _LIST_WORD.match(part):
        return None
    if _DETAIL.search(part):
        return ("detail", None, None)
    if is_role(part):
        position, company = split_role(part)
        return ("position", position, company)
    if is_company(part) or (len(part.split()) <= 5 and all(w[:1].isupper() or w == "&" for w in part.split())):
        return ("company", None, re.sub(r"\s*\([^()]*\)", "", part).strip() or None)
    if first_in_parens and len(part.split()) <= 4:
        return ("position", part, None)
    return None


def _read_parts(parts: list[str], said: Said, in_parens: bool) -> bool:
    """Fill position / company from parts; False when reading had to stop."""
    for i, part in enumerate(parts):
        found = _classify(part, in_parens and i == 0)
        if found is None:
            return False
        kind, position, company = found
        if kind == "position" and position and not said.position:
            said.position = position
        if company and not said.company:
            said.company = company
    return True


def read_said(text: str, start: int, limit: int) -> Said:
    """Position and company from the text right after a name, up to limit."""
    said = Said()
    suffix = _NAME_SUFFIX.match(text, start, limit)
    pos = suffix.end() if suffix else start
    stop = _STOP.search(text, pos, limit)
    limit = stop.start() if stop else limit
    dept = DEPT_AFTER.match(text, pos, limit)
    if dept and is_role(dept.group("dept")) and not is_company(dept.group("dept")):
        # "Hr. Fuchs von der Haustechnik", "Paul Hughes from the finance team".
        said.position = dept.group("dept")
        pos = dept.end()
    org = ORG_AFTER.match(text, pos, limit)
    if org:
        said.company = _trim_org(org.group("org"))
        pos = org.end()
    paren = PARENS.match(text, pos, limit)
    if paren:
        _read_parts(_PARTS.split(paren.group("inner")), said, True)
        pos = paren.end()
        org = ORG_AFTER.match(text, pos, limit)
        if org and not said.company:
            said.company = _trim_org(org.group("org"))
            pos = org.end()
    app = APPOSITION.match(text, pos, limit)
    if app:
        body = text[app.end() : limit].rstrip(" .")
        _read_parts(_split_outside_parens(body), said, False)
    return said


def _split_outside_parens(body: str) -> list[str]:
    parts, depth, last = [], 0, 0
    for m in re.finditer(r"[()]|,\s+|\s+/\s+", body):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(body[last : m.start()])
            last = m.end()
    parts.append(body[last:])
    return parts


def role_before(text: str, start: int) -> str | None:
    """A role written just before the name: "seinem Chef Hr. Brandl",
    "their designer Lea Brunner", "Techniker Jens Paul"."""
    m = ROLE_BEFORE.search(text[max(0, start - 50) : start])
    if not m:
        return None
    role = m.group("role").strip(".")
    if is_role(role) and not NOT_ROLE.match(role):
        return role
    return None


def _trim_org(org: str) -> str | None:
    """Cut trailing lower-case words: "Institut für Zellbiologie Halle empfohlen"."""
    return re.sub(r"(?:\s+[a-zäöüß][\w-]*)+$", "", org.strip()) or None
