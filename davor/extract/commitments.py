"""Promises about a next step: who (us / customer), what, and by when.

A clause is a commitment when it has a promise verb from the lexicon below
(send, call back, clarify, "kommt per Mail", "geht raus", ...) and we can tell
whose promise it is from the subject ("ich", "er", "Kunde", "I'll",
"they'll") or the verb form ("melde mich" / "meldet sich").  Delivery,
payment and confirmation facts are left to their own extractors.
"""

from __future__ import annotations

import re
from datetime import date

from .confirmation import CUE as CONFIRMATION_CUE
from .delivery import delivery_cues
from .doc import Doc
from .model import Appointment, Commitment, Wish
from .people import People
from .text import Segment, split

_B, _E = r"(?<![\wäöüß])", r"(?![\wäöüß])"
BREAKS = re.compile(
    r";\s*|\s+-+>?\s+|,\s+(?!(?:ob|dass|damit|um|wegen|whether|that|to|if|weil|sobald)\b)"
    # "She'll send the specs by Friday and I'll send a quote": two promises, two sides.
    r"|\s+(?:and|und)\s+(?=(?:I|I'll|we|we'll|he|he'll|she|she'll|they|they'll|ich|wir|er|sie)\s)"
)

# (regex, canonical verb, fixed side or None, person of the form: 1, 3 or 0 = unknown)
VERBS_DE: list[tuple[re.Pattern[str], str, str | None, int]] = [
    (re.compile(rf"{_B}(?i:schicke|sende|maile|faxe|kläre|prüfe|erstelle|melde\s+mich|organisiere|besorge"
                rf"|kümmere\s+mich|hake\s+nach|frage\s+nach|rufe)(?:\s|$|[,.])"), "", "us", 1),
    (re.compile(rf"{_B}(?i:schickt|sendet|mailt|faxt|klärt|prüft|erstellt|meldet\s+sich|liefert|reicht|ruft"
                rf"|bringt|organisiert|gibt\s+bescheid){_E}"), "", "customer", 3),
    (re.compile(rf"{_B}(?i:schick|schicken|senden|zusenden|übersenden|mailen|klären|prüfen|melden|zurückrufen"
                rf"|anrufen|nachreichen|erstellen|mitbringen|bringe|ruf|übermitteln|vorbereiten|zukommen\s+lassen){_E}"),
     "", None, 0),
    # "Frau Mertens übermittelt uns den Raumplan"; passive "wird unsererseits ... zugesandt".
    (re.compile(rf"{_B}(?i:übermittle|übersende|übermittelt|übersendet|zugesandt|zugeschickt|übersandt|übermittelt"
                rf"|vorbereitet|zugestellt|geschickt){_E}"), "", None, 0),
    (re.compile(rf"{_B}(?i:rückruf\s+(?:von\s+mir|von\s+uns|durch\s+uns|meinerseits|unsererseits)){_E}"), "zurückrufen",
     "us", 1),
    (re.compile(rf"{_B}(?i:geht|gehen)(?:\s+\S+){{0,6}}?\s+(?:raus|hinaus|heraus|an\s+sie|an\s+ihn)\b"), "schicken",
     "us", 0),
    (re.compile(rf"{_B}(?i:kommt|kommen)(?:\s+\S+){{0,6}}?\s+(?:zurück)\b"), "zurückschicken", "customer", 0),
    (re.compile(rf"{_B}(?i:kommt|kommen)(?=(?:\s+\S+){{0,6}}?\s+(?:per|via|als|by)\s)"), "schicken", "customer", 0),
]  # fmt: skip
VERBS_EN: list[tuple[re.Pattern[str], str, str | None, int]] = [
    (re.compile(rf"{_B}(?i:follows|will\s+follow|to\s+follow|is\s+coming|comes\s+back){_E}"), "send", "customer", 0),
    (re.compile(rf"(?i:(?:'ll|\bwill|\bshall|\bto|\bgoing\s+to|\bpromised\s+to)\s+(?:also\s+)?"
                rf"(?:send|e-?mail|mail|forward|call|ring|get\s+back|confirm|check|clarify|follow\s+up|bring"
                rf"|provide|share|prepare|submit|return|sign|look\s+into|arrange|deliver)"
                rf"|\bsends|\bemails|\bconfirms|\bcalls\s+back|\bgets\s+back){_E}"), "", None, 0),
    # Present tense of a plan: "I send him the brochure tomorrow", "I'm sending the agreement today".
    (re.compile(rf"(?:\bI\s+(?:send|e-?mail|mail|call|courier|post|forward|check|will\s+courier)|\bI'm\s+(?:sending"
                rf"|calling|emailing|posting|couriering)|'ll\s+courier|\bcome\s+back\s+to){_E}"), "", "us", 1),
]  # fmt: skip
_CANONICAL = [
    (r"schick|send|sende|mail|fax", "schicken"),
    (r"zugesandt|zugeschickt|übersandt|übersend|zusend|zugestellt|geschickt", "zusenden"),
    (r"übermitt", "übermitteln"), (r"vorbereit", "vorbereiten"), (r"zukommen", "zusenden"),
    (r"kläre|klärt|klären", "klären"), (r"prüf", "prüfen"),
    (r"meld", "melden"), (r"ruf", "zurückrufen"), (r"bring", "mitbringen"), (r"liefer", "liefern"),
    (r"reicht|nachreich", "nachreichen"), (r"erstell", "erstellen"), (r"organis", "organisieren"),
]  # fmt: skip
REFLEXIVE = re.compile(r"(?<![\w])(?i:sich|mich)(?![\w])")
# "zum Termin", "to the meeting": a promise due on the appointment's day.
TO_APPOINTMENT = re.compile(
    r"(?i:(?:zum|zur|bis\s+zum|bis\s+zur|to\s+the|for\s+the|at\s+the|before\s+the|by\s+the)\s+"
    r"(?:termin|besprechung|meeting|call|demo|visit|präsentation|presentation|workshop|treffen|appointment))(?![\w])"
)
SUBJECT_US = re.compile(r"(?<![\w'])(?:(?i:ich|wir|unsererseits|meinerseits)|I|we|We)(?![\w])")
SUBJECT_CUSTOMER = re.compile(r"(?<![\w'])(?:(?i:er|sie|kunde|kundin|kd\.|they|he|she|customer|client)|Sie)(?![\wäöü])")
_REMOVE = re.compile(
    r"(?i:(?<![\wäöü])(?:ich|wir|er|sie|es|ihr|ihm|mir|uns|ihnen|i|we|they|he|she|her|him|us|them|me|'ll|will|shall"
    r"|werde|wird|bitte|noch|dann|auch|also|please|zusätzlich|kunde|kd\.|customer|going|promised|to|sich|mich|today"
    r"|heute|morgen|tomorrow|unseren|unsere|unser|our|the|die|der|das|den|dem|eine|einen|ein|a|an|zurück|mit|raus"
    r"|hinaus|back|up|kommt|kommen|geht|gehen|kd|which)(?![\wäöü']))"
)
# Shorthand spelt out, so that "wg. Freigabe" reads "wegen Freigabe".
_SHORT = {"wg": "wegen", "bzgl": "bezüglich", "re": "re", "betr": "betreffend"}
GENERIC = re.compile(r"(?i:^(?:angebot|muster|katalog|unterlagen|infos?|informationen|quote|offer|samples?"
                     r"|catalogue|catalog|details|it|es|them|sie)$)")  # fmt: skip
