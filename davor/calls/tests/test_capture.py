from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from davor.calls.capture import capture_note, wrapup_merge
from davor.calls.models import Outcome
from davor.calls.wrapup import OrderData, WishData, WrapupData
from davor.customers.models import Contact
from davor.customers.selectors import contact_match

BERLIN = ZoneInfo("Europe/Berlin")
AT = datetime(2026, 1, 9, 9, 40, tzinfo=BERLIN)
NOTE = (
    "Hr. Kessler (Einkauf, DW 231) angerufen. Best. 4x Kugelgewindetrieb KGT 32x10 bestätigt. "
    "Lief. KW 3, frei Haus. AB per Fax 2x. 30 Tg netto, 2% Skonto 10 Tg. "
    "Kunde schickt Zeichnung Sonderflansch bis Mi."
)


def test_it_turns_a_note_into_wrapup_facts_for_the_customer(customer, contact):
    capture = capture_note(note=NOTE, customer=customer, started_at=AT, outcome_id=Outcome.objects.get(kind="deal").pk)

    order = capture.data.order
    assert (order.delivery_earliest, order.delivery_latest) == (date(2026, 1, 12), date(2026, 1, 16))
    assert "KW 3" in order.delivery_note
    assert (order.payment_net_days, order.skonto_percent, order.skonto_days) == (30, Decimal("2"), 10)
    assert (order.shipping, order.confirmation_channel, order.confirmation_copies) == ("free_delivery", "fax", 2)
    assert capture.data.contact_ids == [contact.pk]  # "Hr. Kessler" is the known Jens Kessler
    assert [(t.kind, t.due) for t in capture.data.tasks] == [("customer_promise", date(2026, 1, 14))]
    assert {segment.kind for segment in capture.segments} >= {"delivery", "payment", "confirmation", "shipping"}
    assert "".join(segment.text for segment in capture.segments) == NOTE


def test_it_proposes_people_it_does_not_know_as_new_contacts(customer, contact):
    capture = capture_note(
        note="Gespräch mit Frau Petra Wolf (Technische Leiterin, DW 118).",
        customer=customer,
        started_at=AT,
        outcome_id=Outcome.objects.get(kind="follow_up").pk,
    )

    assert capture.data.contact_ids == []
    assert [c.name for c in capture.data.new_contacts] == ["Petra Wolf"]


def test_it_fills_only_what_is_empty_when_merging():
    base = WrapupData(outcome_id=1, started_at=AT, order=OrderData(payment_net_days=14), wishes=[WishData("Büromöbel")])
    extra = WrapupData(
        outcome_id=1,
        started_at=AT,
        order=OrderData(payment_net_days=30, confirmation_channel="fax"),
        wishes=[WishData("büromöbel"), WishData("Kopierer")],
    )

    merged = wrapup_merge(base, extra)

    assert (merged.order.payment_net_days, merged.order.confirmation_channel) == (14, "fax")
    assert [w.description for w in merged.wishes] == ["Büromöbel", "Kopierer"]
    assert base.order.confirmation_channel == ""  # the inputs are left as they were


def test_it_matches_contacts_despite_typos_and_missing_umlauts(customer):
    mueller = Contact.objects.create(customer=customer, first_name="Jürgen", last_name="Müller")
    Contact.objects.create(customer=customer, first_name="Anna", last_name="Schmidt")
    Contact.objects.create(customer=customer, first_name="Bernd", last_name="Schmidt")
    contacts = list(customer.contacts.all())

    assert contact_match(contacts, "Hr. Mueller") == mueller
    assert contact_match(contacts, "Juergen Muller") == mueller
    assert contact_match(contacts, "Anna Schmitt").first_name == "Anna"
    assert contact_match(contacts, "Schmidt") is None  # two of them: ask, don't guess
    assert contact_match(contacts, "Huber") is None
