"""Order lines: the articles ordered or confirmed in this call (SCHEMA.md).

A sentence holds an order when it has an ordering word ("bestellt",
"Bestellung von", "Nachbestellung", "Abruf", "Verlängerung", "they order",
"going ahead with", "PO for", "renew", "signed") and no word that makes it an
offer, a plan or a refusal.  The articles are the noun phrases of the clause
the word governs: after it ("bestellt 40 Kartons Kopierpapier und 12 Toner"),
or before a verb-final participle ("20.000 Faltkartons bestellt") or before a
"PO follows" / "Bestellung kommt".  A list of articles is split at "+", "und",
"and", "sowie", "plus" and commas; each article is read as
``[quantity] [unit] [of] product [à unit price]``.  A bare "12 Pumpen + 3
Filter" part counts as an order without a verb, since a quantity list with a
plus is how sellers jot an order.
"""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import NUMBER_WORDS, umlauts, word_set
from .model import OrderLine
from .money import parse_number

_B, _E = r"(?<![\wäöüßÄÖÜ])", r"(?![\wäöüßÄÖÜ])"
_W = r"[\wäöüßÄÖÜ]"

# Verbs and nouns of ordering, booking and renewing (German and English
# business vocabulary; the "after" ones govern the phrase that follows).
_AFTER = re.compile(
    umlauts(
        rf"{_B}(?i:bestell(?:t|en|e|te|ten)|best\.|nachbest(?:ellung|elung|ellt|\.)?|bestellung(?!\s+nr)(?:\s+von|\s+über)?|auftrag\s+über"
        rf"|abruf(?:\s+aus\s+{_W}+)?|verlängerung|verlängert|bucht|order(?:s|ed|ing)?(?:\s+for)?|re-?order(?:s|ed)?"
        rf"|purchase\s+order\s+for|po\s+for|going\s+ahead\s+with|go\s+ahead\s+with|renew(?:s|ed)?|signed(?=:)"
        rf"|rahmenvertrag|frame(?:work)?\s+agreement\s+for){_E}:?"
    )
)
# Participles that close a German clause: the articles stand before them.
_BEFORE = re.compile(
    umlauts(rf"{_B}(?i:bestellt|nachbestellt|verlängert|gebucht|beauftragt){_E}(?=\s*(?:$|[.;,]|\s-))")
)
# "PO follows", "Bestellung kommt per Mail": the articles were named just before.
_FOLLOWS = re.compile(umlauts(rf"{_B}(?i:(?:po|order|bestellung)\s+(?:follows|kommt|comes|folgt)){_E}"))
# Offers, plans, refusals: a sentence with one of these holds no order line.
_NOT_ORDER = re.compile(
    umlauts(
        rf"{_B}(?i:angebot\w*|offert\w*|anfrage|interesse\w*|überleg\w*|plan(?:t|en|s|ning|ned)?|ausschreibung"
        r"|quote[sd]?|offer|interested|consider\w*|tender|trial"
        rf"|auftragsbestätigung|order\s+confirmation|möchte\w*|wants?|would\s+like){_E}"
    )
)
# "Reinigungsmittel wie immer": a repeat order with the article named.
_AS_USUAL = re.compile(
    umlauts(
        r"(?:^|(?<=: )|(?<= - ))(?P<p>[A-ZÄÖÜ][\wäöüß-]+(?: [A-ZÄÖÜ0-9][\wäöüß-]*)?) (?i:wie immer|wie gehabt|as usual)"
    )
)
# Words of terms and paperwork, never an article.
_TERMS = re.compile(
    umlauts(
        r"(?i:(?:zahlung|rechnung|lieferung|liefer\w*|skonto|rabatt|konditionen|preise?|payment|delivery|terms|prices?"
        r"|discount|invoice|ab|auftragsbestätigung|confirmation)\b)"
    )
)
_PLUS_LIST = re.compile(r"(?:^|(?<=: )|(?<= - ))\d[^:;]{0,80}?\+[^:;]{0,80}?(?=$| - |[.;])")
_PURPOSE_FIRST = re.compile(
    umlauts(
        r"\s*(?:er|sie|they|he|she)?\s*(?i:für|fürs|for)\s+(?:den\s+|die\s+|das\s+|the\s+|their\s+)?[^\d,;.]{2,40}?\s+(?=\d)"
    )
)
_PRONOUN = word_set("sie er es wir ich they he she we it you ihr man")
_NEGATION = re.compile(umlauts(r"(?i:\b(?:no|not|nicht|kein|keine|keinen|nothing|nichts)\b|n't)"))
# Where an article list ends: terms, dates and verbs that start the next fact.
_STOP = re.compile(
    umlauts(
        rf"(?i:\s+-+>?\s|\s+–\s|[;]|(?<!pal)(?<!stk)(?<!pers)\.(?:\s|$)|:\s|{_B}(?:für|fürs|for|inkl\.?|incl\.?|inklusive|including|nach|lt\."
        r"|laut|zum|zur|bis|by|to|at|as|after|wie|um|in|im|on|am|ab|per|via|mit|with|from|von\s+der|is|are|was|were"
        r"|will|wurde|wurden|wird|werden|kommt|comes|follows|bestätigt|bestellt|confirmed|zugesagt|fix|verbindlich"
        r"|vereinbart|agreed|approved|geliefert|delivered|lief\.?|liefer\w*|liferung|lieferung|delivery|deliv\.?|zahlung"
        rf"|payment|zz|ab\s+werk|frei\s+haus|skonto|rabatt|netto|net|lt|kw|wk|ca\.|approx\.?){_E})"
    )
)
_SPLIT = re.compile(r"\s+\+\s+|\s*\+\s*(?=\d)|,\s+|\s+(?:und|and|sowie|plus|&)\s+|(?<=[a-zäöüß])/(?=[a-zäöüß])")
# Units of measure and packaging as sellers write them (after the common codes
# of UN/CEFACT Recommendation 20 and 21, in German and English spelling).
UNITS = word_set(
    """
    stück stk stk. stck st. pcs pcs. pc pieces piece units unit ea x
    karton kartons kisten kiste boxen box boxes cartons carton cases case
    palette paletten pal pal. pallets pallet rollen rolle rolls roll spulen spule coils
    kanister eimer sack säcke fass fässer bags bag dosen dose cans flaschen flasche bottles bottle
    packungen packung pck pkg packs pack pakete paket sets set satz sätze pairs pair paar
    m lfm qm m² m2 km t kg g l liter litre litres liters meter metres meters tonnen tons
    seats lizenzen exemplare copies pers. personen persons guests gäste
    """
)
_QUANTITY = re.compile(
    r"^(?:(?P<num>\d{1,3}(?:[.,' ]\d{3})+|\d+(?:,\d+)?)\s*(?:x|×)?(?=\s)|(?P<word>[A-Za-zäöüß]+)(?=\s))\s*"
)
_LEAD = re.compile(
    umlauts(
        r"(?i:^(?:(?:er|sie|wir|they|he|she|we|ihres|ihren|ihre|ihr|seinen|seine|unser\w*|our|their|his|her|den|die"
        r"|der|das|des|dem|the|von|über|for|of|a\s+further|weitere|weiteren|noch|also|auch|heute|today|verbally"
        r"|nochmal|again|erneut|zusätzlich|additional|nr\.?\s*\d+)\s+)+)"
    )
)
_OF = re.compile(r"(?i:^(?:of|à|a)\s+(?:(?:our|the|their)\s+)?)")
_UNIT_PRICE = re.compile(
    umlauts(
        r"(?i:\s*(?:à|@|je|zu\s+je|at)\s+(?P<amount>[^,;]*?\d[^,;]*?)(?:\s*(?:each|per\s+\w+|pro\s+\w+|/\s*\w+))?$)"
    )
)
_NO_PRODUCT = re.compile(umlauts(r"(?i:^(?:\d|%|€|\$|tage?|days?|monate?|months?|wochen?|weeks?|jahre?|years?)\b)"))