ANAPHOR = re.compile(
    r"(?i:(?<![\w])(?:dazu|dafür|darüber|diesbezüglich|deswegen|about\s+it|about\s+that|it|them|which)(?![\w]))"
)
NOT_A_PROMISE = re.compile(
    r"(?i:probier|versuch|try\s+again|nochmal\s+(?:an)?rufen|(?:hat|habe|haben)\s+\w+\s+geschickt)"
)
CHANNEL = re.compile(r"(?i:(?:per|by|via)\s+(?:e-?mail|mail|fax|post))")
_TIME_NOUNS = re.compile(r"(?i:^(?:jahr|jahren|monat|woche|tag|tage|uhr|termin|q[1-4]|kw)$)")
EVENT = re.compile(r"(?P<event>[A-ZÄÖÜ][\wäöüß-]{3,30})\s+(?:am|on)\s+")


def _verbs(lang: str) -> list[tuple[re.Pattern[str], str, str | None, int]]:
    return VERBS_EN if lang == "en" else VERBS_DE


def _canonical(word: str, lang: str) -> str:
    low = word.casefold()
    if lang == "en":
        low = re.sub(r"^(?:'ll|will|shall|to|going\s+to|promised\s+to)\s+(?:also\s+)?", "", low)
        if low in ("follows", "will follow", "to follow", "is coming"):
            return "send"
        return re.sub(r"s$", "", low) if low.endswith(("sends", "emails", "confirms")) else low
    for stem, verb in _CANONICAL:
        if re.match(stem, low):
            return verb
    return low


