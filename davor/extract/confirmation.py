"""How the order confirmation goes out: channel (post / fax / email) and copies.

"AB" is also an answering machine ("auf AB gesprochen"), so a confirmation
needs a channel or a number of copies in its sentence.
"""

from __future__ import annotations

import re

from .doc import Doc
from .model import Confirmation

CUE = re.compile(
    r"(?<![\w])(?:AB|OC|(?i:auftragsbestätigung|auftragsbestaetigung|bestellbestätigung|order\s+confirmation"
    r"|confirmation|conf\.?|bestätigung))(?![\wäöü])"
)
FAX = re.compile(r"(?i:(?<![\w])(?:tele)?fax(?![\w]))")
EMAIL = re.compile(r"(?i:(?<![\w])(?:e-?mail|mail|pdf|elektronisch|electronically)(?![\w]))")
POST = re.compile(r"(?i:(?<![\w])(?:post|postalisch|brief|letter|postweg|snail\s+mail)(?![\w]))")
COPIES = re.compile(
    r"(?i:(?P<two>doppelt\w*|zweifach\w*|in\s+duplicate|duplicate)|(?P<three>dreifach\w*|in\s+triplicate)"
    r"|(?P<n>\d|zwei|drei|vier|two|three|four)\s*(?:-?fach\w*|x(?![\w])|copies|exemplare[n]?|kopien|ausfertigungen))"
)
NEGATED = re.compile(r"(?i:nicht\s+nötig|nicht\s+notwendig|nicht\s+erforderlich|not\s+needed|not\s+required|no\s+need"
                     r"|entfällt|keine\s+ab|keine\s+auftragsbestätigung|no\s+(?:order\s+)?confirmation)")  # fmt: skip
_WORD_NUM = {"zwei": 2, "drei": 3, "vier": 4, "two": 2, "three": 3, "four": 4}


def _channel(text: str, lang: str) -> str | None:
    found = []
    for pattern, name in ((FAX, "fax"), (EMAIL, "email"), (POST, "post")):
        m = pattern.search(text)
        if m:
            # English "by mail" means the post; German "per Mail" means e-mail.
            if name == "email" and lang == "en" and m.group().casefold() == "mail":
                name = "post"
            found.append((m.start(), name))
    return min(found)[1] if found else None


def _copies(text: str) -> int | None:
    m = COPIES.search(text)
    if not m:
        return None
    if m.group("two"):
        return 2
    if m.group("three"):
        return 3
    n = m.group("n").casefold()
    return int(n) if n.isdigit() else _WORD_NUM.get(n)


def read_confirmation(doc: Doc) -> Confirmation | None:
    for sentence in doc.sentences:
        for cue in CUE.finditer(sentence.text):
            rest = sentence.text[cue.end() :]
            if NEGATED.search(rest[:40]) or NEGATED.search(sentence.text[max(0, cue.start() - 15) : cue.end()]):
                continue
            channel = _channel(rest, doc.lang) or _channel(sentence.text[: cue.start()], doc.lang)
            copies = _copies(rest)
            if channel or copies:
                return Confirmation(channel, copies, sentence.span)
    return None
