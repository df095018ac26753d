"""Each kind of match, on whichever database the suite runs on (SQLite and PostgreSQL)."""

import pytest

from davor.calls.models import Call, Outcome
from davor.customers.models import Contact, Customer
from davor.customers.selectors import customer_scope
from davor.orders.models import Order
from davor.pipeline.models import Opportunity, Referral
from davor.search.backends import scope_owners, scope_sql
from davor.search.selectors import phone_lookup, search
from davor.search.tests.conftest import AT
from davor.users.models import User

pytestmark = pytest.mark.django_db


def _ids(user, query, kind, **kwargs):
    return search(user=user, query=query, **kwargs).ids(kind)


def _note(customer, user, text) -> int:
    """A call with this note (at the same time and with the same outcome as the ``call`` fixture)."""
    made = Call.objects.create(
        customer=customer, user=user, started_at=AT, outcome=Outcome.objects.get(kind="follow_up"), note=text
    )
    return made.pk


def test_it_finds_a_company_without_its_legal_form(owner, customer, mueller):
    assert _ids(owner, "Kessler", "customer") == [customer.pk]
    assert _ids(owner, "müller maschinenbau", "customer") == [mueller.pk]


@pytest.mark.parametrize("typed", ["Mueller", "Muller", "MÜLLER", "Müler", "Mülller"])
def test_it_finds_names_without_umlauts_and_with_typos(owner, mueller, typed):
    assert mueller.pk in _ids(owner, typed, "customer")


def test_it_finds_a_contact_with_a_typo(owner, contact):
    assert _ids(owner, "Kesler", "contact") == [contact.pk]


@pytest.mark.parametrize("typed", ["Wartungsvertrag", "Wartungsverträge", "wartungsvertraegen", "Angebote"])
def test_it_finds_words_of_a_note_in_other_inflections(owner, call, typed):
    assert _ids(owner, typed, "call") == [call.pk]


def test_it_finds_the_start_of_a_word_while_typing(owner, call):
    assert _ids(owner, "Wartungsv", "call", prefix=True) == [call.pk]
    assert _ids(owner, "anla", "call", prefix=True) == [call.pk]


@pytest.mark.parametrize("typed", ["0711/12345-231", "+49 711 12345231", "07111234 5231", "0049711 12345 231"])
def test_it_finds_a_direct_line_in_any_format(owner, contact, typed):
    found = search(user=owner, query=typed)
    assert found.ids("contact") == [contact.pk]
    assert found.ids("customer") == [contact.customer_id]


def test_an_unknown_extension_falls_back_to_the_switchboards_customer(owner, customer, contact, mueller):
    match = phone_lookup(user=owner, number="0711 12345-999")
    assert match is not None and match.customer == customer and match.contact is None and not match.exact
    assert phone_lookup(user=owner, number="0711 12345").exact
    assert phone_lookup(user=owner, number="030 555123") is None


def test_the_phone_lookup_is_one_query_and_prefers_contacts_then_the_longest_switchboard(
    owner, outsider, customer, contact, elsewhere, django_assert_num_queries
):
    with django_assert_num_queries(1):
        match = phone_lookup(user=owner, number="0711 12345-231")
    assert (match.customer, match.contact, match.exact) == (customer, contact, True)
    assert match.customer.name == "Kessler Antriebstechnik GmbH" and match.contact.customer == customer
    # A longer switchboard number that the dialled number starts with wins over a shorter one.
    branch = Customer.objects.create(owner=owner, number="K-10003", name="Kessler Werk 2", phone="+49711123459")
    assert phone_lookup(user=owner, number="0711 12345-999").customer == branch
    # A mobile counts like a direct line; an active contact comes before one who left.
    gone = Contact.objects.create(customer=branch, last_name="Alt", mobile="+491701234567", is_active=False)
    here = Contact.objects.create(customer=customer, last_name="Neu", mobile="+491701234567")
    match = phone_lookup(user=owner, number="0170 1234567")
    assert (match.contact, match.customer) == (here, customer)
    here.delete()
    assert phone_lookup(user=owner, number="0170 1234567").contact == gone
    # Another team's contact with the full number is skipped, not shown, and not a reason to miss the switchboard.
    Contact.objects.create(customer=elsewhere, last_name="Fremd", phone="+4971112345777")
    match = phone_lookup(user=owner, number="0711 12345-777")
    assert (match.customer, match.contact, match.exact) == (customer, None, False)
    match = phone_lookup(user=outsider, number="0711 12345-777")
    assert match.customer == elsewhere and match.contact is not None and match.exact


