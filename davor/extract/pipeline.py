"""Runs every extractor over one note."""

from __future__ import annotations

from datetime import datetime

from . import lang as langmod
from .appointments import read_appointments
from .budget import read_budget
from .commitments import read_commitments
from .conditions import read_price_discount, read_shipping
from .confirmation import read_confirmation
from .delivery import read_delivery
from .doc import Doc
from .model import Extraction
from .orders import read_order_lines
from .payment import read_payment
from .people import read_people
from .spoken import Rewrite, rewrite
from .text import normalize
from .wishes import read_wishes


def extract(text: str, *, now: datetime, lang: str | None = None) -> Extraction:
    """The structured facts of a wrap-up note (see SCHEMA.md)."""
    text = normalize(text or "")
    if lang not in ("de", "en"):
        lang = langmod.detect(text)
    written = rewrite(text, lang)
    doc = Doc(written.text, now, lang)
    people = read_people(doc)
    result = Extraction(lang=lang)
    result.order_lines = read_order_lines(doc)
    result.delivery = read_delivery(doc)
    result.payment = read_payment(doc)
    result.price_discount = read_price_discount(doc)
    result.shipping = read_shipping(doc)
    result.confirmation = read_confirmation(doc)
    result.appointments = read_appointments(doc, people)
    result.purchase_wishes = read_wishes(doc)
    result.commitments = read_commitments(doc, people, result.purchase_wishes, result.appointments)
    result.budget = read_budget(doc)
    result.referrals = [p for p in people.persons if p.referral and not p.ours]
    participants = {id(p) for a in result.appointments for p in a.participants}
    result.contacts = [p for p in people.customers() if p.has_details or (id(p) in participants and p.has_details)]
    if written.starts is not None:
        _as_written(result, written, text)
        _to_original(result, written)
    return result


def _as_written(result: Extraction, written: Rewrite, source: str) -> None:
    """Phrases are copied as the seller wrote them: number words and spellings
    go back to the typed form; dropped fillers stay out."""
    for line in result.order_lines:
        line.product = written.restore(line.product, source, line.span[0]) or line.product
    for appt in result.appointments:
        appt.location = written.restore(appt.location, source, appt.span[0])
    for promise in result.commitments:
        promise.what = written.restore(promise.what, source, promise.span[0]) or promise.what
    for wish in result.purchase_wishes:
        wish.text = written.restore(wish.text, source, wish.span[0]) or wish.text
    people = {id(p): p for p in (*result.referrals, *result.contacts)}
    people.update((id(p), p) for a in result.appointments for p in a.participants)
    for person in people.values():
        person.name = written.restore(person.name, source) or person.name
        person.position = written.restore(person.position, source)
        person.company = written.restore(person.company, source)


def _to_original(result: Extraction, written: Rewrite) -> None:
    """Spans of the rewritten text back to the note as typed (the form highlights those)."""
    back = written.to_original
    for item in (*result.order_lines, result.delivery, result.price_discount, result.shipping, result.confirmation,
                 *result.appointments, *result.commitments, *result.purchase_wishes):  # fmt: skip
        if item is not None:
            item.span = back(item.span)
    for group in (result.payment, result.budget):
        if group is not None:
            group.spans = [back(s) for s in group.spans]
    people = {id(p): p for p in (*result.referrals, *result.contacts)}
    people.update((id(p), p) for a in result.appointments for p in a.participants)
    for person in people.values():
        person.spans = [back(s) for s in person.spans]
