from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from davor.orders import selectors, services
from davor.orders.document import terms_of, totals_of
from davor.orders.exports import orders_export
from davor.orders.forms import ConfirmationForm, OrderFilterForm
from davor.orders.models import ConfirmationChannel, ConfirmationSending, Order
from davor.orders.pdf import letter_documents, pdf_all
from davor.orders.recipients import confirmation_check
from davor.users.http import AuthenticatedRequest as Request

PAGE_SIZE = 50


def _team_sellers(user) -> list[tuple[int, str]]:
    """A manager's team, to filter by seller; nobody to choose for a seller, who sees their own."""
    if not user.is_manager or user.team_id is None:
        return []
    return [(u.pk, u.get_full_name() or u.username) for u in user.team.members.order_by("first_name", "username")]


def _filtered(request: Request) -> tuple[OrderFilterForm, QuerySet[Order]]:
    form = OrderFilterForm(request.GET or None, sellers=_team_sellers(request.user))
    return form, selectors.order_list(user=request.user, **form.filters())


@require_safe
def order_list(request: Request) -> HttpResponse:
    """Every order the user may see, with its total and what was sent to whom; filterable, exportable."""
    form, orders = _filtered(request)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.order_rows(list(page.object_list)),
        "query": query.urlencode(),
        "nav": "orders",
    }
    return render(request, "orders/list.html", context)


@require_safe
def order_export(request: Request) -> HttpResponse:
    orders = _filtered(request)[1]
    export = orders_export(user=request.user, orders=orders, request=request)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _page(request: Request, order: Order, form: ConfirmationForm) -> HttpResponse:
    company = selectors.company_profile_get()
    context = {
        "order": order,
        "form": form,
        "status": selectors.confirmation_status(order=order),
        "totals": totals_of(
            list(order.lines.all()), discount_percent=order.discount_percent, vat_percent=company.vat_percent
        ),
        "terms": terms_of(order),
        "nav": "customers",
    }
    return render(request, "orders/detail.html", context)


@require_safe
def detail(request: Request, order_id: int) -> HttpResponse:
    """The order, what the customer has been sent of it, and the form to send it (again)."""
    order = selectors.order_get_for_user(user=request.user, order_id=order_id)
    return _page(request, order, ConfirmationForm(order=order))


@require_safe
def confirmation_pdf(request: Request, order_id: int) -> HttpResponse:
    """The document as it would go out now (post: all copies, ready to print); nothing is recorded."""
    order = selectors.order_get_for_user(user=request.user, order_id=order_id)
    form = ConfirmationForm(request.GET or None, order=order)
    if form.is_bound and not form.is_valid():
        return _page(request, order, form)
    choice = form.choice()
    company = selectors.company_profile_get()
    try:
        confirmation_check(
            order=order, channel=choice["channel"], contact=choice["contact"], company=company, sending=False
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _page(request, order, form)
    letter = selectors.letter_for(order=order, contact=choice["contact"], company=company)
    fax = choice["channel"] == ConfirmationChannel.FAX
    pdf = pdf_all(letter_documents(letter, copies=choice["copies"], fax=fax))
    return _pdf_response(pdf, f"{order.number}.pdf")


@require_POST
def confirmation_send(request: Request, order_id: int) -> HttpResponse:
    order = selectors.order_get_for_user(user=request.user, order_id=order_id)
    form = ConfirmationForm(request.POST, order=order)
    if not form.is_valid():
        return _page(request, order, form)
    try:
        sending = services.confirmation_send(order=order, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _page(request, order, form)
    except services.ConfirmationNotSent as error:
        messages.error(request, error.sending.error)
        return redirect(order)
    messages.success(request, _sent_message(sending))
    return redirect(order)


def _sent_message(sending: ConfirmationSending) -> str:
    version = sending.confirmation.version
    if sending.status == ConfirmationSending.Status.PRINTED:
        return _("Confirmation version %(version)s is ready: print it, post it, then click “Printed and posted”.") % {
            "version": version
        }
    return _("Confirmation version %(version)s sent by %(channel)s to %(recipient)s.") % {
        "version": version,
        "channel": sending.get_channel_display(),
        "recipient": sending.recipient,
    }


@require_POST
def sending_posted(request: Request, order_id: int, sending_id: int) -> HttpResponse:
    """The printed confirmation went into the post: record who and when."""
    order = selectors.order_get_for_user(user=request.user, order_id=order_id)
    sending = selectors.sending_get(order=order, sending_id=sending_id)
    try:
        services.confirmation_posted(sending=sending, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Recorded: confirmation version %(version)s posted.") % {"version": sending.confirmation.version}
        )
    return redirect(order)


@require_safe
def sending_pdf(request: Request, order_id: int, sending_id: int) -> HttpResponse:
    """The document exactly as it went out (or was printed)."""
    order = selectors.order_get_for_user(user=request.user, order_id=order_id)
    sending = selectors.sending_get(order=order, sending_id=sending_id)
    if not sending.document:
        raise Http404
    return _pdf_response(bytes(sending.document), f"{order.number}-v{sending.confirmation.version}.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
