"""A person's data under the GDPR: the readable page, the JSON download, erasure."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from davor.customers import selectors
from davor.customers.gdpr import contact_data_export, contact_erase, personal_data_readable
from davor.users.http import AuthenticatedRequest as Request


@require_safe
def contact_privacy(request: Request, customer_id: int, contact_id: int) -> HttpResponse:
    """Everything Davor holds about the person, readable (and printable as the written answer)."""
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id, customer_id=customer_id)
    data = contact_data_export(user=request.user, contact=contact, request=request)
    readable = personal_data_readable(contact=contact, data=data)
    context = {"contact": contact, "customer": contact.customer, "data": data, "readable": readable, "nav": "customers"}
    return render(request, "customers/contact_privacy.html", context)


@require_safe
def contact_privacy_json(request: Request, customer_id: int, contact_id: int) -> HttpResponse:
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id, customer_id=customer_id)
    data = contact_data_export(user=request.user, contact=contact, request=request)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="personal-data-{contact.pk}.json"'
    return response


@require_POST
def contact_erase_view(request: Request, customer_id: int, contact_id: int) -> HttpResponse:
    """Erasure cannot be undone: managers and admins only, and only with the box ticked."""
    contact = selectors.contact_get_for_user(user=request.user, contact_id=contact_id, customer_id=customer_id)
    if not request.user.is_manager:
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("customers:contact_privacy", customer_id=customer_id, contact_id=contact_id)
    erasure = contact_erase(user=request.user, contact=contact, request=request)
    messages.success(
        request,
        _(
            "The person's data was erased. %(count)d calls mentioned them: "
            "they are on the sellers' task lists for review."
        )
        % {"count": erasure.calls_to_review},
    )
    return redirect(contact.customer)
