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
    (re.compile(umlauts(rf"{_B}(?i:sucht|suchen|überlegt(?:\s+noch)?|überlegen|erwägt|wollen|will|möchten|plant|planen"
                        rf"|bräuchte|bräuchten|hätte\s+gern|hätten\s+gern)") + _E), "either"),
    (re.compile(umlauts(rf"{_B}(?i:denkt|denken)(?:\s+\w+)?\s+an{_E}")), "after"),
    # "Budget für neue Silo-Belüftung", "Ausschreibung Notebooks", "Offerte für X angefragt".
    (re.compile(umlauts(rf"{_B}(?i:budget\s+(?:für|fuer)|ausschreibung(?:\s+(?:für|über|von))?){_E}")), "after"),
    (re.compile(umlauts(rf"{_B}(?i:angebot|offert|offerte)\s+(?:für|über|zu){_E}(?=[^.;]*{_B}(?i:angefragt|gewünscht"
                        rf"|möchte|will|wünscht){_E})")), "after"),
    (re.compile(rf"{_B}(?i:ggf\.|evtl\.|eventuell|möglicherweise|vielleicht|perspektivisch|künftig\s+auch){_E}?"),
     "after"),
    (re.compile(rf"{_B}(?i:denkt|denken)(?:\s+\w+){{0,3}}?\s+über{_E}"), "after"),
    (re.compile(umlauts(rf"{_B}(?i:benötigt|gebraucht|angeschafft|beschafft)\s+werden{_E}")), "before"),
    (re.compile(rf"{_B}(?i:braucht|brauchen|benötigt|benötigen){_E}"), "either"),
    # Formal prose: "wird die Anschaffung von zwei Ultraschallsystemen geprüft",
    # "die Umstellung auf unser Navigationssystem wird erwogen".
    (re.compile(umlauts(rf"{_B}(?i:(?:die\s+|der\s+)?(?:anschaffung|beschaffung|erwerb|kauf)\s+(?:von\s+)?"
                        rf"|(?:die\s+)?umstellung\s+auf\s+)"
                        rf"(?=[^.;]*{_B}(?:geprüft|prüfen|erwogen|geplant|angedacht|überlegt|interessant|vorgesehen)"
                        rf"{_E})")), "after"),
    (re.compile(umlauts(rf"{_B}(?i:(?:prüf(?:en|t)|erwäg(?:en|t)|plan(?:en|t))(?:\s+\w+){{0,3}}\s+(?:die\s+)?"
                        rf"(?:anschaffung|beschaffung)\s+(?:von\s+)?)")), "after"),
    (re.compile(umlauts(rf"{_B}(?i:(?:ausstattung|erweiterung|ausbau)\s+(?:eines|einer|des|der|um))"
                        rf"(?=[^.;]*{_B}(?:interessant|geplant|geprüft|angedacht|erwogen){_E})")), "after_keep"),
    (re.compile(rf"{_B}(?i:angeschafft|ersetzt|erneuert|beschafft|ausgetauscht|gekauft)\s+werden{_E}"), "before"),
]  # fmt: skip
CUES_EN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_B}(?i:interest(?:ed)?\s+in|looking\s+(?:for|at|into)|thinking\s+(?:about|of)|consider(?:s|ing)?)"
                rf"{_E}"), "after"),
    (re.compile(rf"{_B}(?i:(?:they|he|she|customer|client|we)(?:'re|'ll|\s+are|\s+is|\s+will|\s+also|\s+may|\s+might)*"
                rf"\s+(?:plan(?:s|ning)?|want(?:s)?|intend(?:s)?|need(?:s)?)(?:\s+to)?){_E}"), "after"),
    # "the district might add solar carports": a verb of getting after might/may/could.
    (re.compile(rf"{_B}(?i:might|may|could)(?:\s+also)?(?=\s+(?:add|buy|purchase|order|replace|upgrade|switch|invest"
                rf"|re-?[a-z]+|expand|extend|install|introduce|renew|get|list|stock)\s)"), "after"),
    (re.compile(rf"{_B}(?i:asked\s+(?:us\s+)?(?:for|about)|enquired\s+about|inquired\s+about|request(?:ed)?\s+a\s+quote"
                rf"\s+for){_E}"), "after"),
    (re.compile(rf"{_B}(?i:asked\s+(?:if|whether)\s+we\s+(?:can|could)\s+(?:also\s+)?(?:offer|quote|supply|provide)){_E}"),
     "after"),
    (re.compile(rf"{_B}(?i:may\s+(?:also\s+)?need|might\s+need|will\s+need|'ll\s+(?:also\s+)?need|would\s+like"
                rf"|possibl[ey]|maybe|perhaps|potential(?:ly)?){_E}"), "after"),
]  # fmt: skip
_NOT_A_WISH = re.compile(
    r"(?i:^(?:für|for|bis|by|am|on|in|im|zu|to|at|ab|from)(?:\s+\S+)?$|^(?:werden|wird)\b"
    r"|^(?:nächstes|nächsten|dieses|kommendes|next|this)\s+(?:jahr|year|quartal|quarter|monat|month)$|^(?:\d{4}|q[1-4])$"
    r"|^(?:für|for|bis|by|am|on)\s+(?:den\s+|the\s+)?[\d./]+$"
    r"|^.*(?<![\w])(?:catalogue|catalog|katalog|brochure|broschüre|prospekt|unterlagen|datenblatt|price\s+list|preisliste"
    r"|samples?|muster|details|infos?|information)$|^(?:EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\b"
    r"|^(?:the\s+|die\s+|eine?\s+)?(?:order\s+)?(?:confirmation|auftragsbestätigung|bestätigung|delivery|lieferung"
    r"|payment|zahlung|termin|meeting|appointment)\b"
    r"|^(?:no|keine?n?|nicht|not|sich|mich|uns)\b|^(?:im|in|am|ab|bis)\s+(?:sommer|herbst|winter|frühjahr|frühling"
    r"|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|q[1-4]|\d{4})$)"
)
# "who is looking for ...": a third person's need (a referral's), not the customer's.
_RELATIVE_BEFORE = re.compile(r"(?i:\b(?:who|der|die)\s+(?:is\s+|are\s+|may\s+be\s+|might\s+be\s+|could\s+be\s+)?$)")
# "überlegt das Klinikum, 2027 ... anzuschaffen": the subject sits between cue and comma.
_SUBJECT_SKIP = re.compile(r"\s*(?:noch\s*)?(?:(?:der|die|das|sie|er)\s+[\wäöüÄÖÜß-]+\s*)?,\s*")
_STOP = re.compile(
    r"\s+(?:and|und)\s+(?=(?:asked|said|wants|will|would|mentioned|told|needs|is|are|has|have|fragt|will|möchte|hat|ist"
    r"|sagt|meldet)\b)|\s+-+>?\s+|[;:(]|,\s|(?<!\bca)(?<!\bapprox)(?<!\bevtl)(?<!\bggf)(?<!\bvorauss)\.(?:\s|$)|\s+(?:nach|und\s+meldet|ob\s+wir|but|aber|as\s+it|since|because|weil|da)(?![\w])"
    r"|\s+(?:geprüft|erwogen|geplant|angedacht|interessant|ist|sind|wird|werden)(?![\w])|\n"
)
_LEAD = re.compile(
    umlauts(
        r"(?i:^(?:(?:\d{4}|angebot\s+(?:über|für|zu)|künftig|zukünftig|auch|noch|ebenfalls|dann|also|to|zu|ob\s+sie|ob\s+er|dass|sie|er|es|they|he|she"
        r"|nächstes\s+jahr|nächsten\s+jahr|dieses\s+jahr|next\s+year|this\s+year|im\s+frühjahr|im\s+herbst|ab\s+\w+"
        r"|im\s+sommer|im\s+winter|irgendwann|für\s+nächstes\s+jahr|später|later|also|zudem|außerdem"
        r"|in\s+q[1-4]|für\s+q[1-4]|muss|soll|sollen|müssen|wird|werden|das\s+institut|die\s+firma)\s+)+)"
    )
)
_ARTICLE = re.compile(r"(?i:^(?:einen|eine|ein|einer|einem|die|der|das|den|dem|a|an|the|some|their|our|ihre?n?)\s+)")
_TAIL = re.compile(
    umlauts(
        r"(?i:\s+(?:nachdenken|nachdenkt|kaufen|zu\s+kaufen|beziehen|next\s+(?:year|spring|summer|autumn|fall|winter|month|quarter)|later\s+this\s+year|later\s+in\s+the\s+year|this\s+year|after\s+all"
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


_PURPOSE_CUT = re.compile(r"\s+(?:for|in|at|from|für|in|im|bei|zur|zum)\s+")


def _shorten(phrase: str) -> str:
    """A long phrase loses its trailing prepositional phrases ("... for their new DC in Joliet")."""
    while len(phrase.split()) > 8:
        cuts = list(_PURPOSE_CUT.finditer(phrase))
        if not cuts:
            break
        phrase = phrase[: cuts[-1].start()]
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
                elif where == "after_keep":  # the cue's noun is part of the wish ("Ausstattung eines ...")
                    start, raw = _after(text, m.start())
                else:
                    if _RELATIVE_BEFORE.search(text[: m.start()]):
                        continue
                    start, raw = _after(text, m.end())
                    if where == "either" and not _clean(raw):
                        start, raw = _before(text, m.start())
                phrase = _shorten(_clean(raw))
                if len(phrase) < 3 or _NOT_A_WISH.match(phrase) or len(phrase.split()) > 10:
                    continue
                purpose = _PURPOSE.search(text)
                if purpose and purpose.group("p") not in phrase and not (start <= purpose.start() < start + len(raw)):
                    phrase = f"{phrase} für {purpose.group('p')}" if doc.lang == "de" else phrase
                _add(out, Wish(phrase, (sentence.start + start, sentence.start + start + len(raw))))
    return out


def _add(out: list[Wish], wish: Wish) -> None:
    """One wish per product: keep the first of overlapping readings or of
    readings that name the same head noun ("Angebot für Büromöbel" after
    "braucht neue Büromöbel")."""
    head = _head_word(wish.text)
    for other in out[-8:]:
        if other.span[0] < wish.span[1] and wish.span[0] < other.span[1]:
            return
        if head and head == _head_word(other.text):
            return
    out.append(wish)


def _head_word(phrase: str) -> str | None:
    words = [w for w in re.findall(r"[\wäöüß-]{4,}", phrase.casefold())]
    return words[-1][:6] if words else None
