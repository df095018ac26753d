"""Every URL that takes an object id, asked for another team's object: 404 (or 403), never the object.

Generated from the URL configuration: a new URL whose id has no factory in
FACTORIES fails this test until someone says how to make such an object.
"""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from davor.agenda.tests.factories import appointment, task
from davor.calls.services import wrapup_submit
from davor.calls.tests.test_wrapup_service import _deal
from davor.orders.models import Confirmation, ConfirmationSending, Order
from davor.pipeline.models import Opportunity, Referral
from davor.users.models import ApiToken
from davor.users.tokens import api_token_create

# URL keyword → how to make the object, owned by the customer's owner (another team than the outsider).
FACTORIES: dict[str, Callable[[dict], Any]] = {
    "customer_id": lambda world: world["customer"],
    "contact_id": lambda world: world["contact"],
    "call_id": lambda world: world["call"],
    "order_id": lambda world: world["order"],
    "sending_id": lambda world: _sending(world),
    "task_id": lambda world: task(world["customer"], due=None),
    "appointment_id": lambda world: appointment(world["customer"], start=datetime(2030, 3, 10, 13, tzinfo=UTC)),
    "opportunity_id": lambda world: Opportunity.objects.create(
        customer=world["customer"], owner=world["owner"], description="Linearführungen"
    ),
    "referral_id": lambda world: Referral.objects.create(
        referring_customer=world["customer"], prospect=world["customer"]
    ),
    "token_id": lambda world: api_token_create(user=world["owner"], name="CRM")[0],
    "phone_call_id": lambda world: apps.get_model("telephony", "PhoneCall").objects.create(
        user=world["owner"], customer=world["customer"], number="+4971112345", started_at=datetime.now(UTC)
    ),
}
# Keywords that are not object ids: the secret in the URL is the credential itself.
NOT_OBJECT_IDS = {"token"}
SKIPPED_NAMESPACES = {"admin"}  # staff only, behind Django's own permission checks
METHODS = ("get", "post", "put", "patch", "delete")
MISSING_ID = 2_000_000_000


def _patterns(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str | None, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _object_urls() -> list[tuple[str, list[str]]]:
    found = {}
    for route, namespace, pattern in _patterns(get_resolver().url_patterns):
        keywords = list(getattr(pattern.pattern, "converters", {}))
        if namespace in SKIPPED_NAMESPACES or not keywords or set(keywords) <= NOT_OBJECT_IDS:
            continue
        found[route] = keywords
    return sorted(found.items())


def _sending(world: dict) -> ConfirmationSending:
    confirmation = Confirmation.objects.create(
        order=world["order"], version=1, fingerprint="x", created_by=world["owner"]
    )
    return ConfirmationSending.objects.create(
        confirmation=confirmation,
        channel="post",
        recipient="Kessler",
        status="printed",
        at=datetime.now(UTC),
        by=world["owner"],
    )


def _url(route: str, ids: dict[str, int]) -> str:
    for keyword, value in ids.items():
        for converter in ("int:", "str:", "slug:", ""):
            route = route.replace(f"<{converter}{keyword}>", str(value))
    return "/" + route.lstrip("^").rstrip("$")


def _snapshot() -> dict:
    from davor.agenda.models import Appointment, Task
    from davor.calls.models import Call
    from davor.customers.models import Contact, Customer

    models = [Customer, Contact, Call, Order, ConfirmationSending, Task, Appointment, Opportunity, Referral]
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    state["ApiToken"] = list(ApiToken.objects.filter(name="CRM").values())
    return state


def _ask(client: Client, method: str, url: str, secret: str):
    headers = {"Authorization": f"Bearer {secret}"}
    if method in ("get", "delete"):
        return getattr(client, method)(url, headers=headers)
    if "/api/" in url:
        return getattr(client, method)(url, {}, content_type="application/json", headers=headers)
    return getattr(client, method)(url, {}, headers=headers)


def test_it_knows_how_to_make_an_object_for_every_id_in_the_urls(db):
    unknown = {
        f"{route} → {keyword}"
        for route, keywords in _object_urls()
        for keyword in keywords
        if keyword not in FACTORIES and keyword not in NOT_OBJECT_IDS
    }
    assert not unknown, f"Add a factory to FACTORIES for: {sorted(unknown)}"
    assert len(_object_urls()) >= 20


def test_it_never_gives_another_teams_objects_away(owner, customer, contact, outsider):
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    world = {"owner": owner, "customer": customer, "contact": contact, "call": call}
    world["order"] = Order.objects.get(call=call)
    ids = {keyword: make(world).pk for keyword, make in FACTORIES.items()}
    _token, secret = api_token_create(user=outsider, name="outsider")
    client = Client()
    client.force_login(outsider)
    before = _snapshot()
    leaks = []

    for route, keywords in _object_urls():
        if not set(keywords) <= set(FACTORIES) | NOT_OBJECT_IDS:
            continue  # reported by the test above
        url = _url(route, ids)
        missing_url = _url(route, dict.fromkeys(ids, MISSING_ID))
        for method in METHODS:
            status = _ask(client, method, url, secret).status_code
            # A 422 is fine only if a missing object gets the same: the body was judged, not the object.
            if status in (403, 404, 405) or status == _ask(client, method, missing_url, secret).status_code == 422:
                continue
            leaks.append(f"{method.upper()} {url} → {status}")

    assert leaks == []
    assert _snapshot() == before
