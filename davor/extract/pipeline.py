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
from .text import normalize
from .wishes import read_wishes


def extract(text: str, *, now: datetime, lang: str | None = None) -> Extraction:
    """The structured facts of a wrap-up note (see SCHEMA.md)."""
    text = normalize(text or "")
    if lang not in ("de", "en"):
        lang = langmod.detect(text)
    doc = Doc(text, now, lang)
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
    return result
