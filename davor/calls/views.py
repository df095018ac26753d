from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from davor.calls.completeness import gaps
from davor.calls.forms import WrapupForms
from davor.calls.history import call_history
from davor.calls.models import Outcome
from davor.calls.selectors import call_get_for_user, wrapup_data_from_call
from davor.calls.services import participants_resolve, wrapup_submit, wrapup_update
from davor.customers.selectors import customer_get_for_user, customer_list
from davor.users.http import AuthenticatedRequest


def new(request: AuthenticatedRequest) -> HttpResponse:
    raw_id = request.GET.get("customer", "")
    if not raw_id:
        return render(
            request,
            "calls/choose_customer.html",
            {"customers": customer_list(user=request.user).only("pk", "name", "number", "city"), "nav": "new"},
        )
    if not raw_id.isdigit():
        raise Http404
    customer = customer_get_for_user(user=request.user, customer_id=int(raw_id))
    forms = WrapupForms(request.POST if request.method == "POST" else None, customer=customer)
    if request.method == "POST" and "check" not in request.GET and forms.is_valid():
        try:
            call = wrapup_submit(user=request.user, customer=customer, data=forms.data)
        except ValidationError as error:
            forms.call.add_error(None, error)
        else:
            messages.success(request, _saved_message(call))
            return redirect(customer)
    return _render_wrapup(request, forms, customer=customer, call=None)


def edit(request: AuthenticatedRequest, call_id: int) -> HttpResponse:
    call = call_get_for_user(user=request.user, call_id=call_id)
    data = request.POST if request.method == "POST" else None
    forms = WrapupForms(data, customer=call.customer, initial=wrapup_data_from_call(call))
    if request.method == "POST" and "check" not in request.GET and forms.is_valid():
        try:
            wrapup_update(user=request.user, call=call, data=forms.data)
        except ValidationError as error:
            forms.call.add_error(None, error)
        else:
            messages.success(request, _saved_message(call))
            return redirect(call)
    return _render_wrapup(request, forms, customer=call.customer, call=call)


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


def _render_wrapup(request: AuthenticatedRequest, forms: WrapupForms, *, customer, call) -> HttpResponse:
    """The wrap-up screen, or only its completeness panel for the live check (htmx)."""
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
        "nav": "new",
    }
    template = "calls/wrapup.html#completeness" if "check" in request.GET and request.htmx else "calls/wrapup.html"
    status = 422 if request.method == "POST" and "check" not in request.GET else 200
    return TemplateResponse(request, template, context, status=status)


def _saved_message(call) -> str:
    if call.is_complete:
        return _("Wrap-up saved.")
    return _("Wrap-up saved; %(count)s points are still open.") % {"count": len(call.missing)}
