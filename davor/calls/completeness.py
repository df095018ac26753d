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
    # Where in the wrap-up the gap is filled, as a path into WrapupData
    # ("order.payment_net_days", "appointments.0.participants.1.extension";
    # "new" for a row still to be added): the screen links and jumps to it.
    field: str = ""


def gaps(data: WrapupData, outcome_kind: str) -> list[Gap]:
    found: list[Gap] = []
    if outcome_kind == DEAL:
        found += _deal_gaps(data)
    if outcome_kind == OFFER and not any(t.kind == "our_promise" and t.due for t in data.tasks):
        found.append(
            Gap(
                "offer.promise",
                "care",
                _("Offer requested: add our promise to send it, with a date."),
                "tasks.new.title",
            )
        )
    if outcome_kind in (OFFER, FOLLOW_UP) and not (data.next_contact or data.appointments):
        found.append(Gap("next_contact", "care", _("Plan the next contact."), "next_contact"))
    if outcome_kind == NOT_REACHED and not data.next_contact:
        found.append(Gap("next_contact", "care", _("Not reached: when do you try again?"), "next_contact"))
    found += _appointment_gaps(data)
    found += _task_gaps(data)
    if outcome_kind in TALKED_BUSINESS:
        found += _extended_gaps(data)
    return found


def _deal_gaps(data: WrapupData) -> list[Gap]:
    order = data.order
    found = []
    if order is None or not order.lines:
        found.append(Gap("order.lines", "minimal", _("Deal closed, but no order lines."), "lines.new.description"))
    if order is None or not order.has_delivery:
        found.append(Gap("order.delivery", "minimal", _("No delivery time agreed."), "order.delivery_note"))
    if order is None or not order.has_payment_terms:
        found.append(Gap("order.payment", "minimal", _("No payment terms."), "order.payment_net_days"))
    if order is None or not order.confirmation_channel:
        found.append(
            Gap(
                "order.confirmation",
                "minimal",
                _("How does the customer want the order confirmation?"),
                "order.confirmation_channel",
            )
        )
    if data.care is None:
        found.append(Gap("care", "care", _("No thank-you planned (SMS, mail or call)."), "care.channel"))
    return found


def _appointment_gaps(data: WrapupData) -> list[Gap]:
    found = []
    for index, appointment in enumerate(data.appointments):
        number, at = index + 1, f"appointments.{index}"
        where = {"where": _("Appointment %(number)s") % {"number": number}}
        if appointment.start is None:
            found.append(
                Gap(f"appointment.{number}.start", "minimal", _("%(where)s: no start.") % where, f"{at}.start")
            )
        if not appointment.duration_minutes:
            message = _("%(where)s: no planned duration.") % where
            found.append(Gap(f"appointment.{number}.duration", "minimal", message, f"{at}.duration_minutes"))
        if not appointment.location.strip():
            message = _("%(where)s: no place.") % where
            found.append(Gap(f"appointment.{number}.location", "minimal", message, f"{at}.location"))
        if not appointment.participants:
            message = _("%(where)s: no participants.") % where
            found.append(Gap(f"appointment.{number}.participants", "minimal", message, f"{at}.participants.new.name"))
        for person_index, person in enumerate(appointment.participants):
            label = where | {"name": person.name}
            person_at = f"{at}.participants.{person_index}"
            if not person.position.strip():
                message = _("%(where)s: position of %(name)s missing.") % label
                found.append(Gap(f"appointment.{number}.position", "minimal", message, f"{person_at}.position"))
            if not person.extension.strip():
                message = _("%(where)s: direct extension of %(name)s missing.") % label
                found.append(Gap(f"appointment.{number}.extension", "minimal", message, f"{person_at}.extension"))
    return found


def _task_gaps(data: WrapupData) -> list[Gap]:
    return [
        Gap(
            f"task.{index + 1}.due",
            "care",
            _("Promise “%(title)s” has no due date.") % {"title": task.title},
            f"tasks.{index}.due",
        )
        for index, task in enumerate(data.tasks)
        if task.due is None
    ]


# Where each extended question is answered on the screen.
EXTENDED_FIELDS = {
    "wishes": "wishes.new.description",
    "budget": "budget.planning_month",
    "referrals": "referrals.new.company",
    "personal": "personal_note",
}


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
        Gap(f"extended.{key}", "extended", questions[key], EXTENDED_FIELDS[key])
        for key in EXTENDED_QUESTIONS
        if not answered[key] and key not in data.asked_nothing
    ]
