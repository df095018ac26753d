"""/api/v1/opportunities/ and /api/v1/referrals/."""

from davor.customers.models import Customer
from davor.pipeline.models import Opportunity, Referral


def _referral(customer) -> Referral:
    prospect = Customer.objects.create(owner=customer.owner, number="K-19999", name="Neu GmbH")
    return Referral.objects.create(referring_customer=customer, prospect=prospect)


def test_it_lists_filters_and_updates_opportunities(owner_api, owner, customer):
    wish = Opportunity.objects.create(customer=customer, owner=owner, description="Linearführungen")
    Opportunity.objects.create(customer=customer, owner=owner, description="Alt", status="lost")

    listed = owner_api.get("/opportunities/", {"status": "open"}).json()["results"]
    assert [row["id"] for row in listed] == [wish.pk]
    response = owner_api.send(
        "PATCH", f"/opportunities/{wish.pk}/", {"status": "won", "estimated_value": "1200", "version": 1}
    )

    assert response.status_code == 200, response.content
    wish.refresh_from_db()
    assert (wish.status, str(wish.estimated_value)) == ("won", "1200.00")
    assert owner_api.send("PATCH", f"/opportunities/{wish.pk}/", {"status": "maybe", "version": 2}).status_code == 422


def test_a_null_in_a_patch_empties_only_what_may_be_empty(owner_api, owner, customer):
    wish = Opportunity.objects.create(
        customer=customer, owner=owner, description="Linearführungen", estimated_value=500
    )
    sent = {"description": None, "status": None, "estimated_value": None, "version": 1}
    assert owner_api.send("PATCH", f"/opportunities/{wish.pk}/", sent).status_code == 200
    wish.refresh_from_db()
    assert (wish.description, wish.status, wish.estimated_value) == ("Linearführungen", "open", None)


def test_it_lists_and_thanks_referrals(owner_api, customer):
    referral = _referral(customer)

    assert [r["id"] for r in owner_api.get("/referrals/", {"thanked": False}).json()["results"]] == [referral.pk]
    response = owner_api.send("PATCH", f"/referrals/{referral.pk}/", {"thanked": True, "status": "contacted"})

    assert response.status_code == 200
    assert response.json()["thanked_at"] is not None
    assert owner_api.get("/referrals/", {"thanked": False}).json()["results"] == []


def test_it_hides_another_teams_pipeline(outsider_api, owner, customer):
    wish = Opportunity.objects.create(customer=customer, owner=owner, description="Linearführungen")
    referral = _referral(customer)

    assert outsider_api.get(f"/opportunities/{wish.pk}/").status_code == 404
    assert outsider_api.send("PATCH", f"/opportunities/{wish.pk}/", {"status": "lost", "version": 1}).status_code == 404
    assert outsider_api.send("PATCH", f"/referrals/{referral.pk}/", {"thanked": True}).status_code == 404
    assert outsider_api.get("/referrals/").json()["results"] == []
    wish.refresh_from_db()
    assert wish.status == "open"


def test_it_refuses_a_stale_opportunity_edit(owner_api, owner, customer):
    wish = Opportunity.objects.create(customer=customer, owner=owner, description="Linearführungen")
    assert owner_api.send("PATCH", f"/opportunities/{wish.pk}/", {"status": "won", "version": 1}).status_code == 200

    stale = owner_api.send("PATCH", f"/opportunities/{wish.pk}/", {"status": "lost"}, headers={"If-Match": 'W/"1"'})

    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    wish.refresh_from_db()
    assert (wish.status, wish.version) == ("won", 2)
    assert owner_api.send("PATCH", f"/opportunities/{wish.pk}/", {"status": "lost"}).status_code == 428