def test_it_finds_a_number_while_it_is_typed(owner, contact):
    assert _ids(owner, "0711 1234", "contact") == [contact.pk]


def test_it_finds_e_mail_addresses_and_customer_numbers(owner, customer, contact, mueller):
    assert _ids(owner, "j.kessler@kessler-antriebe.de", "contact") == [contact.pk]
    assert _ids(owner, "K-10002", "customer") == [mueller.pk]
    assert _ids(owner, "k-1000", "customer") == [customer.pk, mueller.pk]


def test_it_finds_wrapup_facts(owner, customer, contact, call, mueller):
    order = Order.objects.create(
        customer=customer,
        call=call,
        created_by=owner,
        number="A-2026-00001",
        ordered_on=call.started_at.date(),
        delivery_note="KW 12",
        conditions="Mindestbestellmenge 500 Stück",
    )
    wish = Opportunity.objects.create(customer=customer, call=call, owner=owner, description="Neue Förderanlage")
    referral = Referral.objects.create(referring_customer=customer, prospect=mueller, note="Schwager des Einkäufers")
    assert _ids(owner, "Mindestbestellmenge", "order") == [order.pk]
    assert _ids(owner, "Förderanlagen", "opportunity") == [wish.pk]
    assert _ids(owner, "Schwager", "referral") == [referral.pk]


def test_the_index_follows_edits_and_deletes(owner, customer, call):
    call.note = "Rahmenvertrag besprochen"
    call.save(update_fields=["note"])
    assert _ids(owner, "Wartungsvertrag", "call") == []
    assert _ids(owner, "Rahmenvertrag", "call") == [call.pk]
    Call.objects.filter(pk=call.pk).update(note="Preisliste geschickt")  # no save(): the database keeps up itself
    assert _ids(owner, "Preisliste", "call") == [call.pk]
    call.delete()
    assert _ids(owner, "Preisliste", "call") == []
    customer.name = "Keller Hydraulik GmbH"
    customer.save(update_fields=["name"])
    assert _ids(owner, "Hydraulik", "customer") == [customer.pk]
    Customer.objects.filter(pk=customer.pk).delete()
    assert search(user=owner, query="Keller Hydraulik").groups == []


def test_bulk_loads_are_indexed(owner, customer):
    names = ("Zimmermann", "Lindqvist", "Okonkwo")
    Contact.objects.bulk_create([Contact(customer=customer, last_name=name) for name in names])
    for name in names:
        assert _ids(owner, name, "contact") == [Contact.objects.get(last_name=name).pk]


def test_it_never_shows_another_teams_data(owner, teammate, manager, outsider, customer, contact, call, elsewhere):
    for query in ("Kessler", "Wartungsvertrag", "0711 12345-231", "040 12345", "K-9", "Jens"):
        found = search(user=owner, query=query)
        assert elsewhere.pk not in found.ids("customer")
        assert not set(found.ids("call")) - {call.pk}
        assert not set(found.ids("contact")) - {contact.pk}
    assert search(user=teammate, query="Kessler").groups == []
    assert _ids(manager, "Kessler", "customer") == [customer.pk]
    assert phone_lookup(user=owner, number="040 12345") is None
    assert _ids(outsider, "Kessler", "customer") == [elsewhere.pk]


