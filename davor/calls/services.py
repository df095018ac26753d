"""The wrap-up: one transaction that turns what was agreed into rows.

``wrapup_submit`` records a new call; ``wrapup_update`` revises one. Both
write the call and everything it implies (order, appointments, promises,
care touch, next contact, purchase wishes, budget cycle, referral prospects)
or, when any rule is broken, nothing at all.
"""

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from davor.agenda.models import Appointment, Participant, Task
from davor.agenda.services.appointments import CHANGE_FIELDS as APPOINTMENT_FIELDS
from davor.agenda.titles import title_fields
from davor.agenda.workdays import next_working_day, working_day_on_or_before
from davor.calls.completeness import gaps
from davor.calls.history import Change, call_history
from davor.calls.models import Call, Outcome
from davor.calls.validation import validate_wrapup
from davor.calls.wrapup import AppointmentData, NewContactData, ReferralData, WrapupData
from davor.customers.models import Contact, Customer
from davor.customers.selectors import contact_match, customer_scope
from davor.customers.services import contact_create, customer_create
from davor.lib.locking import ChangedField, ChangedMeanwhile, version_claim
from davor.lib.names import split_name
from davor.lib.phones import parse_phone
from davor.orders.models import Order
from davor.orders.services import order_changed_meanwhile, order_save
from davor.pipeline.models import BudgetCycle, Opportunity, Referral
from davor.pipeline.services import OPPORTUNITY_FIELDS
from davor.users.models import User

DERIVED_TASKS = (Task.Kind.CARE, Task.Kind.FOLLOW_UP, Task.Kind.BUDGET_CALL, Task.Kind.REFERRAL_THANKS)
BUDGET_CALL_WEEKS = 4


@transaction.atomic
def wrapup_submit(*, user: User, customer: Customer, data: WrapupData) -> Call:
    call = Call(customer=customer, user=user)
    _write(call=call, data=data, user=user)
    return call


@transaction.atomic
def wrapup_update(
    *, user: User, call: Call, data: WrapupData, expected_version: int | None, expected_order_version: int | None = None
) -> Call:
    """Revise ``call``, if it is still at ``expected_version`` (the version the editor started from).

    A call saved by someone else in between raises ChangedMeanwhile with what
    they changed; nothing is written. ``expected_order_version`` (0: it had
    none) does the same for the call's order, which its own page and the API
    revise without the call. ``None`` skips the check (for scripts
    that mean to overwrite). The row lock (PostgreSQL) or the IMMEDIATE
    transaction (SQLite, which locks at BEGIN) makes check and write one step,
    so two concurrent saves of the same version cannot both pass.
    """
    current = Call.objects.select_for_update().values_list("version", flat=True).get(pk=call.pk)
    if expected_version is not None and current != expected_version:
        raise call_changed_meanwhile(call=call, expected=expected_version, current=current)
    if expected_order_version is not None:
        # The call's order may have been revised on its own (its page, the API) since the screen was read.
        order = Order.objects.select_for_update().filter(call=call).first()
        current_order = order.version if order else 0
        if current_order != expected_order_version:
            if order is None:
                raise ChangedMeanwhile(expected=expected_order_version, current=0, who=_("someone"), when=None)
            raise order_changed_meanwhile(order=order, expected=expected_order_version, current=current_order)
    _claim_rows(call, data)
    call.version = current
    _write(call=call, data=data, user=user)
    return call


def _claim_rows(call: Call, data: WrapupData) -> None:
    """Refuse the save if an appointment or purchase wish of the call was changed on its own since it was read."""
    for model, items, fields in (
        (Appointment, data.appointments, APPOINTMENT_FIELDS),
        (Opportunity, data.wishes, OPPORTUNITY_FIELDS),
    ):
        rows = model.objects.filter(call=call).in_bulk([item.id for item in items if item.id])
        for item in items:
            row = rows.get(item.id)
            if row is not None and item.version is not None:
                version_claim(row, expected=item.version, fields=fields)


