"""Finding the existing customer or contact an imported row means.

Everything the importing user may see is loaded once and indexed, so that a
file of 10,000 rows costs a handful of queries, not tens of thousands.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from davor.customers.models import Contact, Customer
from davor.customers.selectors import _fold, contact_match, customer_scope
from davor.users.models import User

_LEGAL_FORMS = re.compile(r"\b(gmbh|mbh|ag|kg|ohg|ug|ek|e\.k\.|co|se|inc|ltd|llc|haftungsbeschraenkt)\b\.?|[&+.,()]")
NAME_CUTOFF = 90


def company_key(name: str) -> str:
    """ "Kessler Antriebstechnik GmbH & Co. KG" and "kessler antriebstechnik" are one company."""
    return " ".join(_LEGAL_FORMS.sub(" ", _fold(name)).split())


@dataclass(frozen=True)
class Match:
    pk: int
    label: str
    reason: str


class Index:
    def __init__(self, user: User) -> None:
        self.customers = {c.pk: c for c in Customer.objects.filter(customer_scope(user))}
        self.contacts: dict[int, list[Contact]] = {}
        self.by_number = {c.number: c for c in self.customers.values()}
        self.by_company = {company_key(c.name): c for c in self.customers.values()}
        self.customer_by_phone = {c.phone: c for c in self.customers.values() if c.phone}
        self.contact_by_email: dict[str, Contact] = {}
        self.contact_by_phone: dict[str, Contact] = {}
        self.contact_by_pk: dict[int, Contact] = {}
        for contact in Contact.objects.filter(customer_id__in=self.customers).order_by("pk"):
            contact.customer = self.customers[contact.customer_id]
            self.contacts.setdefault(contact.customer_id, []).append(contact)
            self.contact_by_pk[contact.pk] = contact
            if contact.email:
                self.contact_by_email.setdefault(contact.email.casefold(), contact)
            for number in (contact.phone, contact.mobile):
                if number:
                    self.contact_by_phone.setdefault(number, contact)
        self.numbers_taken = set(Customer.objects.values_list("number", flat=True))

    def customer(self, *, number: str, company: str, phone: str, email_contact: Contact | None) -> Match | None:
        if number and (found := self.by_number.get(number)):
            return Match(found.pk, found.name, _("same customer number"))
        if email_contact is not None:
            return Match(email_contact.customer_id, email_contact.customer.name, _("the contact is already there"))
        key = company_key(company)
        if key and (found := self.by_company.get(key)):
            return Match(found.pk, found.name, _("same name"))
        if phone and (found := self.customer_by_phone.get(phone)):
            return Match(found.pk, found.name, _("same switchboard number"))
        if key and (
            hit := process.extractOne(key, self.by_company.keys(), scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
        ):
            found = self.by_company[hit[0]]
            return Match(found.pk, found.name, _("similar name (%(score)d %%)") % {"score": hit[1]})
        return None

    def contact(self, *, customer_id: int | None, email: str, phones: list[str], name: str) -> Match | None:
        if email and (found := self.contact_by_email.get(email.casefold())):
            return Match(found.pk, f"{found.full_name} · {found.customer.name}", _("same e-mail"))
        for phone in phones:
            found = self.contact_by_phone.get(phone)
            if found and (customer_id is None or found.customer_id == customer_id):
                return Match(found.pk, f"{found.full_name} · {found.customer.name}", _("same phone number"))
        if customer_id is not None and (found := contact_match(self.contacts.get(customer_id, []), name)):
            return Match(found.pk, f"{found.full_name} · {found.customer.name}", _("similar name"))
        return None