def _side(text: str, verb_pos: int, fixed: str | None, person: int, named: int | None = None) -> str | None:
    us, cust = SUBJECT_US.search(text), SUBJECT_CUSTOMER.search(text)
    found = sorted(m for m in ((us.start(), "us") if us else None, (cust.start(), "customer") if cust else None) if m)
    if named is not None and named < verb_pos:
        # "Greg will send the labels", "Jonas sends the export": a customer's name as subject.
        found = sorted([*found, (named, "customer")])
    if found:
        return found[0][1]
    if fixed:
        return fixed
    if person == 0 and (reflexive := REFLEXIVE.search(text)):
        # "und will sich dazu melden" / "melde mich": the reflexive pronoun tells the person.
        return "us" if reflexive.group().casefold() == "mich" else "customer"
    return {1: "us", 3: "customer"}.get(person)


def _content(text: str, lang: str) -> list[str]:
    words = re.findall(r"[\wäöüÄÖÜß.+-]+", text)
    out = []
    for w in words:
        w = w.strip(".")
        if not w or _REMOVE.fullmatch(w):
            continue
        w = _SHORT.get(w.casefold(), w)
        out.append("und" if w == "+" and lang == "de" else "and" if w == "+" else w)
    return out


def _context(doc: Doc, clause: Segment, previous: list[Segment], wishes: list[Wish]) -> str | None:
    """What an "Angebot" / "dazu" / "it" refers to: a wish or the clause before."""
    sentence = doc.sentence_of(clause.start)
    for wish in wishes:
        if sentence and sentence.start <= wish.span[0] < clause.start:
            return _head(wish.text, doc.lang)
    if re.search(r"(?i:(?<![\w])which(?![\w]))", clause.text) and previous:
        # ", which I'll send": the relative pronoun stands for the noun just before.
        return _head(previous[-1].text.split(" for ")[-1], doc.lang)
    if not previous and ANAPHOR.search(clause.text) and wishes:
        return _head(wishes[-1].text, doc.lang)
    if previous:
        return _head(previous[-1].text, doc.lang)
    return None


def _head(text: str, lang: str) -> str | None:
    if lang == "de":
        nouns = [w for w in re.findall(r"[A-ZÄÖÜ][\wäöüß-]+", text)[0:] if not _TIME_NOUNS.match(w)]
        nouns = [n for n in nouns if n not in ("Er", "Sie", "Es", "Ich", "Wir")]
        return " ".join(nouns[-2:]) or None
    words = [w for w in re.findall(r"[\w-]+", text) if not _REMOVE.fullmatch(w) and w.casefold() not in ("for",)]
    return " ".join(words[-3:]) or None


def _due(
    doc: Doc, clause: Segment, events: dict[str, date], appointments: list[Appointment] | None = None
) -> tuple[date | None, tuple[int, int] | None]:
    for hit in doc.dates_in(clause):
        due = hit.due()
        return due, hit.span
    tied = TO_APPOINTMENT.search(clause.text)
    if tied and appointments:
        span = (clause.start + tied.start(), clause.start + tied.end())
        earlier = [a for a in appointments if a.span[0] < span[0]] or appointments
        return earlier[-1].start.date(), span
    m = re.search(
        r"(?i:(?:bis\s+)?(?:zum|zur|before\s+the|for\s+the|by\s+the)\s+)(?P<e>[A-ZÄÖÜ][\wäöüß-]+)", clause.text
    )
    if m and m.group("e").casefold() in events:
        return events[m.group("e").casefold()], (clause.start + m.start(), clause.start + m.end())
    return None, None


