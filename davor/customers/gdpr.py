"""The GDPR for one person (a contact): what Davor holds about them, and erasing it.

The person's data lives in their contact row and its history, in appointment
participants, and in free text anywhere (call notes, task titles, referral
notes, the recipients of sent confirmations). Erasure anonymises the contact,
writes "(gelöscht)" over every mention of the person's name, e-mail and
numbers in every text field of Davor's tables (their history included), and
asks the sellers to review the calls that mentioned them, because a note may
still describe the person in other words. The audit log keeps only ids and counts.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from davor.lib.phones import InvalidPhoneNumber, format_phone, parse_phone
from davor.users.audit import audit_record
from davor.users.models import AuditEvent, User

ERASED = "(gelöscht)"
# Apps whose rows are about sellers, not customers' people: never searched.
SKIP_APPS = {"users"}
CONTACT_PERSONAL_FIELDS = [
    "salutation", "title", "first_name", "position", "department", "phone", "extension", "mobile", "email",
    "fax", "preferred_channel", "personal_notes", "consent_email_source", "consent_sms_source",
    "consent_phone_source",
]  # fmt: skip


def personal_terms(contact) -> list[str]:
    """What identifies the person in free text: their full name (with salutation), e-mail and numbers."""
    names = {
        f"{contact.first_name} {contact.last_name}",
        contact.full_name,
        *(
            f"{s} {contact.last_name}"
            for s in ({"Herr": ("Herr", "Hr."), "Frau": ("Frau", "Fr.")}.get(contact.salutation, ()))
        ),
    }
    numbers = {
        n for number in (contact.phone, contact.mobile, contact.fax) if number for n in (number, format_phone(number))
    }
    terms = {" ".join(term.split()) for term in (*names, contact.email, *numbers)}
    # A bare last name is left out on purpose: it is often the company's name too ("Kessler GmbH").
    return sorted(
        (t for t in terms if (len(t) >= 5 and " " in t) or "@" in t or t.startswith("+")), key=len, reverse=True
    )


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices and not f.primary_key
    ]


def _searched_models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("davor.") and config.label not in SKIP_APPS
        for model in config.get_models()
    ]


def person_mentions(terms: list[str]) -> list[tuple[models.Model, str]]:
    """Every (row, field) of Davor's tables whose text holds one of ``terms``."""
    found: list[tuple[models.Model, str]] = []
    for model in _searched_models():
        for name in _text_fields(model):
            query = Q()
            for term in terms:
                query |= Q(**{f"{name}__icontains": term})
            if terms:
                found.extend((row, name) for row in model._default_manager.filter(query))
    return found


def contact_personal_data(*, contact) -> dict[str, Any]:
    """Everything Davor holds about this person, as plain data (the JSON export and the readable page)."""
    from davor.customers.exports import CONTACT_JSON_FIELDS

    customer = contact.customer
    calls = contact.calls.select_related("outcome").order_by("-started_at")
    mentions = [
        {
            "what": _model_label(row),
            "id": getattr(row, "id", row.pk),
            "field": str(capfirst(getattr(row._meta.get_field(field), "verbose_name", field))),
            "text": getattr(row, field),
        }
        for row, field in person_mentions(personal_terms(contact))
        if not (row._meta.model_name in ("contact", "historicalcontact") and getattr(row, "id", None) == contact.pk)
    ]
    return {
        "person": {name: getattr(contact, name) for name in CONTACT_JSON_FIELDS},
        "company": {"number": customer.number, "name": customer.name, "city": customer.city},
        "consent": {
            channel: {
                "given": getattr(contact, f"consent_{channel}"),
                "date": getattr(contact, f"consent_{channel}_date"),
                "source": getattr(contact, f"consent_{channel}_source"),
            }
            for channel in ("email", "sms", "phone")
        },
        "calls": [
            {
                "at": call.started_at,
                "outcome": str(call.outcome),
                "note": call.note,
                "personal_note": call.personal_note,
            }
            for call in calls
        ],
        "appointments": [
            {
                "start": p.appointment.start,
                "place": p.appointment.location,
                "name": p.name,
                "position": p.position,
                "extension": p.extension,
            }
            for p in contact.participations.select_related("appointment").order_by("appointment__start")
        ],
        "tasks": [{"title": t.heading, "due": t.due, "done": t.done_at} for t in contact.tasks.all()],
        "referrals": [{"prospect": r.prospect.name, "note": r.note} for r in contact.referrals_given.all()],
        "mentions": mentions,
        "history": [
            {"at": h.history_date, "type": h.history_type, "by": str(h.history_user or "")}
            for h in contact.history.order_by("history_date")
        ],
        "exported_at": timezone.now(),
    }


