"""The agreed delivery window, read from the date next to a delivery word.

"Lief. KW 3" (Monday-Friday), "bis 15.12." (latest only), "am 15.12." / a bare
date (that day), "innerhalb von 10 Werktagen" / "in 3 Wochen" (latest only),
"Anfang/Mitte/Ende <Monat>", "zwischen 10. und 14.1.".
"""

from __future__ import annotations

import re

from .doc import Doc
from .model import Delivery

CUE = re.compile(
    r"(?<![\wäöüß])(?P<cue>(?i:lieferung(?:en)?|lief[a-zäöü]{0,3}ung|lief\.|liefertermin|lieferdatum|lieferzeit|lieferwoche|anlieferung"
    r"|auslieferung|liefern|geliefert|delivery|deliveries|deliv\.|deliver(?:ed)?|shipment|ship\s+date|shipping\s+date"
    r"|versandtermin|versand))(?![\wäöüß])"
)
OTHER_TOPIC = re.compile(r"(?i:zahlung|payment|rechnung|invoice|termin(?!e?\s*:)|meeting|call|demo|besprechung)")


def delivery_cues(text: str) -> list[re.Match[str]]:
    """Delivery words that are about when, not "free delivery" or a "delivery note"."""
    out = []
    for cue in CUE.finditer(text):
        before = text[max(0, cue.start() - 8) : cue.start()]
        after = text[cue.end() : cue.end() + 12]
        if re.search(r"(?i:(?:free|nach|after|upon)\s+)$", before) or re.match(
            r"(?i:\s*(?:note|notes|slip|address|schein|costs?|kosten))", after
        ):
            continue
        out.append(cue)
    return out


def read_delivery(doc: Doc) -> Delivery | None:
    for sentence in doc.sentences:
        for cue in delivery_cues(sentence.text):
            hit = _date_after(doc, sentence.start + cue.end(), sentence.end) or _date_before(
                doc, sentence.start, sentence.start + cue.start()
            )
            if hit is not None:
                earliest, latest = hit.window()
                if earliest or latest:
                    start = min(hit.start, sentence.start + cue.start())
                    return Delivery(earliest, latest, (start, max(hit.end, sentence.start + cue.end())))
    return None


def _date_after(doc: Doc, start: int, end: int):  # type: ignore[no-untyped-def]
    for hit in doc.hits_in("dates", start, end):
        gap = doc.text[start : hit.start]
        if len(gap) > 60 or OTHER_TOPIC.search(gap) or ". " in gap:
            return None
        return hit
    return None


def _date_before(doc: Doc, start: int, end: int):  # type: ignore[no-untyped-def]
    hits = doc.hits_in("dates", max(start, end - 30), end)
    if hits and not OTHER_TOPIC.search(doc.text[hits[-1].end : end]):
        return hits[-1]
    return None
