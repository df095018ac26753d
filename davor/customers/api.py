"""Customers and contacts over the API: the same selectors and services as the pages."""

from datetime import date, datetime
from typing import Annotated

import phonenumbers
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator, ConfigDict

from davor.customers.models import Channel, Contact, Customer
from davor.customers.selectors import contact_get_for_user, customer_get_for_user, customer_list, customer_scope
from davor.customers.services import (
    consent_settle,
    contact_create,
    contact_update,
    customer_create,
    customer_update,
)
from davor.lib.api import CursorPagination, acting_user, patch_fields, phone_e164
from davor.lib.bounds import Id

router = Router(tags=["customers"])


class CustomerOut(Schema):
    id: int
    number: str
    name: str
    status: str
    industry: str
    street: str
    postal_code: str
    city: str
    country: str
    phone: str
    fax: str
    email: str
    website: str
    language: str
    notes: str
    owner_id: int
    created_at: datetime
    updated_at: datetime


def _country(value: str) -> str:
    """Two letters of a country Davor can read telephone numbers of (the customer form's rule)."""
    country = value.strip().upper()
    if country not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(str(_("Use a two-letter country code such as DE, AT or CH.")))
    return country


Country = Annotated[str, AfterValidator(_country)]


class CustomerIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    status: Customer.Status = Customer.Status.PROSPECT
    number: str = Field("", max_length=20, description="Empty: the next free number (K-10001 …).")
    industry: str = Field("", max_length=100)
    street: str = Field("", max_length=200)
    postal_code: str = Field("", max_length=10)
    city: str = Field("", max_length=100)
    country: Country = Field("DE", min_length=2, max_length=2)
    phone: str = Field("", max_length=40)
    fax: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    notes: str = ""


class CustomerPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    status: Customer.Status | None = None
    industry: str | None = Field(None, max_length=100)
    street: str | None = Field(None, max_length=200)
    postal_code: str | None = Field(None, max_length=10)
    city: str | None = Field(None, max_length=100)
    country: Country | None = Field(None, min_length=2, max_length=2)
    phone: str | None = Field(None, max_length=40)
    fax: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    notes: str | None = None


class CustomerFilter(Schema):
    q: str = Field("", description="Name, number, contact's last name or city contains this.")
    status: Customer.Status | None = None
    city: str = ""


class ContactOut(Schema):
    id: int
    customer_id: int
    salutation: str
    title: str
    first_name: str
    last_name: str
    position: str
    department: str
    phone: str
    extension: str
    mobile: str
    email: str
    fax: str
    preferred_channel: str
    personal_notes: str
    is_active: bool
    consent_email: bool
    consent_email_date: date | None
    consent_email_source: str
    consent_sms: bool
    consent_sms_date: date | None
    consent_sms_source: str
    consent_phone: bool
    consent_phone_date: date | None
    consent_phone_source: str


class ContactIn(Schema):
    customer_id: int
    last_name: str = Field(..., min_length=1, max_length=100)
    salutation: str = Field("", max_length=10)
    title: str = Field("", max_length=30)
    first_name: str = Field("", max_length=100)
    position: str = Field("", max_length=100)
    department: str = Field("", max_length=100)
    phone: str = Field("", max_length=40)
    extension: str = Field("", max_length=10)
    mobile: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    fax: str = Field("", max_length=40)
    preferred_channel: Channel | None = None
    personal_notes: str = ""
    # Consent to advertising by channel (UWG § 7), as on the contact form: given without a date, it dates today.
    consent_email: bool = False
    consent_email_date: date | None = None
    consent_email_source: str = Field("", max_length=200)
    consent_sms: bool = False
    consent_sms_date: date | None = None
    consent_sms_source: str = Field("", max_length=200)
    consent_phone: bool = False
    consent_phone_date: date | None = None
    consent_phone_source: str = Field("", max_length=200)


