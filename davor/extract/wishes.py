"""Purchase wishes: what the customer wants, plans or considers beyond this
call's order ("Interesse an ...", "überlegt, ... anzuschaffen", "may need ...").

A cue word opens the wish; the phrase is the noun phrase after it (or, for
German verb-final clauses like "... dann neue Büromöbel braucht", before it),
with time words, articles and modal verbs trimmed.
"""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import umlauts
from .model import Wish

_B, _E = r"(?<![\wäöüß])", r"(?![\wäöüß])"
# (pattern, where the object is): "after" the cue or "before" it.
CUES_DE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_B}(?i:interesse\s+(?:an|am|für|an\s+einer?|an\s+dem)|bedarf\s+(?:an|für)){_E}"), "after"),
    (re.compile(umlauts(rf"{_B}(?i:interessier(?:t|en)\s+sich(?:\s+(?:auch|außerdem|zudem|ebenfalls|sehr))*\s+für"
                        rf"|nachgefragt\s+(?:wg\.|wegen|nach)|fragt\s+nach|anfrage\s+(?:zu|für|wegen))(?![\wäöüß])")),
     "after"),
    # "dass sie über eine neue Etikettiermaschine nachdenken"
    (re.compile(umlauts(rf"{_B}(?i:über)(?=\s[^,.;]{{3,60}}\snachdenk)")), "after"),
    # An open quote is a wish: "Angebot über die Lüftungsanlage ist noch offen".
    (re.compile(umlauts(rf"{_B}(?i:(?:ist|sind)\s+noch\s+(?:im\s+angebotsstadium|offen|in\s+klärung|nicht\s+bestellt))")),
     "before"),
    (re.compile(umlauts(rf"{_B}(?i:sucht|suchen|überlegt(?:\s+noch)?|überlegen|erwägt|wollen|will|möchten|plant|planen)")
                + _E), "after"),
    (re.compile(rf"{_B}(?i:ggf\.|evtl\.|eventuell|möglicherweise|vielleicht|perspektivisch|künftig\s+auch){_E}?"),
     "after"),
    (re.compile(rf"{_B}(?i:denkt|denken)(?:\s+\w+){{0,3}}?\s+über{_E}"), "after"),
    (re.compile(rf"{_B}(?i:braucht|brauchen|benötigt|benötigen){_E}"), "either"),
    (re.compile(rf"{_B}(?i:angeschafft|ersetzt|erneuert|beschafft|ausgetauscht|gekauft)\s+werden{_E}"), "before"),
]  # fmt: skip
CUES_EN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_B}(?i:interest(?:ed)?\s+in|looking\s+(?:for|at|into)|thinking\s+(?:about|of)|consider(?:s|ing)?)"
                rf"{_E}"), "after"),
    (re.compile(rf"{_B}(?i:(?:they|he|she|customer|client|we)(?:'re|'ll|\s+are|\s+is|\s+will|\s+also|\s+may|\s+might)*"
                rf"\s+(?:plan(?:s|ning)?|want(?:s)?|intend(?:s)?|need(?:s)?)(?:\s+to)?){_E}"), "after"),
    (re.compile(rf"{_B}(?i:may\s+(?:also\s+)?need|might\s+need|will\s+need|'ll\s+(?:also\s+)?need|would\s+like"
                rf"|possibl[ey]|maybe|perhaps|potential(?:ly)?){_E}"), "after"),
]  # fmt: skip
_NOT_A_WISH = re.compile(
    r"(?i:^(?:no|keine?n?|nicht|not|sich|mich|uns)\b|^(?:im|in|am|ab|bis)\s+(?:sommer|herbst|winter|frühjahr|frühling"
    r"|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|q[1-4]|\d{4})$)"
)
# "who is looking for ...": a third person's need (a referral's), not the customer's.
_RELATIVE_BEFORE = re.compile(r"(?i:\b(?:who|der|die)\s+(?:is\s+|are\s+)?$)")
# "überlegt das Klinikum, 2027 ... anzuschaffen": the subject sits between cue and comma.
_SUBJECT_SKIP = re.compile(r"\s*(?:noch\s*)?(?:(?:der|die|das|sie|er)\s+[\wäöüÄÖÜß-]+\s*)?,\s*")
_STOP = re.compile(r"\s+-+>?\s+|[;:(]|,\s|\.(?:\s|$)|\s+(?:nach|und\s+meldet|ob\s+wir)(?![\w])|\n")
_LEAD = re.compile(
    umlauts(
        r"(?i:^(?:(?:\d{4}|angebot\s+(?:über|für|zu)|künftig|zukünftig|auch|noch|ebenfalls|dann|also|to|zu|ob\s+sie|ob\s+er|dass|sie|er|es|they|he|she"
        r"|nächstes\s+jahr|nächsten\s+jahr|dieses\s+jahr|next\s+year|this\s+year|im\s+frühjahr|im\s+herbst|ab\s+\w+"
        r"|in\s+q[1-4]|für\s+q[1-4]|muss|soll|sollen|müssen|wird|werden|das\s+institut|die\s+firma)\s+)+)"
    )
)
_ARTICLE = re.compile(r"(?i:^(?:einen|eine|ein|einer|einem|die|der|das|den|dem|a|an|the|some|their|our|ihre?n?)\s+)")
_TAIL = re.compile(
    umlauts(
        r"(?i:\s+(?:nachdenken|nachdenkt|kaufen|zu\s+kaufen|beziehen|next\s+(?:year|spring|summer|autumn|fall|winter|month|quarter)|later\s+this\s+year|this\s+year"
        r"|in\s+q[1-4]|in\s+h[12]|nächstes\s+jahr|dieses\s+jahr|im\s+(?:frühjahr|herbst|sommer|winter)"
        r"|in\s+\d+(?:-\d+)?\s+jahren|muss|soll|sollen|müssen|anschaffen|anzuschaffen|braucht|brauchen|nach"
        r"|in\s+the\s+future|künftig)$)"
    )
)
_BACK_STOP = re.compile(r"(?i:(?:,\s|\bund\b|\bdass\b|\bdann\b|\bweil\b|\bwenn\b|\bda\b|\bob\b))")
_PURPOSE = re.compile(r"(?i:\b(?:für|for)\s+(?:die|das|den|the|their|ihre|seine)\s+)(?P<p>[A-ZÄÖÜ][\wäöüß-]+)")


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" ,.-+")
    for _ in range(3):
        phrase = _LEAD.sub("", phrase)
        phrase = _ARTICLE.sub("", phrase)
        phrase = _TAIL.sub("", phrase).strip(" ,.-")
    return phrase


