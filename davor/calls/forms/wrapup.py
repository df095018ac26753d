"""The wrap-up screen's forms as one unit: bind, validate, turn into WrapupData and back."""

from django import forms
from django.utils import timezone

from davor.calls.forms.fields import (
    AppointmentForm,
    CallForm,
    ExtendedForm,
    LineForm,
    NewContactForm,
    OrderForm,
    ParticipantForm,
    ReferralForm,
    TaskForm,
    WishForm,
)
from davor.calls.validation import wrapup_errors
from davor.calls.wrapup import (
    EXTENDED_QUESTIONS,
    AppointmentData,
    BudgetData,
    CareData,
    LineData,
    NewContactData,
    OrderData,
    ParticipantData,
    ReferralData,
    TaskData,
    WishData,
    WrapupData,
)
from davor.customers.models import Customer

LineFormSet = forms.formset_factory(LineForm, extra=1)
AppointmentFormSet = forms.formset_factory(AppointmentForm, extra=0, can_delete=True)
ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=1)
NewContactFormSet = forms.formset_factory(NewContactForm, extra=0)
# A participant row added in the browser numbers itself with this, not with
# __prefix__, which a new appointment row (that holds it) replaces first.
PARTICIPANT_PLACEHOLDER = "__p__"
TaskFormSet = forms.formset_factory(TaskForm, extra=1, can_delete=True)
WishFormSet = forms.formset_factory(WishForm, extra=1, can_delete=True)
ReferralFormSet = forms.formset_factory(ReferralForm, extra=1, can_delete=True)