def call_changed_meanwhile(*, call: Call, expected: int, current: int) -> ChangedMeanwhile:
    """Who saved the call after ``expected``, when, and what they changed (from the history)."""
    newer = call.history.filter(version__gt=expected).select_related("history_user").order_by("history_date")
    first, last = newer.first(), newer.last()
    if first is None or last is None:
        return ChangedMeanwhile(expected=expected, current=current, who=_("someone"), when=None)
    user = last.history_user
    changes = [
        ChangedField(what=entry.what, field=change.field, old=change.old, new=change.new)
        for entry in call_history(call)
        if entry.when >= first.history_date
        for change in entry.changes or [Change(entry.action, "", "")]
    ]
    who = (user.get_full_name() or user.username) if user else _("system")
    return ChangedMeanwhile(expected=expected, current=current, who=who, when=last.history_date, changes=changes)


def _write(*, call: Call, data: WrapupData, user: User) -> None:
    validate_wrapup(data)
    customer = call.customer
    outcome = Outcome.objects.get(pk=data.outcome_id)
    contacts = list(customer.contacts.filter(pk__in=data.contact_ids))
    if len(contacts) != len(set(data.contact_ids)):
        raise ValidationError({"contacts": [_("Choose contacts of this customer.")]})
    contacts += [c for c in _keep_new_contacts(customer, data.new_contacts) if c not in contacts]
    participants_resolve(customer=customer, appointments=data.appointments)
    missing = [gap.key for gap in gaps(data, outcome.kind)]
    call.outcome = outcome
    call.direction = data.direction
    call.started_at = data.started_at
    call.duration_minutes = data.duration_minutes
    call.note = data.note
    call.personal_note = data.personal_note
    call.asked_nothing = sorted(data.asked_nothing)
    call.missing = list(dict.fromkeys(missing))
    call.is_complete = not missing
    call.version = (call.version or 0) + 1 if call.pk else 1
    call._history_user = user  # type: ignore[attr-defined]  # the history names who saved, also from the CLI
    call.save()
    call.contacts.set(contacts)
    call_day = timezone.localtime(data.started_at).date()
    first_contact = contacts[0] if contacts else None

    existing_order = Order.objects.filter(call=call).first()
    if data.order is not None and not data.order.is_empty:
        order_save(
            order=existing_order,
            customer=customer,
            user=user,
            ordered_on=call_day,
            call_id=call.pk,
            terms=data.order,
            lines=data.order.lines,
        )
    elif existing_order is not None:
        existing_order.delete()

    _sync_appointments(call, data.appointments, user)
    _sync(
        call.tasks.exclude(kind__in=DERIVED_TASKS),
        data.tasks,
        lambda task, item: _save_task(
            task,
            call=call,
            user=user,
            kind=item.kind,
            title=item.title,
            due=item.due,
            channel=item.channel,
            contact_id=item.contact_id or (first_contact.pk if first_contact else None),
        ),
    )
    _sync(
        call.opportunities.all(),
        data.wishes,
        lambda wish, item: _save_row(
            wish or Opportunity(customer=customer, call=call, owner=user),
            description=item.description,
            horizon=item.horizon,
            estimated_value=item.estimated_value,
        ),
    )
    _sync_budget(call, data, user, call_day)
    referrals = _sync(
        call.referrals.select_related("prospect"),
        data.referrals,
        lambda referral, item: _save_referral(referral, item, call=call, user=user, referring_contact=first_contact),
    )
    _sync_derived(call, user, first_contact, data, call_day, referrals)
    if outcome.kind == Outcome.Kind.DEAL and customer.status == Customer.Status.PROSPECT:
        customer.status = Customer.Status.CUSTOMER
        customer.save(update_fields=["status", "updated_at"])


def _sync[T: models.Model](queryset: Iterable[T], items: list[Any], save: Callable[[T | None, Any], T]) -> list[T]:
    """Make the rows of ``queryset`` match ``items``: update by id, create the new, delete the rest."""
    existing = {row.pk: row for row in queryset}
    kept = [save(existing.pop(item.id, None) if getattr(item, "id", None) else None, item) for item in items]
    for row in existing.values():
        row.delete()
    return kept


