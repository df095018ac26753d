"""Hints on the customer's budget: when it is planned, when the fiscal year
starts, and how much there is (for the year or for one project).

Read clause by clause, so that "Geschäftsjahr beginnt im Juli, Budgetplanung
im März" gives the fiscal-year month and the planning month apart.
"""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import month_from_token
from .model import Budget
from .text import Segment, clauses

BUDGET = re.compile(r"(?i:budget|haushalt|etat|investitionsplan|investitionsbudget|mittel\s+für|funds|funding)")
FISCAL = re.compile(
    r"(?i:geschäftsjahr|geschaeftsjahr|wirtschaftsjahr|(?<![\w])gj(?![\w])|fiscal\s+year|financial\s+year"
    r"|(?<![\w])fy(?![\w])|haushaltsjahr\s+(?:beginnt|startet|läuft))"
)
CALENDAR_YEAR = re.compile(r"(?i:kalenderjahr|calendar\s+year)")
PLANNING = re.compile(
    r"(?i:planung|geplant|plan(?:t|en)?(?![\w])|gemacht|beantragt|freigegeben|genehmigt|beschlossen|verabschiedet"
    r"|festgelegt|verteilt|planning|planned|approved|applied|decided|allocated|signed\s+off|budget\s+round"
    r"|budgetrunde|freigabe|genehmigung|antrag|beantragung|approval|sign-off)"
)
OTHER_MONEY = re.compile(r"(?i:rabatt|skonto|preis|price|umsatz|revenue|angebot\s+über|auftragswert|order\s+value)")
_MONTH_WORD = re.compile(r"(?<![\w])[A-Za-zÄÖÜäöü]{3,10}\.?(?![\w])")


def _month(doc: Doc, clause: Segment) -> int | None:
    for hit in doc.dates_in(clause):
        if hit.kind in ("month", "day", "window") and hit.first:
            return hit.first.month
    for m in _MONTH_WORD.finditer(clause.text):
        word = m.group()
        if word.casefold().rstrip(".") in ("may", "mar", "mai") and not word[0].isupper():
            continue
        month = month_from_token(word)
        if month:
            return month
    return None


def read_budget(doc: Doc) -> Budget | None:
    budget = Budget()
    for sentence in doc.sentences:
        sentence_has_budget = bool(BUDGET.search(sentence.text))
        for clause in clauses(sentence):
            text = clause.text
            if FISCAL.search(text):
                month = 1 if CALENDAR_YEAR.search(text) else _month(doc, clause)
                if month and budget.fiscal_year_start_month is None:
                    budget.fiscal_year_start_month = month
                    budget.spans.append(clause.span)
                continue
            has_budget = bool(BUDGET.search(text))
            if PLANNING.search(text) and (has_budget or sentence_has_budget) and budget.planning_month is None:
                month = _month(doc, clause)
                if month:
                    budget.planning_month = month
                    budget.spans.append(clause.span)
            if has_budget and budget.amount is None:
                _amount(doc, budget, clause)
        # "Budget wird im Dezember freigegeben, ca. 450 T€": the amount may
        # stand in its own clause of a budget sentence.
        if sentence_has_budget and budget.amount is None and not OTHER_MONEY.search(sentence.text):
            _amount(doc, budget, sentence)
    return None if budget.empty() else budget


def _amount(doc: Doc, budget: Budget, seg: Segment) -> None:
    amounts = doc.hits_in("amounts", seg.start, seg.end)
    if amounts:
        budget.amount, budget.currency = amounts[0].value, amounts[0].currency
        budget.spans.append((amounts[0].start, amounts[0].end))
