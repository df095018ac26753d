from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from davor.calls.selectors import customer_briefing
from davor.customers import selectors, services
from davor.customers.forms import ContactForm, CustomerFilterForm, CustomerForm, FirstContactForm
from davor.users.http import AuthenticatedRequest as Request

PAGE_SIZE = 50


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data on a POST (even an empty one), None on a GET."""
    return request.POST if request.method == "POST" else None


@require_safe
def customer_list(request: Request) -> HttpResponse:
    form = CustomerFilterForm(request.GET)
    filters = form.filters()
    customers = selectors.customer_list(
        user=request.user, query=filters["q"], status=filters["status"], city=filters["city"]
    )
    page = Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "nav": "customers"}
    # A history restore asks for the whole page, not the fragment that was swapped in.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "customers/list.html#results", context)
    context["cities"] = selectors.customer_cities(user=request.user)
    return render(request, "customers/list.html", context)


@require_http_methods(["GET", "POST"])
def customer_new(request: Request) -> HttpResponse:
    # An unknown caller's number (from the screen pop) arrives as ?phone=.
    form = CustomerForm(_posted(request), initial={"phone": request.GET.get("phone", "")[:40]})
    # The contact's numbers are read in the customer's country, so the customer form is cleaned first.
    customer_ok = form.is_valid()
    region = form.cleaned_data.get("country", "") if form.is_bound else ""
    contact_form = FirstContactForm(_posted(request), region=region)
    contact_ok = contact_form.is_valid()
    if customer_ok and not contact_ok:
        form.blur()  # the mistake is in the contact part: focus lands there
    if customer_ok and contact_ok:
        contact_fields = None if contact_form.is_empty else contact_form.cleaned_data
        try:
            customer = services.customer_create_with_contact(
                owner=request.user, customer_fields=form.cleaned_data, contact_fields=contact_fields
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Customer %(name)s created.") % {"name": customer.name})
            return redirect(customer)
    return render(
        request, "customers/customer_form.html", {"form": form, "contact_form": contact_form, "nav": "customers"}
    )


@require_http_methods(["GET", "POST"])
def customer_edit(request: Request, customer_id: int) -> HttpResponse:
    customer = selectors.customer_get_for_user(user=request.user, customer_id=customer_id)
    name = customer.name  # the form writes into the instance while it validates
    form = CustomerForm(_posted(request), instance=customer)
    if form.is_bound and form.is_valid():
        try:
            services.customer_update(customer=customer, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Customer %(name)s saved.") % {"name": customer.name})
            return redirect(customer)
    context = {"form": form, "customer": customer, "customer_name": name, "nav": "customers"}
    return render(request, "customers/customer_form.html", context)


@require_http_methods(["GET", "POST"])
def contact_new(request: Request, customer_id: int) -> HttpResponse:
    customer = selectors.customer_get_for_user(user=request.user, customer_id=customer_id)
    form = ContactForm(_posted(request), region=customer.country)
    if form.is_bound and form.is_valid():
        try:
            contact = services.contact_create(customer=customer, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Contact %(name)s added.") % {"name": contact.full_name})
            return redirect(customer)
    context = {"form": form, "customer": customer, "nav": "customers"}
    return render(request, "customers/contact_form.html", context)


@require_http_methods(["GET", "POST"])
def contact_edit(request: Request, customer_id: int, contact_id: int) -> HttpResponse:
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id, customer_id=customer_id)
    customer, name = contact.customer, contact.full_name
    form = ContactForm(_posted(request), instance=contact, region=customer.country)
    if form.is_bound and form.is_valid():
        try:
            services.contact_update(contact=contact, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Contact %(name)s saved.") % {"name": contact.full_name})
            return redirect(customer)
    context = {"form": form, "customer": customer, "contact": contact, "contact_name": name, "nav": "customers"}
    return render(request, "customers/contact_form.html", context)


@require_safe
def detail(request: Request, customer_id: int) -> HttpResponse:
    """The customer page: the briefing before the next call, the contacts, the timeline of calls."""
    customer = selectors.customer_get_for_user(user=request.user, customer_id=customer_id)
    return render(
        request,
        "customers/detail.html",
        {
            "customer": customer,
            "contacts": selectors.contact_list(customer=customer),
            "briefing": customer_briefing(customer=customer),
            "nav": "customers",
        },
    )