def read_order_lines(doc: Doc) -> list[OrderLine]:
    out: list[OrderLine] = []
    for sentence in doc.sentences:
        text = sentence.text
        for start, region in _regions(text):
            # An offer or plan near the articles makes them no order; a run-on
            # dictated note is one "sentence", so only the words close by count.
            if _NOT_ORDER.search(text, max(0, start - 50), start + len(region)):
                continue
            for line in _lines(region, sentence.start + start, doc):
                if not any(o.product.casefold() == line.product.casefold() for o in out):
                    out.append(line)
    return out


def _negated(text: str, start: int, end: int) -> bool:
    """ "kein Auftrag", "no order today", "aren't ordering", "wurde nicht erteilt"."""
    return bool(_NEGATION.search(text[max(0, start - 25) : end + 30]))


def _regions(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the stretches that name ordered articles."""
    out = []
    for m in _AFTER.finditer(text):
        if _negated(text, m.start(), m.end()):
            continue
        rest = text[m.end() :]
        if rest.lstrip().startswith(":"):
            rest = rest.lstrip()[1:]
        start = m.end() + (len(text) - m.end() - len(rest))
        purpose = _PURPOSE_FIRST.match(rest)
        if purpose:  # "bestellen für den Rohbau in Leonberg 200 Säcke Zement"
            rest, start = rest[purpose.end() :], start + purpose.end()
        stop = _STOP.search(rest)
        piece = rest[: stop.start()] if stop else rest
        if _LEAD.sub("", piece.strip()):
            out.append((start, piece))
    for m in (*_BEFORE.finditer(text), *_FOLLOWS.finditer(text)):
        out += _before(text, m.start())
    for m in _AS_USUAL.finditer(text):
        if not _TERMS.match(m.group("p")):
            out.append((m.start("p"), m.group("p")))
    if not out and " + " in text:
        out += [
            (p.start(), p.group()) for p in re.finditer(r"(?:^|(?<=: )|(?<= - ))\d[^:;]*?\+[^:;]*?(?=$| - |[.;])", text)
        ]
    return out


def _before(text: str, pos: int) -> list[tuple[int, str]]:
    head = text[:pos].rstrip(" ,-")
    cut = max(head.rfind(": "), head.rfind(" - "), head.rfind(" – "), head.rfind("; "))
    start = cut + 2 if cut >= 0 else 0
    if head[start:].startswith("- "):
        start += 2
    return [(start, head[start:])]


def _lines(region: str, offset: int, doc: Doc) -> list[OrderLine]:
    out = []
    pos = 0
    for part in [*_SPLIT.split(region)]:
        at = region.find(part, pos)
        pos = at + len(part)
        line = _line(part, offset + at, doc)
        if line:
            out.append(line)
    return out


def _line(part: str, offset: int, doc: Doc) -> OrderLine | None:
    stop = _STOP.search(part)
    raw = part[: stop.start()] if stop else part
    lead = _LEAD.match(raw.strip())
    body = raw.strip()[lead.end() :] if lead else raw.strip()
    quantity, unit = None, None
    q = _QUANTITY.match(body)
    if q and (q.group("num") or (q.group("word") or "").casefold() in NUMBER_WORDS):
        quantity = parse_number(q.group("num")) if q.group("num") else float(NUMBER_WORDS[q.group("word").casefold()])
        body = body[q.end() :]
        first = body.split(" ", 1)
        if len(first) == 2 and first[0].casefold() in UNITS:
            unit, body = first[0], first[1]
    body = _OF.sub("", body)
    unit_price = currency = None
    price = _UNIT_PRICE.search(body)
    if price:
        amounts = [a for a in doc.amounts if offset <= a.start < offset + len(part)]
        if amounts:
            unit_price, currency = amounts[0].value, amounts[0].currency
            body = body[: price.start()]
    product = body.strip(" ,.-:()")
    if len(product) < 2 or product.casefold() in _PRONOUN or _NO_PRODUCT.match(product) or len(product.split()) > 8:
        return None
    if doc.lang == "de" and not (product[0].isupper() or product[0].isdigit()) and quantity is None:
        return None
    start = offset + part.find(raw.strip()) if raw.strip() else offset
    return OrderLine(quantity, unit, product, unit_price, currency, (start, start + len(raw.strip())))