def _save_row[T: models.Model](row: T, **fields: Any) -> T:
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, fields[name])
    if row.pk is None:
        row.full_clean()
        row.save()
    elif changed:
        if hasattr(row, "version"):  # revised elsewhere too (its page, the API): each change counts
            row.version += 1
            changed.append("version")
        row.full_clean()
        row.save(update_fields=changed)
    return row


def _save_task(task: Task | None, *, call: Call, user: User, **fields: Any) -> Task:
    return _save_row(task or Task(customer=call.customer, call=call, owner=user), **fields)


def _sync_appointments(call: Call, items: list[AppointmentData], user: User) -> None:
    def save(appointment: Appointment | None, item: AppointmentData) -> Appointment:
        is_new = appointment is None
        appointment = appointment or Appointment(customer=call.customer, call=call, owner=user)
        moved = not is_new and (appointment.start, appointment.duration_minutes, appointment.location) != (
            item.start,
            item.duration_minutes,
            item.location,
        )
        version_before = appointment.version
        # Calendars take a change only with a higher SEQUENCE.
        sequence = appointment.sequence + 1 if moved else appointment.sequence
        _save_row(
            appointment,
            start=item.start,
            duration_minutes=item.duration_minutes,
            location=item.location,
            title=item.title,
            sequence=sequence,
        )
        current = [(p.name, p.position, p.extension, p.contact_id) for p in appointment.participants.all()]
        wanted = [_participant_row(call.customer, person) for person in item.participants]
        if current != wanted:
            if not is_new and appointment.version == version_before:
                appointment.version += 1
                appointment.save(update_fields=["version"])
            appointment.participants.all().delete()
            for name, position, extension, contact_id in wanted:
                Participant.objects.create(
                    appointment=appointment, name=name, position=position, extension=extension, contact_id=contact_id
                )
        return appointment

    _sync(call.appointments.all(), items, save)


def _keep_new_contacts(customer: Customer, people: list[NewContactData]) -> list[Contact]:
    """The people the note named with details, as contacts (a known name is not kept twice); those spoken with."""
    spoken = []
    for person in people:
        contact = _contact_by_name(customer, person.name) or _contact_named(
            customer,
            person.name,
            position=person.position.strip(),
            extension=person.extension.strip(),
            phone=parse_phone(person.phone).e164 if person.phone.strip() else "",
            email=person.email.strip(),
        )
        if person.spoke_with:
            spoken.append(contact)
    return spoken


def _contact_named(customer: Customer, name: str, **fields: str) -> Contact:
    """A new contact of ``customer`` from a name as written ("Dr. Petra Wolf"), with ``fields``."""
    salutation, title, first_name, last_name = split_name(name)
    return contact_create(
        customer=customer,
        salutation=salutation,
        title=title,
        first_name=first_name,
        last_name=last_name or name,
        **fields,
    )


def _participant_row(customer: Customer, person) -> tuple[str, str, str, int | None]:
    """A participant as of that day, linked to the contact it is (found or newly kept)."""
    contact = None
    if person.contact_id:
        contact = customer.contacts.filter(pk=person.contact_id).first()
    if contact is None:
        contact = _contact_by_name(customer, person.name)
    if contact is None and (person.position or person.extension):
        contact = _contact_named(customer, person.name, position=person.position, extension=person.extension)
    return person.name.strip(), person.position.strip(), person.extension.strip(), contact.pk if contact else None


def participants_resolve(*, customer: Customer, appointments: list[AppointmentData]) -> None:
    """Link participants to the customer's contacts by name; a known contact fills in what was left blank.

    Runs before the completeness check, so that a participant whose extension
    is on record does not count as missing one.
    """
    for appointment in appointments:
        for person in appointment.participants:
            contact = (
                customer.contacts.filter(pk=person.contact_id).first() if person.contact_id else None
            ) or _contact_by_name(customer, person.name)
            if contact is None:
                continue
            person.contact_id = contact.pk
            person.position = person.position.strip() or contact.position
            person.extension = person.extension.strip() or contact.extension


