"""The wrap-up screen: one URL per action.

``record`` (a new call of a customer) and ``edit`` (a revision) each answer
at four addresses: the screen itself, which shows it (GET) and saves it
(POST), and ``suggest`` (what the note says, highlighted), ``accept`` (take
the note's facts into the form, filling only what is empty) and ``check``
(the completeness panel), which only ever read what is posted. Nothing a
later POST does depends on the address an earlier one was sent to: the
form's ``action`` is always the save address, and the hung-up phone call a
new wrap-up is for rides in a hidden field.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from davor.calls.capture import capture_note, wrapup_merge
from davor.calls.completeness import gaps
from davor.calls.forms import WrapupForms
from davor.calls.history import call_history
from davor.calls.models import Call, Outcome
from davor.calls.selectors import call_get_for_user, wrapup_data_from_call
from davor.calls.services import participants_resolve, wrapup_submit, wrapup_update
from davor.calls.wrapup import WrapupData
from davor.customers.models import Customer
from davor.customers.selectors import customer_get_for_user
from davor.lib.locking import ChangedMeanwhile
from davor.orders.models import Order
from davor.telephony.models import PhoneCall
from davor.telephony.selectors import pending_wrapup_get_for_user
from davor.telephony.services import pending_wrapup_close, pending_wrapup_initial
from davor.users.http import AuthenticatedRequest

ACTIONS = ("suggest", "accept", "check")


@dataclass
class Screen:
    """One wrap-up screen: whose, from what, and where each of its actions posts to."""

    customer: Customer
    call: Call | None
    initial: WrapupData | None
    save: Callable[[WrapupData], Call]
    urls: dict[str, str]
    pending: PhoneCall | None = None


def _urls(name: str, pk: int) -> dict[str, str]:
    return {"save": reverse(f"calls:{name}", args=[pk])} | {
        action: reverse(f"calls:{name}_{action}", args=[pk]) for action in ACTIONS
    }


@require_http_methods(["GET", "POST"])
def record(request: AuthenticatedRequest, customer_id: int, action: str = "save") -> HttpResponse:
    """A new call with ``customer``; ``?pending=<id>`` (then a hidden field) names the hung-up phone call."""
    customer = customer_get_for_user(user=request.user, customer_id=customer_id)
    pending = _pending(request, customer)

    def save(data: WrapupData) -> Call:
        saved = wrapup_submit(user=request.user, customer=customer, data=data)
        if pending is not None:
            pending_wrapup_close(phone_call=pending)
        return saved

    screen = Screen(
        customer=customer,
        call=None,
        initial=pending_wrapup_initial(pending) if pending is not None else None,
        save=save,
        urls=_urls("record", customer.pk),
        pending=pending,
    )
    return _dispatch(request, screen, action)


@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, call_id: int, action: str = "save") -> HttpResponse:
    call = call_get_for_user(user=request.user, call_id=call_id)
    # The versions the seller's screen was built from travel in hidden fields.
    version, order_version = (_posted_number(request, name) for name in ("version", "order_version"))
    screen = Screen(
        customer=call.customer,
        call=call,
        initial=wrapup_data_from_call(call),
        save=lambda data: wrapup_update(
            user=request.user, call=call, data=data, expected_version=version, expected_order_version=order_version
        ),
        urls=_urls("edit", call.pk),
    )
    return _dispatch(request, screen, action)


def _pending(request: AuthenticatedRequest, customer: Customer) -> PhoneCall | None:
    """The hung-up phone call this wrap-up is for: it fills in who, when and how long."""
    raw = request.POST.get("pending", "") if request.method == "POST" else request.GET.get("pending", "")
    if not raw.isdigit():
        return None
    pending = pending_wrapup_get_for_user(user=request.user, phone_call_id=int(raw))
    return pending if pending.customer_id == customer.pk else None


def _dispatch(request: AuthenticatedRequest, screen: Screen, action: str) -> HttpResponse:
    if action != "save" and request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    if request.method != "POST":
        forms = WrapupForms(customer=screen.customer, initial=screen.initial)
        return _render(request, screen, forms)
    forms = WrapupForms(request.POST, customer=screen.customer, initial=screen.initial)
    if action == "save":
        return _save(request, screen, forms)
    if action == "check":
        return _render(request, screen, forms, template="calls/wrapup.html#completeness")
    forms.is_valid()  # fills cleaned_data; the errors wait until the seller saves
    current = forms.to_data()
    capture = capture_note(
        note=current.note, customer=screen.customer, started_at=current.started_at, outcome_id=current.outcome_id
    )
    if action == "suggest":
        context = {"capture": capture, "customer": screen.customer, "call": screen.call, "urls": screen.urls}
        return TemplateResponse(request, "calls/wrapup.html#suggestions", context)
    merged = WrapupForms(customer=screen.customer, initial=wrapup_merge(current, capture.data))
    return _render(request, screen, merged, capture=capture, focus_gap=True)


def _save(request: AuthenticatedRequest, screen: Screen, forms: WrapupForms) -> HttpResponse:
    if forms.is_valid():
        try:
            saved = screen.save(forms.data)
        except ChangedMeanwhile as conflict:
            # The seller's entries stay in the form; the screen now carries the
            # current version, so saving again is a decision taken in sight of the changes.
            return _render(request, screen, forms, status=409, conflict=conflict)
        except ValidationError as error:
            forms.call.add_error(None, error)
        else:
            messages.success(request, _saved_message(saved))
            return redirect(screen.customer if screen.call is None else saved)
    return _render(request, screen, forms, status=422)


def detail(request: AuthenticatedRequest, call_id: int) -> HttpResponse:
    call = call_get_for_user(user=request.user, call_id=call_id)
    data = wrapup_data_from_call(call)
    return render(
        request,
        "calls/detail.html",
        {
            "call": call,
            "data": data,
            "gaps": gaps(data, call.outcome.kind),
            "history": call_history(call),
            "nav": "customers",
        },
    )


def _render(
    request: AuthenticatedRequest,
    screen: Screen,
    forms: WrapupForms,
    *,
    template: str = "calls/wrapup.html",
    status: int = 200,
    capture=None,
    conflict: ChangedMeanwhile | None = None,
    focus_gap: bool = False,
) -> HttpResponse:
    if forms.call.is_bound:
        forms.is_valid()  # the live check judges what is there, errors or not
    data = forms.to_data() if forms.call.is_bound else forms.initial_data
    participants_resolve(customer=screen.customer, appointments=data.appointments)
    outcome = Outcome.objects.filter(pk=data.outcome_id).first()
    found = gaps(data, outcome.kind) if outcome else None
    context = {
        "forms": forms,
        "customer": screen.customer,
        "call": screen.call,
        "gaps": [vars(gap) | {"field_id": forms.field_id(gap.field)} for gap in found] if found is not None else None,
        "outcome_id": forms.call["outcome"].auto_id,
        "capture": capture,
        "urls": screen.urls,
        "pending": screen.pending,
        "nav": "new",
        "conflict": conflict,
        "versions": _versions(request, screen.call, conflict),
    }
    if focus_gap:  # after taking over the note: the first field the panel still asks for
        context["focus"] = next((gap["field_id"] for gap in context["gaps"] or [] if gap["field_id"]), "")
        if found is None:
            context["focus"] = context["outcome_id"]
    return TemplateResponse(request, template, context, status=status)


def _posted_number(request, name: str) -> int:
    """A version the screen posted; a missing or garbled one counts as stale (0), never as "overwrite"."""
    raw = request.POST.get(name, "")
    return int(raw) if raw.isdigit() else 0


def _versions(request, call: Call | None, conflict: ChangedMeanwhile | None) -> dict[str, int]:
    """The versions the screen is based on (the call's, its order's): as loaded, kept across re-renders,
    the current ones after a conflict, so that saving again is a decision taken in sight of the changes."""
    if call is None:
        return {}
    if request.method == "POST" and conflict is None:
        return {name: _posted_number(request, name) for name in ("version", "order_version")}
    call.refresh_from_db(fields=["version"])
    order = Order.objects.filter(call=call).values_list("version", flat=True).first()
    return {"version": call.version, "order_version": order or 0}


def _saved_message(call: Call) -> str:
    if call.is_complete:
        return _("Wrap-up saved.")
    return _("Wrap-up saved; %(count)s points are still open.") % {"count": len(call.missing)}