def read_commitments(
    doc: Doc, people: People, wishes: list[Wish] | None = None, appointments: list[Appointment] | None = None
) -> list[Commitment]:
    by_sentence: dict[int, list[Wish]] = {}
    previous_sentence: dict[int, int] = {}
    for before, after in zip(doc.sentences, doc.sentences[1:], strict=False):
        previous_sentence[after.start] = before.start
    for wish in wishes or []:
        sentence = doc.sentence_of(wish.span[0])
        if sentence:
            by_sentence.setdefault(sentence.start, []).append(wish)
    events: dict[str, date] = {}
    for m in EVENT.finditer(doc.text):
        hit = next(iter(doc.hits_in("dates", m.end(), m.end() + 20)), None)
        if hit and hit.start == m.end() and hit.first:
            events.setdefault(m.group("event").casefold(), hit.first)
    out: list[Commitment] = []
    for sentence in doc.sentences:
        parts = split(sentence, BREAKS)
        own = by_sentence.get(sentence.start, [])
        # "Unterlagen dazu schicke ich": "dazu" may point at the wish of the sentence before.
        near = own or by_sentence.get(previous_sentence.get(sentence.start, -1), [])
        for i, clause in enumerate(parts):
            named = _named_subject(people, clause)
            found = _commitment(doc, clause, parts[:i], near, events, appointments, named)
            if found:
                out.append(found)
    return out


def _named_subject(people: People, clause: Segment) -> int | None:
    """Where a customer's name opens the clause (its subject), relative to it."""
    for mention, person in people.in_range(clause.start, clause.start + 40):
        if not person.ours and mention.start - clause.start <= 2:
            return mention.start - clause.start
    return None


def _commitment(
    doc: Doc,
    clause: Segment,
    previous: list[Segment],
    wishes: list[Wish],
    events: dict[str, date],
    appointments: list[Appointment] | None = None,
    named: int | None = None,
) -> Commitment | None:
    text = clause.text
    if NOT_A_PROMISE.search(text) or delivery_cues(text):
        return None
    if CONFIRMATION_CUE.search(text) and (not re.search(r"(?i:schick|send)", text) or CHANNEL.search(text)):
        # "Die Auftragsbestätigung schicke ich per E-Mail" is the confirmation fact, not a promise.
        return None
    for pattern, fixed_verb, fixed_side, person in _verbs(doc.lang):
        m = pattern.search(text)
        if not m:
            continue
        side = _side(text, m.start(), fixed_side, person, named)
        if side is None:
            continue
        verb = fixed_verb or _canonical(m.group().strip(" ,."), doc.lang)
        if verb in ("call", "ring", "get") and re.search(r"(?i:\bback\b)", text):
            verb += " back"
        due, due_span = _due(doc, clause, events, appointments)
        rest = text[: m.start()] + " " + text[m.end() :]
        if due_span:
            a, b = due_span[0] - clause.start, due_span[1] - clause.start
            rest = text[:a] + " " + text[b:]
            rest = rest.replace(m.group(), " ", 1)
            rest = re.sub(r"(?i:(?<![\w])(?:bis|by|am|on|until|zum|zur|next|nächsten|kommenden)\s*(?=\s|$))", " ", rest)
        words = _content(rest, doc.lang) or _fragment_after(doc, clause)
        obj = " ".join(words)
        anaphor = bool(ANAPHOR.search(text))
        if not words or GENERIC.match(obj) or anaphor:
            ctx = _context(doc, clause, previous, wishes)
            if ctx and ctx not in obj:
                obj = (obj + " " if obj and not (anaphor and GENERIC.match(obj)) else "") + (
                    f"wegen {ctx}" if doc.lang == "de" and not words else ctx
                )
        what = f"{obj} {verb}".strip() if doc.lang == "de" else f"{verb} {obj}".strip()
        return Commitment(side, re.sub(r"\s+", " ", what), due, clause.span)
    return None


def _fragment_after(doc: Doc, clause: Segment) -> list[str]:
    """ "Ich schicke ihr bis 13.11. Referenzliste + Richtpreisangebot.": a date's
    full stop split off the object; take a short verbless fragment that follows."""
    sentence = doc.sentence_of(clause.start)
    if sentence is None or clause.end != sentence.end or not re.search(r"\d\.\s*$", clause.text):
        return []
    following = doc.sentence_of(sentence.end + 1) or doc.sentence_of(sentence.end + 2)
    if following is None or doc.text.count("\n", sentence.end, following.start):
        return []
    words = following.text.rstrip(".").split()
    if len(words) > 6 or any(p.search(following.text) for p, *_ in _verbs(doc.lang)):
        return []
    return _content(following.text, doc.lang)