def _contact_by_name(customer: Customer, name: str) -> Contact | None:
    return contact_match(list(customer.contacts.all()), name)


def _sync_budget(call: Call, data: WrapupData, user: User, call_day: date) -> None:
    if data.budget is None:
        return
    cycle = BudgetCycle.objects.filter(customer=call.customer).first() or BudgetCycle(customer=call.customer)
    budget = data.budget
    _save_row(
        cycle,
        call=call,
        planning_month=budget.planning_month,
        fiscal_year_start_month=budget.fiscal_year_start_month,
        expected_amount=budget.expected_amount,
        currency=budget.currency or "EUR",
        note=budget.note,
    )


def budget_call_due(planning_month: int, after: date) -> date:
    """The day to call: BUDGET_CALL_WEEKS before the next planning month starts, on a working day."""
    year = after.year
    while True:
        due = working_day_on_or_before(date(year, planning_month, 1) - timedelta(weeks=BUDGET_CALL_WEEKS))
        if due > after:
            return due
        year += 1


def _save_referral(
    referral: Referral | None, item: ReferralData, *, call: Call, user: User, referring_contact: Contact | None
) -> Referral:
    if referral is not None:
        return _save_row(referral, note=item.note)
    company = item.company.strip() or item.name.strip()
    # A company the seller already has is linked, not created twice.
    prospect = Customer.objects.filter(customer_scope(user), name__iexact=company).first() or customer_create(
        owner=user,
        name=company,
        status=Customer.Status.PROSPECT,
        notes=_("Recommended by %(customer)s.") % {"customer": call.customer.name},
    )
    prospect_contact = contact_match(list(prospect.contacts.all()), item.name) if item.name.strip() else None
    if item.name.strip() and prospect_contact is None:
        salutation, title, first_name, last_name = split_name(item.name)
        phone = parse_phone(item.phone) if item.phone.strip() else None
        prospect_contact = contact_create(
            customer=prospect,
            salutation=salutation,
            title=title,
            first_name=first_name,
            last_name=last_name or item.name.strip(),
            position=item.position.strip(),
            phone=phone.e164 if phone else "",
            extension=phone.extension if phone else "",
            email=item.email.strip(),
        )
    return _save_row(
        Referral(
            referring_customer=call.customer,
            referring_contact=referring_contact,
            prospect=prospect,
            prospect_contact=prospect_contact,
            call=call,
        ),
        note=item.note,
    )


def _sync_derived(
    call: Call, user: User, contact: Contact | None, data: WrapupData, call_day: date, referrals: list[Referral]
) -> None:
    """The tasks a wrap-up implies: care touch, next contact, budget call, referral thanks."""
    wanted: dict[str, dict[str, Any]] = {}
    whom = {"whom": contact.full_name if contact else call.customer.name}
    if data.care is not None:
        wanted[Task.Kind.CARE] = {
            **title_fields("care", **whom, channel=data.care.channel),
            "due": data.care.due,
            "channel": data.care.channel,
        }
    if data.next_contact is not None:
        wanted[Task.Kind.FOLLOW_UP] = {
            **title_fields("call_again", **whom),
            "due": data.next_contact,
            "channel": "phone",
        }
    if data.budget is not None and data.budget.planning_month:
        wanted[Task.Kind.BUDGET_CALL] = {
            **title_fields("budget_call", **whom),
            "due": budget_call_due(data.budget.planning_month, call_day),
            "channel": "phone",
        }
    if referrals:
        names = ", ".join(referral.prospect.name for referral in referrals)
        wanted[Task.Kind.REFERRAL_THANKS] = {
            **title_fields("referral_thanks", names=names),
            "due": next_working_day(call_day),
            "channel": "",
        }
    for task in call.tasks.filter(kind__in=DERIVED_TASKS):
        fields = wanted.pop(task.kind, None)
        if fields is not None:
            _save_row(task, **fields)
        elif task.done_at is None:
            task.delete()
    for kind, fields in wanted.items():
        _save_task(None, call=call, user=user, kind=kind, contact_id=contact.pk if contact else None, **fields)