def _after(text: str, pos: int) -> tuple[int, str]:
    rest = text[pos:]
    # "überlegt, künftig auch X zu beziehen": the object is in the next clause.
    skip = _SUBJECT_SKIP.match(rest)
    start = pos + (skip.end() if skip else 0)
    rest = text[start:]
    stop = _STOP.search(rest)
    return start, rest[: stop.start()] if stop else rest


def _before(text: str, pos: int) -> tuple[int, str]:
    head = text[:pos]
    stops = list(_BACK_STOP.finditer(head))
    start = stops[-1].end() if stops else 0
    return start, head[start:]


def read_wishes(doc: Doc) -> list[Wish]:
    cues = CUES_EN if doc.lang == "en" else CUES_DE
    out: list[Wish] = []
    for sentence in doc.sentences:
        text = sentence.text
        for pattern, where in cues:
            for m in pattern.finditer(text):
                if where == "before":
                    start, raw = _before(text, m.start())
                else:
                    if _RELATIVE_BEFORE.search(text[: m.start()]):
                        continue
                    start, raw = _after(text, m.end())
                    if where == "either" and not _clean(raw):
                        start, raw = _before(text, m.start())
                phrase = _clean(raw)
                if len(phrase) < 3 or _NOT_A_WISH.match(phrase) or len(phrase.split()) > 10:
                    continue
                purpose = _PURPOSE.search(text)
                if purpose and purpose.group("p") not in phrase and not (start <= purpose.start() < start + len(raw)):
                    phrase = f"{phrase} für {purpose.group('p')}" if doc.lang == "de" else phrase
                _add(out, Wish(phrase, (sentence.start + start, sentence.start + start + len(raw))))
    return out


def _add(out: list[Wish], wish: Wish) -> None:
    """One wish per product: keep the first of overlapping readings."""
    for other in out[-8:]:
        if other.span[0] < wish.span[1] and wish.span[0] < other.span[1]:
            return
    out.append(wish)
