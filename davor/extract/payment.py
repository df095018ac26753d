"""Payment terms: net days, cash discount (Skonto) with its days, prepayment.

A percentage is a cash discount when its clause says Skonto / cash discount,
or names a number of days in a payment context ("2% within 10 days",
"14 days 2%"); with Rabatt / discount and no days it is a price discount
(read by conditions.py).  Negations ("kein Skonto", "keine Vorkasse") leave
the field empty.
"""

from __future__ import annotations

import re

from .doc import Doc
from .model import Payment
from .money import PercentHit
from .text import Segment, split

_DAYS = r"(?:Tage[n]?|Tg\.?|T\.|days?|d\b|Kalendertage[n]?)"
NET = re.compile(
    rf"(?<![\d,.])(?P<n1>\d{{1,3}})\s?{_DAYS}\s*(?:(?i:rein|strictly)\s+)?(?i:netto|net(?![\w-])|ohne\s+abzug)"
    r"|(?i:netto|net)\s*(?i:kasse\s*)?:?\s*(?P<n2>\d{1,3})(?![\d%]|[,.]\d)(?:\s?" + _DAYS + ")?"
    r"|(?i:zahlungsziel|payment\s+terms?|zahlbar\s+(?:innerhalb|binnen|in)|payable\s+within|due\s+within)"
    rf"\s*:?\s*(?:(?i:von|of)\s+)?(?P<n3>\d{{1,3}})\s?{_DAYS}"
)
DAYS = re.compile(rf"(?<![\d,.])(?P<n>\d{{1,3}})\s?{_DAYS}")
SKONTO = re.compile(r"(?i:skonto|cash\s+discount|early[\s-]payment|prompt\s+payment)")
RABATT = re.compile(
    r"(?i:rabatt|disc\.|nachlass|preisnachlass|discount|off\b|abzgl|abzüglich|reduction|ermäßigung|reduziert|reduced)"
)
PAY_CONTEXT = re.compile(r"(?i:zahlung|zahlt|payment|pay\b|zahlbar|payable|rechnung|invoice|netto|net\b|skonto)")
NOT_DISCOUNT = re.compile(
    r"(?i:mwst|ust\b|mehrwertsteuer|vat\b|tax|steuer|anzahlung|deposit|zinsen|interest|auslastung)"
)
PREPAY = re.compile(
    r"(?i:vorkasse|vorauskasse|vorauszahlung|voraus\s?zahlung|pre-?payment|prepaid|pay(?:ment)?\s+in\s+advance"
    r"|advance\s+payment|cash\s+in\s+advance|cash\s+before\s+delivery|zahlung\s+im\s+voraus|im\s+voraus\s+zahl\w*)"
)
# "prepayment not required", "Vorkasse nicht nötig": a negation after the word.
NEGATION_AFTER = re.compile(
    r"(?i:^\W{0,3}(?:is\s+|ist\s+)?(?:not|nicht|no\s+longer|nicht\s+mehr)\s+(?:required|needed|necessary|nötig"
    r"|notwendig|erforderlich))"
)
# "net 30, sorry, net 45": after a correction the later figure wins.
CORRECTION = re.compile(
    r"(?i:(?<![\w])(?:nein|doch|sorry|korrektur|correction|actually|rather|no\s+wait|I\s+mean)(?![\w]))"
)
NEGATION_BEFORE = re.compile(r"(?i:\b(?:kein|keine|keinen|ohne|no|not|nicht|without|never)\b)[^,;.]{0,20}$")
_PAY_BREAKS = re.compile(r",\s+|;\s*|\s+-+>?\s+|\s+(?:sonst|otherwise|else)\s+")


def clause_of(doc: Doc, pos: int) -> Segment | None:
    sentence = doc.sentence_of(pos)
    if sentence is None:
        return None
    for clause in split(sentence, _PAY_BREAKS):
        if clause.start <= pos < clause.end:
            return clause
    return sentence


def _net_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in NET.finditer(text)]


def classify_percent(doc: Doc, hit: PercentHit) -> tuple[str, int | None] | None:
    """("skonto", days) or ("price", None) for a percentage, or None."""
    clause = clause_of(doc, hit.start)
    sentence = doc.sentence_of(hit.start)
    if clause is None or sentence is None or NOT_DISCOUNT.search(clause.text):
        return None
    local = clause.text
    nets = _net_spans(local)
    days = [
        int(m.group("n"))
        for m in DAYS.finditer(local)
        if not any(a <= m.start() < b for a, b in nets) and 0 < int(m.group("n")) <= 120
    ]
    if SKONTO.search(local):
        return ("skonto", days[0] if days else None)
    if days and (RABATT.search(local) or PAY_CONTEXT.search(sentence.text)):
        return ("skonto", days[0])
    if RABATT.search(local):
        return ("price", None)
    return None


def read_payment(doc: Doc) -> Payment | None:
    pay = Payment()
    for sentence in doc.sentences:
        for m in NET.finditer(sentence.text):
            days = int(m.group("n1") or m.group("n2") or m.group("n3"))
            corrected = pay.spans and CORRECTION.search(doc.text, pay.spans[0][1], sentence.start + m.start())
            if (pay.net_days is None or corrected) and 0 < days <= 365:
                pay.net_days = days
                pay.spans.append((sentence.start + m.start(), sentence.start + m.end()))
        for m in PREPAY.finditer(sentence.text):
            if NEGATION_BEFORE.search(sentence.text[max(0, m.start() - 25) : m.start()]):
                continue
            if NEGATION_AFTER.search(sentence.text[m.end() : m.end() + 30]):
                continue
            pay.prepayment = True
            pay.spans.append((sentence.start + m.start(), sentence.start + m.end()))
    for hit in doc.percents:
        kind = classify_percent(doc, hit)
        if kind and kind[0] == "skonto" and pay.discount_percent is None:
            pay.discount_percent = hit.value
            pay.discount_days = kind[1]
            pay.spans.append((hit.start, hit.end))
    return None if pay.empty() else pay
