"""What a wrap-up still lacks, given its outcome.

The rules of the article's checklist, in one place. Each rule yields a Gap
with a stable key (stored on the call, so Today can list open wrap-ups) and
a message for the seller. "Asked — nothing to record" answers an extended
question as fully as a recorded fact does.

Which outcome needs what:

- deal closed: order lines, delivery, payment terms, confirmation channel,
  a thank-you care touch, and the four extended questions;
- offer requested: our promise to send the offer with a due date, the next
  contact, and the extended questions;
- follow-up agreed: the next contact (or an appointment), the extended questions;
- not reached: when to try again;
- no interest / other: nothing is required.

Whatever the outcome, every appointment needs a start, a duration and at
least one participant, each with position and direct extension, and every
promise needs a due date.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from davor.calls.wrapup import EXTENDED_QUESTIONS, WrapupData

DEAL, OFFER, FOLLOW_UP, NOT_REACHED = "deal", "offer", "follow_up", "not_reached"
TALKED_BUSINESS = {DEAL, OFFER, FOLLOW_UP}


@dataclass(frozen=True)
class Gap:
    key: str
    section: str  # "minimal", "extended" or "care": where the panel lists it
    message: str


def gaps(data: WrapupData, outcome_kind: str) -> list[Gap]:
    found: list[Gap] = []
    if outcome_kind == DEAL:
        found += _deal_gaps(data)
    if outcome_kind == OFFER and not any(t.kind == "our_promise" and t.due for t in data.tasks):
        found.append(Gap("offer.promise", "care", _("Offer requested: add our promise to send it, with a date.")))
    if outcome_kind in (OFFER, FOLLOW_UP) and not (data.next_contact or data.appointments):
        found.append(Gap("next_contact", "care", _("Plan the next contact.")))
    if outcome_kind == NOT_REACHED and not data.next_contact:
        found.append(Gap("next_contact", "care", _("Not reached: when do you try again?")))
    found += _appointment_gaps(data)
    found += _task_gaps(data)
    if outcome_kind in TALKED_BUSINESS:
        found += _extended_gaps(data)
    return found


def _deal_gaps(data: WrapupData) -> list[Gap]:
    order = data.order
    found = []
    if order is None or not order.lines:
        found.append(Gap("order.lines", "minimal", _("Deal closed, but no order lines.")))
    if order is None or not order.has_delivery:
        found.append(Gap("order.delivery", "minimal", _("No delivery time agreed.")))
    if order is None or not order.has_payment_terms:
        found.append(Gap("order.payment", "minimal", _("No payment terms.")))
    if order is None or not order.confirmation_channel:
        found.append(Gap("order.confirmation", "minimal", _("How does the customer want the order confirmation?")))
    if data.care is None:
        found.append(Gap("care", "care", _("No thank-you planned (SMS, mail or call).")))
    return found


def _appointment_gaps(data: WrapupData) -> list[Gap]:
    found = []
    for number, appointment in enumerate(data.appointments, start=1):
        where = _("Appointment %(number)s") % {"number": number}
        if appointment.start is None:
            found.append(Gap(f"appointment.{number}.start", "minimal", _("%(where)s: no start.") % {"where": where}))
        if not appointment.duration_minutes:
            found.append(
                Gap(
                    f"appointment.{number}.duration", "minimal", _("%(where)s: no planned duration.") % {"where": where}
                )
            )
        if not appointment.location.strip():
            found.append(Gap(f"appointment.{number}.location", "minimal", _("%(where)s: no place.") % {"where": where}))
        if not appointment.participants:
            found.append(
                Gap(
                    f"appointment.{number}.participants", "minimal", _("%(where)s: no participants.") % {"where": where}
                )
            )
        for person in appointment.participants:
            label = {"where": where, "name": person.name}
            if not person.position.strip():
                found.append(
                    Gap(
                        f"appointment.{number}.position",
                        "minimal",
                        _("%(where)s: position of %(name)s missing.") % label,
                    )
                )
            if not person.extension.strip():
                found.append(
                    Gap(
                        f"appointment.{number}.extension",
                        "minimal",
                        _("%(where)s: direct extension of %(name)s missing.") % label,
                    )
                )
    return found


def _task_gaps(data: WrapupData) -> list[Gap]:
    return [
        Gap(f"task.{number}.due", "care", _("Promise “%(title)s” has no due date.") % {"title": task.title})
        for number, task in enumerate(data.tasks, start=1)
        if task.due is None
    ]


def _extended_gaps(data: WrapupData) -> list[Gap]:
    answered = {
        "wishes": bool(data.wishes),
        "budget": data.budget is not None,
        "referrals": bool(data.referrals),
        "personal": bool(data.personal_note.strip()),
    }
    questions = {
        "wishes": _("Asked about further purchase wishes?"),
        "budget": _("Asked when their budget is planned?"),
        "referrals": _("Asked for referrals?"),
        "personal": _("Anything personal worth noting?"),
    }
    return [
        Gap(f"extended.{key}", "extended", questions[key])
        for key in EXTENDED_QUESTIONS
        if not answered[key] and key not in data.asked_nothing
    ]