def _model_label(row: models.Model) -> str:
    """ "Task", or "Task (earlier version)" for a row of the change history."""
    instance = getattr(row, "instance_type", None)
    if instance is not None:
        return _("%(what)s (earlier version)") % {"what": capfirst(instance._meta.verbose_name)}
    return str(capfirst(row._meta.verbose_name))


@dataclass
class ReadablePersonalData:
    """The export as a person reads it: labels in their language, values as the screens show them."""

    person: list[tuple[str, str]]
    consent: list[tuple[str, str]]


def personal_data_readable(*, contact, data: dict[str, Any]) -> ReadablePersonalData:
    from davor.customers.models import Channel

    def shown(name: str, value: Any) -> str:
        field = contact._meta.get_field(name)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        return str(value)

    person = [
        (str(capfirst(contact._meta.get_field(name).verbose_name)), shown(name, value))
        for name, value in data["person"].items()
        if not name.startswith("consent_") and value not in ("", None)
    ]
    consent = []
    for channel, given in data["consent"].items():
        parts = [str(_("yes")) if given["given"] else str(_("no"))]
        if given["given"] and given["date"]:
            parts.append(formats.date_format(given["date"], "SHORT_DATE_FORMAT"))
        if given["given"] and given["source"]:
            parts.append(given["source"])
        consent.append((str(Channel(channel).label), ", ".join(parts)))
    return ReadablePersonalData(person=person, consent=consent)


@transaction.atomic
def contact_data_export(*, user: User, contact, request=None) -> dict[str, Any]:
    data = contact_personal_data(contact=contact)
    audit_record(
        action=AuditEvent.Action.PERSONAL_DATA_EXPORT, user=user, request=request, object_type="contact",
        object_id=contact.pk,
    )  # fmt: skip
    return data


@dataclass
class Erasure:
    fields_redacted: int
    calls_to_review: int


