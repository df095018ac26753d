"""/api/v1/orders/: read, filter, revise with the version read."""

from davor.calls.services import wrapup_submit
from davor.calls.tests.test_wrapup_service import _deal
from davor.orders.models import Order


def _order(owner, customer, contact) -> Order:
    call = wrapup_submit(user=owner, customer=customer, data=_deal(contact))
    return Order.objects.get(call=call)


def test_it_lists_filters_and_reads_orders(owner_api, owner, customer, contact):
    order = _order(owner, customer, contact)

    listed = owner_api.get("/orders/", {"customer_id": customer.pk}).json()["results"]
    assert [row["number"] for row in listed] == [order.number]
    assert owner_api.get("/orders/", {"ordered_from": "2099-01-01"}).json()["results"] == []
    body = owner_api.get(f"/orders/{order.pk}/").json()
    assert body["version"] == 1
    assert body["lines"][0]["description"] == order.lines.first().description


def test_it_revises_an_order_and_refuses_a_stale_version(owner_api, owner, customer, contact):
    order = _order(owner, customer, contact)
    terms = owner_api.get(f"/orders/{order.pk}/").json()
    terms.update(payment_net_days=45, version=1)

    revised = owner_api.send("PUT", f"/orders/{order.pk}/", terms)
    assert revised.status_code == 200, revised.content
    assert revised.json()["version"] == 2
    stale = owner_api.send("PUT", f"/orders/{order.pk}/", {**terms, "payment_net_days": 60})

    assert stale.status_code == 409
    assert any(change["new"] == "45" for change in stale.json()["changes"])
    order.refresh_from_db()
    assert order.payment_net_days == 45


def test_it_explains_bad_input(owner_api, owner, customer, contact):
    order = _order(owner, customer, contact)

    response = owner_api.send("PUT", f"/orders/{order.pk}/", {"version": 1, "confirmation_copies": 9})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "confirmation_copies"


def test_it_hides_another_teams_orders(outsider_api, owner, customer, contact):
    order = _order(owner, customer, contact)

    assert outsider_api.get(f"/orders/{order.pk}/").status_code == 404
    assert outsider_api.send("PUT", f"/orders/{order.pk}/", {"version": 1}).status_code == 404
    assert outsider_api.get("/orders/").json()["results"] == []
    order.refresh_from_db()
    assert order.version == 1