class ContactPatch(Schema):
    # A field Davor does not know is a 422, never silently dropped.
    model_config = ConfigDict(extra="forbid")

    last_name: str | None = Field(None, min_length=1, max_length=100)
    salutation: str | None = Field(None, max_length=10)
    title: str | None = Field(None, max_length=30)
    first_name: str | None = Field(None, max_length=100)
    position: str | None = Field(None, max_length=100)
    department: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=40)
    extension: str | None = Field(None, max_length=10)
    mobile: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    fax: str | None = Field(None, max_length=40)
    preferred_channel: Channel | None = None
    personal_notes: str | None = None
    is_active: bool | None = None
    consent_email: bool | None = None
    consent_email_date: date | None = None
    consent_email_source: str | None = Field(None, max_length=200)
    consent_sms: bool | None = None
    consent_sms_date: date | None = None
    consent_sms_source: str | None = Field(None, max_length=200)
    consent_phone: bool | None = None
    consent_phone_date: date | None = None
    consent_phone_source: str | None = Field(None, max_length=200)


class ContactFilter(FilterSchema):
    customer_id: Id | None = None
    active: Annotated[bool | None, FilterLookup("is_active")] = None


_PHONES = ("phone", "fax", "mobile")


def _fields(payload: Schema, *, partial: bool) -> dict:
    fields = patch_fields(payload) if partial else payload.dict()
    for name in _PHONES:
        if name in fields:
            fields[name] = phone_e164(fields[name], name)
    if fields.get("preferred_channel", "") is None:
        fields["preferred_channel"] = ""
    return fields


@router.get("/customers/", response=list[CustomerOut])
@paginate(CursorPagination)
def customers_list(request: HttpRequest, filters: Query[CustomerFilter]):  # type: ignore[no-untyped-def]
    return customer_list(
        user=acting_user(request), query=filters.q.strip(), status=filters.status or "", city=filters.city.strip()
    )


@router.get("/customers/{customer_id}/", response=CustomerOut)
def customers_read(request: HttpRequest, customer_id: int) -> Customer:
    return customer_get_for_user(user=acting_user(request), customer_id=customer_id)


@router.post("/customers/", response={201: CustomerOut})
def customers_create(request: HttpRequest, payload: CustomerIn) -> Status[Customer]:
    fields = _fields(payload, partial=False)
    return Status(201, customer_create(owner=acting_user(request), **fields))


@router.patch("/customers/{customer_id}/", response=CustomerOut)
def customers_update(request: HttpRequest, customer_id: int, payload: CustomerPatch) -> Customer:
    customer = customer_get_for_user(user=acting_user(request), customer_id=customer_id)
    return customer_update(customer=customer, **_fields(payload, partial=True))


@router.get("/contacts/", response=list[ContactOut])
@paginate(CursorPagination)
def contacts_list(request: HttpRequest, filters: Query[ContactFilter]):  # type: ignore[no-untyped-def]
    visible = Customer.objects.filter(customer_scope(acting_user(request)))
    contacts = Contact.objects.filter(customer__in=visible)
    contacts = filters.filter(contacts)
    return contacts


@router.get("/contacts/{contact_id}/", response=ContactOut)
def contacts_read(request: HttpRequest, contact_id: int) -> Contact:
    return contact_get_for_user(user=acting_user(request), contact_id=contact_id)


@router.post("/contacts/", response={201: ContactOut})
def contacts_create(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    customer = customer_get_for_user(user=acting_user(request), customer_id=payload.customer_id)
    fields = _fields(payload, partial=False)
    del fields["customer_id"]
    consent_settle(fields)
    return Status(201, contact_create(customer=customer, **fields))


@router.patch("/contacts/{contact_id}/", response=ContactOut)
def contacts_update(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Contact:
    contact = contact_get_for_user(user=acting_user(request), contact_id=contact_id)
    return contact_update(contact=contact, **_fields(payload, partial=True))
