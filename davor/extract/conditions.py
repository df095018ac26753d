"""Shipping terms (Incoterms 2020, frei Haus, ab Werk) and price discounts."""

from __future__ import annotations

import re

from .doc import Doc
from .model import Fact
from .payment import NEGATION_BEFORE, classify_percent

INCOTERMS = re.compile(r"(?<![\w-])(?P<code>EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)(?![\w-])")
FREE = re.compile(
    r"(?i:frei\s+haus|frei\s+hof|frei\s+baustelle|lieferung\s+frei|free\s+delivery|delivered\s+free|free\s+shipping"
    r"|free\s+of\s+charge\s+delivery|versandkostenfrei|frachtfrei|free\s+freight|carriage\s+paid)"
)
EX_WORKS = re.compile(r"(?i:ab\s+werk|ex[\s-]works|ex[\s-]factory|ab\s+lager|ex\s+warehouse)")


def read_shipping(doc: Doc) -> Fact | None:
    """A named Incoterms code wins over words; the first phrase otherwise."""
    code = INCOTERMS.search(doc.text)
    if code:
        return Fact(code.group("code"), code.span())
    found: list[Fact] = []
    for pattern, value in ((FREE, "free_delivery"), (EX_WORKS, "ex_works")):
        for m in pattern.finditer(doc.text):
            if not NEGATION_BEFORE.search(doc.text[max(0, m.start() - 20) : m.start()]):
                found.append(Fact(value, m.span()))
                break
    return min(found, key=lambda f: f.span[0]) if found else None


def read_price_discount(doc: Doc) -> Fact | None:
    for hit in doc.percents:
        kind = classify_percent(doc, hit)
        if kind and kind[0] == "price":
            return Fact(hit.value, (hit.start, hit.end))
    return None
