from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from davor.calls.capture import capture_note, wrapup_merge
from davor.calls.completeness import gaps
from davor.calls.forms import WrapupForms
from davor.calls.history import call_history
from davor.calls.models import Call, Outcome
from davor.calls.selectors import call_get_for_user, wrapup_data_from_call
from davor.calls.services import participants_resolve, wrapup_submit, wrapup_update
from davor.calls.wrapup import WrapupData
from davor.customers.models import Customer
from davor.customers.selectors import customer_get_for_user, customer_list
from davor.lib.locking import ChangedMeanwhile
from davor.telephony.models import PhoneCall
from davor.telephony.selectors import pending_wrapup_get_for_user
from davor.telephony.services import pending_wrapup_close, pending_wrapup_initial
from davor.users.http import AuthenticatedRequest


def new(request: AuthenticatedRequest) -> HttpResponse:
    raw_id = request.GET.get("customer", "")
    if not raw_id:
        customers = customer_list(user=request.user).only("pk", "name", "number", "city")
        return render(request, "calls/choose_customer.html", {"customers": customers, "nav": "new"})
    if not raw_id.isdigit():
        raise Http404
    customer = customer_get_for_user(user=request.user, customer_id=int(raw_id))
    pending = _pending(request, customer)

    def save(data: WrapupData) -> Call:
        saved = wrapup_submit(user=request.user, customer=customer, data=data)
        if pending is not None:
            pending_wrapup_close(phone_call=pending)
        return saved

    return _wrapup_screen(
        request,
        customer=customer,
        call=None,
        initial=pending_wrapup_initial(pending) if pending is not None else None,
        save=save,
    )


def _pending(request: AuthenticatedRequest, customer: Customer) -> PhoneCall | None:
    """The hung-up phone call (``?pending=<id>``) this wrap-up is for: it fills in who, when and how long."""
    raw = request.GET.get("pending", "")
    if not raw.isdigit():
        return None
    pending = pending_wrapup_get_for_user(user=request.user, phone_call_id=int(raw))
    return pending if pending.customer_id == customer.pk else None


def edit(request: AuthenticatedRequest, call_id: int) -> HttpResponse:
    call = call_get_for_user(user=request.user, call_id=call_id)
    # The version the seller's screen was built from travels in a hidden field;
    # a missing or garbled one counts as stale rather than as "overwrite".
    raw_version = request.POST.get("version", "")
    version = int(raw_version) if raw_version.isdigit() else 0
    return _wrapup_screen(
        request,
        customer=call.customer,
        call=call,
        initial=wrapup_data_from_call(call),
        save=lambda data: wrapup_update(user=request.user, call=call, data=data, expected_version=version),
    )


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


def _wrapup_screen(
    request: AuthenticatedRequest,
    *,
    customer: Customer,
    call: Call | None,
    initial: WrapupData | None,
    save: Callable[[WrapupData], Call],
) -> HttpResponse:
    """The wrap-up screen for a new or a revised call, and its three htmx/keyboard actions.

    A POST saves, unless the query asks for ``check`` (the completeness panel),
    ``suggest`` (what the note says, highlighted) or ``accept`` (take the
    note's facts into the form, filling only what is empty).
    """
    if request.method != "POST":
        return _render(request, WrapupForms(customer=customer, initial=initial), customer=customer, call=call)
    forms = WrapupForms(request.POST, customer=customer, initial=initial)
    action = next((name for name in ("check", "suggest", "accept") if name in request.GET), "save")
    if action == "save" and forms.is_valid():
        try:
            saved = save(forms.data)
        except ChangedMeanwhile as conflict:
            # The seller's entries stay in the form; the screen now carries the
            # current version, so saving again is a decision taken in sight of the changes.
            return _render(request, forms, customer=customer, call=call, status=409, conflict=conflict)
        except ValidationError as error:
            forms.call.add_error(None, error)
        else:
            messages.success(request, _saved_message(saved))
            return redirect(customer if call is None else saved)
    if action in ("suggest", "accept"):
        forms.is_valid()  # fills cleaned_data; the errors wait until the seller saves
        current = forms.to_data()
        capture = capture_note(
            note=current.note, customer=customer, started_at=current.started_at, outcome_id=current.outcome_id
        )
        if action == "suggest":
            return TemplateResponse(
                request,
                "calls/wrapup.html#suggestions",
                {
                    "capture": capture,
                    "customer": customer,
                    "call": call,
                    "query": _query(customer, call, request.GET.get("pending", "")),
                },
            )
        forms = WrapupForms(customer=customer, initial=wrapup_merge(current, capture.data))
        return _render(request, forms, customer=customer, call=call, capture=capture)
    return _render(request, forms, customer=customer, call=call, status=422 if action == "save" else 200)


def _render(
    request,
    forms: WrapupForms,
    *,
    customer: Customer,
    call: Call | None,
    status: int = 200,
    capture=None,
    conflict: ChangedMeanwhile | None = None,
) -> HttpResponse:
    if forms.call.is_bound:
        forms.is_valid()  # the live check judges what is there, errors or not
    data = forms.to_data() if forms.call.is_bound else forms.initial_data
    participants_resolve(customer=customer, appointments=data.appointments)
    outcome = Outcome.objects.filter(pk=data.outcome_id).first()
    context = {
        "forms": forms,
        "customer": customer,
        "call": call,
        "gaps": gaps(data, outcome.kind) if outcome else None,
        "capture": capture,
        "query": _query(customer, call, request.GET.get("pending", "")),
        "nav": "new",
        "conflict": conflict,
        "version": _version(request, call, conflict),
    }
    template = "calls/wrapup.html#completeness" if "check" in request.GET and request.htmx else "calls/wrapup.html"
    return TemplateResponse(request, template, context, status=status)


def _version(request, call: Call | None, conflict: ChangedMeanwhile | None) -> int | None:
    """The version the screen is based on: as loaded, kept across re-renders, the current one after a conflict."""
    if call is None:
        return None
    if conflict is not None:
        return conflict.current
    posted = request.POST.get("version", "")
    return int(posted) if request.method == "POST" and posted.isdigit() else call.version


def _query(customer: Customer, call: Call | None, pending: str = "") -> str:
    """The start of the query string the screen's htmx actions post to (keeping ``pending``)."""
    if call is not None:
        return "?"
    return f"?customer={customer.pk}&" + (f"pending={pending}&" if pending.isdigit() else "")


def _saved_message(call: Call) -> str:
    if call.is_complete:
        return _("Wrap-up saved.")
    return _("Wrap-up saved; %(count)s points are still open.") % {"count": len(call.missing)}
