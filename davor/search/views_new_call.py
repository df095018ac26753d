"""New call from anywhere: find the customer by typing, or create the caller as one.

``/calls/new/`` is the top bar's "New call" (and the ``N`` key): one box
that takes a customer's name or number, a contact's name or a phone number
in any format (the search service), a list to choose from with ↓ and Enter,
and "new customer" for a caller who is not one yet.
"""

from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from davor.customers.forms import CustomerForm
from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.customers.services import customer_create
from davor.search.selectors import search
from davor.users.http import AuthenticatedRequest

CHOICES = 8


class QuickCustomerForm(CustomerForm):
    """The caller as a new customer: a name, and the number they called from if known."""

    phone_fields: tuple[str, ...] = ("phone",)

    class Meta(CustomerForm.Meta):
        fields = ["name", "phone", "city"]

    def __init__(self, *args, **kwargs):
        # CustomerForm's own set-up is for its full set of fields (country among them).
        super(CustomerForm, self).__init__(*args, **kwargs)
        self._prepare(autofocus=False)


@require_http_methods(["GET", "POST"])
def new_call(request: AuthenticatedRequest) -> HttpResponse:
    raw_id = request.GET.get("customer", "")
    if raw_id.isdigit():  # a link or a form without JavaScript that already names the customer
        target = reverse("calls:record", args=[int(raw_id)])
        pending = request.GET.get("pending", "")
        return redirect(f"{target}?pending={pending}" if pending.isdigit() else target)
    query = " ".join(request.GET.get("q", "").split())
    form = QuickCustomerForm(request.POST or None, initial={"name": query})
    if request.method == "POST" and form.is_valid():
        customer = customer_create(owner=request.user, **form.cleaned_data)
        return redirect("calls:record", customer.pk)
    choices = _choices(request, query)
    if query and len(choices) == 1 and not request.htmx and request.method == "GET":
        return redirect("calls:record", choices[0].pk)  # Enter without JavaScript, and only one to mean
    context = {"query": query, "choices": choices, "form": form, "nav": "new"}
    template = "search/new_call.html#choices" if request.htmx else "search/new_call.html"
    return TemplateResponse(request, template, context, status=422 if form.errors else 200)


def _choices(request: AuthenticatedRequest, query: str) -> list[Customer]:
    """The customers the typed words mean (a contact or call found leads to its customer), or the last called."""
    scope = Customer.objects.filter(customer_scope(request.user))
    if not query:
        recent = scope.filter(calls__user=request.user).annotate(last=Max("calls__started_at")).order_by("-last")
        return list(recent[:CHOICES])
    results = search(user=request.user, query=query, prefix=True, limit=CHOICES)
    ids = list(dict.fromkeys(results.ids("customer") + _customers_of_contacts(results.ids("contact"))))[:CHOICES]
    found = scope.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _customers_of_contacts(contact_ids: list[int]) -> list[int]:
    by_id = dict(Contact.objects.filter(pk__in=contact_ids).values_list("pk", "customer_id"))
    return [by_id[pk] for pk in contact_ids if pk in by_id]
