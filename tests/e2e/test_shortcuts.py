"""The keyboard-shortcut overview: "?" on any page shows it, Esc closes it, typing a "?" does not."""

import pytest
from playwright.sync_api import expect

from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_question_mark_shows_the_shortcuts_on_any_page(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    login(page, user)
    overview = page.get_by_role("dialog", name="Tastenkürzel")
    expect(overview).to_be_hidden()

    keys.press("?")
    expect(overview).to_be_visible()
    expect(overview).to_contain_text("Neues Gespräch")
    expect(overview).to_contain_text("Übernehmen, was die Notiz sagt")
    keys.press("n")  # the page behind the overview takes no shortcut
    keys.press("Escape")
    expect(overview).to_be_hidden()
    assert page.url == f"{site.url}/"

    keys.press("/")
    expect(page.locator("[data-search-box]")).to_be_focused()
    keys.type("Wer?")  # a question mark typed into the search is text, not a shortcut
    expect(page.locator("[data-search-box]")).to_have_value("Wer?")
    expect(overview).to_be_hidden()

    page.get_by_role("link", name="Kunden").click()
    page.wait_for_url("**/customers/")
    page.get_by_role("button", name="?", exact=True).click()  # the top bar's "?" for the mouse, on another page
    expect(overview).to_be_visible()
    overview.get_by_role("button", name="Schließen").click()
    expect(overview).to_be_hidden()