def _redact(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(ERASED, text)


def _erase_traces(contact) -> None:
    """What text search cannot find: PDFs that greet the person, raw numbers, touches still to make.

    The stored confirmation PDFs addressed to the person are removed (the
    sending stays on record: channel, when, by whom); phone system records
    of their calls lose the number; open care touches, thank-yous, follow-up
    and budget calls to the person are removed, since nobody may contact them
    now. Promises (ours and the customer's) stay, without the person.
    """
    from davor.agenda.models import Task
    from davor.orders.models import ConfirmationSending
    from davor.telephony.models import PhoneCall

    ConfirmationSending.objects.filter(contact=contact).update(document=None)
    numbers = {_e164(n) for n in (contact.phone, contact.mobile, contact.fax) if n} - {""}
    # Their calls, and the customer's calls from or to one of their numbers in whatever form the phone system sent.
    phone_calls = PhoneCall.objects.filter(Q(contact=contact) | Q(customer=contact.customer_id, contact=None))
    ids = [
        pk
        for pk, number, contact_id in phone_calls.exclude(number="").values_list("pk", "number", "contact_id")
        if contact_id == contact.pk or _e164(number) in numbers
    ]
    PhoneCall.objects.filter(pk__in=ids).update(number="")
    touches = (Task.Kind.CARE, Task.Kind.REFERRAL_THANKS, Task.Kind.FOLLOW_UP, Task.Kind.BUDGET_CALL)
    open_tasks = Task.objects.filter(contact=contact, done_at__isnull=True)
    open_tasks.filter(kind__in=touches).delete()
    open_tasks.update(contact=None)


def _redact_title_values(contact, pattern: re.Pattern[str]) -> int:
    """The names inside titles Davor wrote (kept as values to show in each reader's language)."""
    from davor.agenda.models import Task

    redacted = 0
    for model in (Task, Task.history.model):
        for row in model._default_manager.filter(customer=contact.customer_id).exclude(title_key=""):
            params = {k: _redact(v, pattern) if isinstance(v, str) else v for k, v in row.title_params.items()}
            if params != row.title_params:
                model._default_manager.filter(pk=row.pk).update(title_params=params)
                redacted += 1
    return redacted


def _confirmations_still_current(contact) -> list:
    """The confirmations sent to the person that still say what their order says (before erasure)."""
    from davor.orders.document import fingerprint
    from davor.orders.models import Confirmation

    sent = Confirmation.objects.filter(sendings__contact=contact).distinct().select_related("order")
    return [c for c in sent if c.fingerprint == fingerprint(c.order, contact)]


def _keep_confirmations_current(contact, confirmations: list) -> None:
    """Erasing the addressee changes no order: what was current stays current, not "changed since"."""
    from davor.orders.document import fingerprint

    for confirmation in confirmations:
        confirmation.fingerprint = fingerprint(confirmation.order, contact)
        confirmation.save(update_fields=["fingerprint"])


def _e164(number: str) -> str:
    try:
        return parse_phone(number).e164
    except InvalidPhoneNumber:
        return ""


@transaction.atomic
def contact_erase(*, user: User, contact, request=None) -> Erasure:
    """Anonymise the person everywhere; flag the calls that mentioned them for a seller's review."""
    from davor.agenda.models import Task
    from davor.agenda.titles import title_fields
    from davor.search.backends import forget_name_words

    terms = personal_terms(contact)
    old_name = f"{contact.first_name} {contact.last_name}"
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    call_ids = set(contact.calls.values_list("pk", flat=True))
    contact.participations.update(name=ERASED, position="", extension="")
    current_confirmations = _confirmations_still_current(contact)
    _erase_traces(contact)
    redacted = 0
    for row, field in person_mentions(terms) if pattern is not None else []:
        assert pattern is not None
        if row._meta.model_name == "call":
            call_ids.add(row.pk)
        type(row)._default_manager.filter(pk=row.pk).update(**{field: _redact(getattr(row, field), pattern)})
        redacted += 1
    if pattern is not None:
        redacted += _redact_title_values(contact, pattern)
    for name in CONTACT_PERSONAL_FIELDS:
        setattr(contact, name, "")
    for channel in ("email", "sms", "phone"):
        setattr(contact, f"consent_{channel}", False)
        setattr(contact, f"consent_{channel}_date", None)
    contact.last_name, contact.is_active = ERASED, False
    contact.skip_history_when_saving = True
    contact.save()
    del contact.skip_history_when_saving
    contact.history.all().delete()  # the old versions hold everything that was just erased
    forget_name_words(old_name)  # and the search's table of name words (PostgreSQL)
    _keep_confirmations_current(contact, current_confirmations)
    calls = apps.get_model("calls", "Call").objects.filter(pk__in=call_ids).select_related("user", "customer")
    for call in calls:
        title = title_fields(
            "erased_review", language=call.user.language or "de", date=timezone.localtime(call.started_at).date()
        )
        Task.objects.create(
            customer=call.customer, call=call, owner=call.user, kind=Task.Kind.REVIEW, due=timezone.localdate(),
            **title,
        )  # fmt: skip
    details = {"fields_redacted": redacted, "calls_to_review": len(call_ids)}
    audit_record(
        action=AuditEvent.Action.ERASURE, user=user, request=request, object_type="contact", object_id=contact.pk,
        details=details,
    )  # fmt: skip
    return Erasure(fields_redacted=redacted, calls_to_review=len(call_ids))