class WrapupForms:
    """All parts of one wrap-up. ``initial`` (a WrapupData) fills the form for a revision."""

    def __init__(self, data=None, *, customer: Customer, initial: WrapupData | None = None):
        self.customer = customer
        bound = data is not None
        if initial is None:
            now = timezone.localtime().replace(second=0, microsecond=0)
            initial = WrapupData(outcome_id=0, started_at=now)
        self.initial_data = initial
        self.call = CallForm(data, customer=customer, initial=_call_initial(initial))
        self.order = OrderForm(data, prefix="order", initial=_order_initial(initial.order))
        self.lines = LineFormSet(data, prefix="lines", initial=None if bound else _lines_initial(initial.order))
        self.appointments = AppointmentFormSet(
            data,
            prefix="appointments",
            initial=None
            if bound
            else [
                _fields(a, "id", "version", "start", "duration_minutes", "location", "title")
                for a in initial.appointments
            ],
        )
        count = int(data.get("appointments-TOTAL_FORMS", 0) or 0) if bound else len(initial.appointments)
        self.participants = [
            ParticipantFormSet(
                data,
                prefix=f"appointments-{index}-participants",
                initial=None
                if bound
                else [_fields(p, "name", "position", "extension") for p in initial.appointments[index].participants],
            )
            for index in range(min(count, 20))
        ]
        self.new_contacts = NewContactFormSet(
            data, prefix="new_contacts", initial=None if bound else [vars(p) for p in initial.new_contacts]
        )
        self.empty_participants = ParticipantFormSet(prefix="appointments-__prefix__-participants")
        self.tasks = TaskFormSet(
            data,
            prefix="tasks",
            initial=None if bound else [_fields(t, "id", "kind", "title", "due") for t in initial.tasks],
        )
        self.wishes = WishFormSet(
            data,
            prefix="wishes",
            initial=None
            if bound
            else [_fields(w, "id", "version", "description", "horizon", "estimated_value") for w in initial.wishes],
        )
        self.referrals = ReferralFormSet(
            data,
            prefix="referrals",
            initial=None
            if bound
            else [_fields(r, "id", "company", "name", "position", "phone", "email", "note") for r in initial.referrals],
        )
        self.extended = ExtendedForm(data, prefix="more", initial=_extended_initial(initial))
        self._data: WrapupData | None = None
        self._valid: bool | None = None

    @property
    def appointment_rows(self):
        return [
            (form, participants, _placeholder_form(participants))
            for form, participants in zip(self.appointments.forms, self.participants, strict=False)
        ]

    @property
    def empty_participant(self):
        return _placeholder_form(self.empty_participants)

    def field_id(self, path: str) -> str:
        """The HTML id of the field a completeness gap's ``path`` names ("" if there is none on the screen)."""
        head, _sep, rest = path.partition(".")
        if head == "order":
            return self.order[rest].auto_id
        if head in ("care", "budget") or not rest:
            name = {"care": "care_", "budget": ""}.get(head, "") + (rest or head)
            return self.extended[name].auto_id if name in self.extended.fields else ""
        formset = {"lines": self.lines, "tasks": self.tasks, "wishes": self.wishes, "referrals": self.referrals}.get(
            head
        )
        if head == "appointments":
            index, _sep, inner = rest.partition(".")
            forms_ = _live_forms(self.appointments)
            if not index.isdigit() or int(index) >= len(forms_):
                return ""
            form = forms_[int(index)]
            if inner.startswith("participants."):
                participants = self.participants[self.appointments.forms.index(form)]
                return _row_field(participants, inner.removeprefix("participants."))
            return form[inner].auto_id
        return _row_field(formset, rest) if formset is not None else ""

    def _parts(self):
        return [
            self.call,
            self.order,
            self.lines,
            self.appointments,
            *self.participants,
            self.tasks,
            self.wishes,
            self.referrals,
            self.new_contacts,
            self.extended,
        ]

    def is_valid(self) -> bool:
        if self._valid is None:
            self._valid = self._validate()
        return self._valid

    def _validate(self) -> bool:
        # A list, not a generator: every part is validated so every error shows at once.
        if not all([part.is_valid() for part in self._parts()]):
            return False
        self._data = self.to_data()
        errors = wrapup_errors(self._data)
        for key, messages in errors.items():
            self._add_error(key, messages)
        return not errors

    def _add_error(self, key: str, messages: list[str]) -> None:
        prefix, _sep, field = key.partition("-")
        formsets: dict[str, forms.BaseFormSet] = {
            "appointments": self.appointments,
            "referrals": self.referrals,
            "tasks": self.tasks,
            "wishes": self.wishes,
            "lines": self.lines,
            "new_contacts": self.new_contacts,
        }
        if prefix == "order":
            self.order.add_error(field, messages)
        elif prefix == "budget":
            self.extended.add_error(field, messages)
        elif prefix in formsets:
            index, _sep, name = field.partition("-")
            live = [form for form in formsets[prefix].forms if _is_live(form)]
            live[int(index)].add_error(name, messages)
        else:
            self.call.add_error(None, messages)

    def to_data(self) -> WrapupData:
        """The WrapupData the bound forms describe; lenient: fields that failed validation count as empty."""
        call = self.call.cleaned_data if hasattr(self.call, "cleaned_data") else {}
        more = self.extended.cleaned_data if hasattr(self.extended, "cleaned_data") else {}
        order = self._order()
        budget = None
        if more.get("planning_month") or more.get("expected_amount") or more.get("fiscal_year_start_month"):
            budget = BudgetData(
                planning_month=more.get("planning_month"),
                fiscal_year_start_month=more.get("fiscal_year_start_month"),
                expected_amount=more.get("expected_amount"),
            )
        outcome = call.get("outcome")
        return WrapupData(
            outcome_id=outcome.pk if outcome else 0,
            started_at=call.get("started_at") or timezone.now(),
            direction=call.get("direction") or "out",
            duration_minutes=call.get("duration_minutes"),
            contact_ids=[contact.pk for contact in call.get("contacts") or []],
            new_contacts=[
                NewContactData(
                    **{k: c.get(k) or "" for k in ("name", "position", "extension", "phone", "email")},
                    spoke_with=bool(c.get("spoke_with")),
                )
                for c in _live_rows(self.new_contacts)
                if c.get("name")
            ],
            note=call.get("note", ""),
            personal_note=more.get("personal_note", ""),
            order=order,
            appointments=self._appointments(),
            tasks=[
                TaskData(kind=c["kind"], title=c["title"], due=c.get("due"), id=c.get("id"))
                for c in _live_rows(self.tasks)
                if c.get("kind") and c.get("title")
            ],
            wishes=[
                WishData(
                    c["description"],
                    c.get("horizon"),
                    c.get("estimated_value"),
                    id=c.get("id"),
                    version=c.get("version"),
                )
                for c in _live_rows(self.wishes)
                if c.get("description")
            ],
            budget=budget,
            referrals=[
                ReferralData(
                    **{k: c.get(k) or "" for k in ("company", "name", "position", "phone", "email", "note")},
                    id=c.get("id"),
                )
                for c in _live_rows(self.referrals)
            ],
            care=CareData(more["care_channel"], more.get("care_due")) if more.get("care_channel") else None,
            next_contact=more.get("next_contact"),
            asked_nothing={key for key in EXTENDED_QUESTIONS if more.get(f"nothing_{key}")},
        )

    @property
    def data(self) -> WrapupData:
        assert self._data is not None, "call is_valid() first"
        return self._data

    def _order(self) -> OrderData:
        terms = self.order.cleaned_data if hasattr(self.order, "cleaned_data") else {}
        lines = [
            LineData(
                c["description"], c["quantity"], c.get("unit") or "", c.get("unit_price"), c.get("discount_percent")
            )
            for c in _live_rows(self.lines)
            if c.get("description") and c.get("quantity")
        ]
        text = {
            name: terms.get(name) or ""
            for name in ("delivery_note", "shipping", "shipping_place", "conditions", "confirmation_channel")
        }
        return OrderData(
            lines=lines,
            delivery_earliest=terms.get("delivery_earliest"),
            delivery_latest=terms.get("delivery_latest"),
            payment_net_days=terms.get("payment_net_days"),
            skonto_percent=terms.get("skonto_percent"),
            skonto_days=terms.get("skonto_days"),
            discount_percent=terms.get("discount_percent"),
            **text,
            prepayment=bool(terms.get("prepayment")),
            confirmation_copies=terms.get("confirmation_copies") or 1,
        )

    def _appointments(self) -> list[AppointmentData]:
        result = []
        for form, participants in zip(self.appointments.forms, self.participants, strict=False):
            if not _is_live(form):
                continue
            c = getattr(form, "cleaned_data", {})
            people = [
                ParticipantData(p["name"], p.get("position") or "", p.get("extension") or "")
                for p in _live_rows(participants)
                if p.get("name")
            ]
            result.append(
                AppointmentData(
                    start=c.get("start"),
                    duration_minutes=c.get("duration_minutes"),
                    location=c.get("location") or "",
                    title=c.get("title") or "",
                    participants=people,
                    id=c.get("id"),
                    version=c.get("version"),
                )
            )
        return result