@pytest.mark.parametrize(
    "nasty",
    [
        '"',
        'Kessler"',
        '"Kessler',
        "Kess*",
        "NEAR(Kessler Jens)",
        "-Kessler",
        "Kessler -GmbH",
        "AND OR NOT",
        "^*:",
        "name : x",
        "'; DROP TABLE calls_call; --",
        "{}[]()",
        "x" * 10_000,
        "Wartung " * 1500,
        "der die das und",
        "\x00",
        "%_%",
        "ü" * 300,
    ],
)
def test_nasty_queries_give_results_or_nothing(owner, customer, call, nasty):
    for prefix in (False, True):
        search(user=owner, query=nasty, prefix=prefix)


def test_only_stop_words_find_nothing(owner, call):
    assert search(user=owner, query="der die das").groups == []


@pytest.mark.parametrize("role", ["seller", "manager", "admin"])
def test_the_sql_scope_agrees_with_customer_scope(owner, teammate, outsider, customer, elsewhere, role):
    from django.db import connection

    Customer.objects.create(owner=teammate, number="K-10003", name="Teamkunde")
    owner.role = role
    owner.save(update_fields=["role"])
    where, params = scope_sql(User.objects.get(pk=owner.pk))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cu.id FROM customers_customer cu WHERE {where} ORDER BY cu.id", params)
        by_sql = [row[0] for row in cursor.fetchall()]
    visible = list(Customer.objects.filter(customer_scope(owner)).order_by("pk").values_list("pk", flat=True))
    assert by_sql == visible
    owners = scope_owners(User.objects.get(pk=owner.pk))
    by_owner = Customer.objects.all() if owners is None else Customer.objects.filter(owner__in=owners)
    assert list(by_owner.order_by("pk").values_list("pk", flat=True)) == visible


@pytest.mark.parametrize("wider", [3, 5], ids=["own-records", "wider-window"])
def test_a_sellers_older_matches_are_found_when_colleagues_wrote_the_newest(owner, teammate, call, monkeypatch, wider):
    """The ranked window holds the newest matches of everyone; too few of them the seller's: asked again in scope.

    (PostgreSQL first looks through a wider window of newest matches: 5 holds them all, 3 does not reach the seller's,
    and then the seller's own records are searched.)
    """
    from davor.search import backends

    monkeypatch.setattr(backends, "RANK_WINDOW", 2)
    monkeypatch.setattr(backends, "PG_RANK_WINDOW", 2)
    monkeypatch.setattr(backends, "PG_SCOPE_WINDOW", wider)
    theirs = Customer.objects.create(owner=teammate, number="K-20001", name="Teamkunde")
    newest = [_note(theirs, teammate, "Wartungsvertrag") for _ in range(3)][-2:]
    assert _ids(owner, "Wartungsvertrag", "call") == [call.pk]
    assert sorted(_ids(teammate, "Wartungsvertrag", "call")) == newest  # only the window is ranked


def test_enter_on_a_word_still_being_typed_searches_its_start_but_a_whole_word_does_not(owner, call):
    assert _ids(owner, "Anlage Wartung", "call") == [call.pk]  # "wartung" is no word of the index: still typing
    _note(call.customer, owner, "Wartung erledigt")
    # Now it is a word: the search means it, and no note has it together with "Anlage".
    assert search(user=owner, query="Anlage Wartung").groups == []


def test_a_renamed_contact_is_found_with_a_typo(owner, contact):
    contact.last_name = "Zimmermann"
    contact.save()
    assert _ids(owner, "Zimerman", "contact") == [contact.pk]


def test_common_words_searched_together_are_found_in_the_newest_and_in_older_records(owner, call, monkeypatch):
    """PostgreSQL also checks the way: words ANALYZE names as common are walked through the newest records
    (a slice of 5 here), and the statistics answer whether a common word is whole."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from davor.search import backends

    monkeypatch.setattr(backends, "PG_NEWEST_SLICE", 5)
    monkeypatch.setattr(backends, "_pg_common", {})

    made = [_note(call.customer, owner, "Angebot geschickt" if i % 2 else "Lieferung bestätigt") for i in range(40)]
    together = _note(call.customer, owner, "Angebot, Lieferung")
    made += [
        _note(call.customer, owner, "Angebot") for _ in range(6)
    ]  # the newest 5 records have no "Lieferung": found in the older ones
    assert _ids(owner, "Angebot Lieferung", "call") == [together]
    assert set(_ids(owner, "Angebot", "call")) <= {*made, together, call.pk}
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE calls_call")
    backends._pg_common.clear()  # kept for PG_COMMON_MAX_AGE otherwise
    tables = backends._pg_tables(["call", "contact"], together="angebot lieferung")
    assert tables["call"].common and not tables["contact"].common
    assert _ids(owner, "Angebot Lieferung", "call") == [together]  # now walked
    with CaptureQueriesContext(connection) as asked:
        assert backends.is_whole_word("angebot")
    assert not any("EXISTS" in q["sql"] for q in asked.captured_queries)  # the statistics knew it
    assert not backends.is_whole_word("angebo")


def test_names_like_a_word_are_not_looked_for_once_many_notes_have_the_word(owner, customer, monkeypatch):
    """A window of newest notes full of the word: it is a word (here: a frequent name in notes), not a typo."""
    from davor.search import backends

    monkeypatch.setattr(backends, "RANK_WINDOW", 2)
    monkeypatch.setattr(backends, "PG_RANK_WINDOW", 2)
    schmitt = Customer.objects.create(owner=owner, number="K-10005", name="Schmitt Antriebe GmbH")
    assert _ids(owner, "Schmidt", "customer") == [schmitt.pk]  # no Schmidt: the like-named Schmitt
    for _ in range(2):
        _note(customer, owner, "Rückruf bei Herrn Schmidt")
    found = search(user=owner, query="Schmidt")
    assert len(found.ids("call")) == 2 and found.ids("customer") == []


def test_a_long_note_is_shortened_for_its_hit(owner, call):
    call.note = "Wartungsvertrag " + "lang " * 60
    call.save()
    (hit,) = [hit for group in search(user=owner, query="Wartungsvertrag").groups for hit in group.hits]
    assert len(hit.detail) == 140 and hit.detail.endswith("…") and hit.detail.startswith("Wartungsvertrag lang")


def test_the_connection_is_tuned_for_the_search():
    """SQLite keeps the index in a 64 MB page cache; PostgreSQL plans for data in memory or on SSD."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW random_page_cost")
            assert float(cursor.fetchone()[0]) == 1.1
        else:
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == -65536


def test_a_customer_handed_to_a_colleague_takes_its_records_into_the_colleagues_search(
    owner, teammate, customer, call, monkeypatch
):
    """Also past a window of newest matches that are not the colleague's, where the scope is part of the query."""
    from davor.search import backends

    monkeypatch.setattr(backends, "RANK_WINDOW", 2)
    monkeypatch.setattr(backends, "PG_RANK_WINDOW", 2)
    monkeypatch.setattr(backends, "PG_SCOPE_WINDOW", 2)
    kept = Customer.objects.create(owner=owner, number="K-10009", name="Eigenkunde")
    newest = {_note(kept, owner, "Angebot") for _ in range(2)}
    assert _ids(teammate, "Angebot", "call") == []
    customer.owner = teammate
    customer.save()
    assert _ids(teammate, "Angebot", "call") == [call.pk]  # the newest two were not the colleague's
    assert set(_ids(owner, "Angebot", "call")) == newest
    assert search(user=teammate, query=f"o{teammate.pk}").groups == []  # the owner token is no word of the text


def test_a_hit_says_where_its_words_stand_in_its_text():
    from davor.search.text import excerpt, terms

    note = "Rückruf vereinbart. " * 5 + "Die Wartungsverträge laufen im Juni aus; Hr. Müller schickt die Liste."

    before, word, after = excerpt(note, terms("mueller wartungsvertrag", prefix=True))

    assert word == "Wartungsverträge"
    assert before.startswith("…") and before.endswith("Die ")
    assert after.startswith(" laufen im Juni aus")
    assert excerpt("Müller", terms("Muller", prefix=False)) == ("", "Müller", "")
    assert excerpt("Kessler", terms("Schmidt", prefix=True)) is None