def _is_live(form) -> bool:
    """A row that counts: changed by the user and not marked for removal."""
    if not form.has_changed():
        return False
    return not (form.is_bound and form.data.get(form.add_prefix("DELETE")) in ("on", "true", "1"))


def _live_forms(formset) -> list:
    return [form for form in formset.forms if _is_live(form)]


def _live_rows(formset) -> list[dict]:
    return [getattr(form, "cleaned_data", {}) for form in _live_forms(formset)]


def _row_field(formset, path: str) -> str:
    """``0.name`` (the first row that counts) or ``new.name`` (the first blank row) of a formset, as an HTML id."""
    index, _sep, name = path.partition(".")
    if index == "new":
        rows = [form for form in formset.forms if not _is_live(form)]
    else:
        live = _live_forms(formset)
        rows = live[int(index) :][:1] if index.isdigit() else []
    return rows[0][name].auto_id if rows and name in rows[0].fields else ""


def _placeholder_form(participants):
    """An empty participant row for the browser to add, numbered with PARTICIPANT_PLACEHOLDER."""
    return participants.form(
        auto_id=participants.auto_id,
        prefix=participants.add_prefix(PARTICIPANT_PLACEHOLDER),
        empty_permitted=True,
        use_required_attribute=False,
        renderer=participants.renderer,
    )


def _fields(obj, *names) -> dict:
    return {name: getattr(obj, name) for name in names}


def _call_initial(data: WrapupData) -> dict:
    return {
        "outcome": data.outcome_id or None,
        "started_at": timezone.localtime(data.started_at),
        "direction": data.direction,
        "duration_minutes": data.duration_minutes,
        "contacts": data.contact_ids,
        "note": data.note,
    }


def _order_initial(order: OrderData | None) -> dict:
    if order is None:
        return {}
    return {name: value for name, value in vars(order).items() if name != "lines"}


def _lines_initial(order: OrderData | None) -> list[dict]:
    return [vars(line) for line in order.lines] if order else []


def _extended_initial(data: WrapupData) -> dict:
    initial: dict[str, object] = {"personal_note": data.personal_note, "next_contact": data.next_contact}
    if data.budget:
        initial |= {
            "planning_month": data.budget.planning_month,
            "fiscal_year_start_month": data.budget.fiscal_year_start_month,
            "expected_amount": data.budget.expected_amount,
        }
    if data.care:
        initial |= {"care_channel": data.care.channel, "care_due": data.care.due}
    initial |= {f"nothing_{key}": key in data.asked_nothing for key in EXTENDED_QUESTIONS}
    return initial
