"""Journey 4: on Today, three promises ticked off with "x" in a row, the last one taken back."""

from datetime import date
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from davor.agenda.models import Task
from davor.customers.models import Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLES = ["Angebot schicken", "Muster nachreichen", "Preisliste mailen", "Rückruf Einkauf"]


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _wait_for_focus(page, element_id: str) -> None:
    expect(page.locator(f"#{element_id}")).to_be_focused()


def test_it_ticks_off_three_rows_by_keyboard_and_undoes_the_last(site, page, login, keys):
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    tasks = [
        Task.objects.create(customer=customer, owner=user, kind=Task.Kind.OUR_PROMISE, title=title, due=date.today())
        for title in TITLES
    ]

    login(page, user)
    first = f"task-{tasks[0].pk}"
    while _focused(page) != first:  # Tab through the top bar to the first row, as a person does
        keys.press("Tab")
        assert keys.count <= 15, f"the first row is not reachable with Tab (at {_focused(page)!r})"

    for done, following in pairwise(tasks):
        keys.press("x")
        page.wait_for_selector(f"#task-{done.pk}", state="detached")
        _wait_for_focus(page, f"task-{following.pk}")
    assert "„Preisliste mailen“ erledigt." in page.inner_text("#tasks [role=status]")
    assert set(Task.objects.filter(done_at__isnull=False).values_list("title", flat=True)) == set(TITLES[:3])

    keys.press("u")

    _wait_for_focus(page, f"task-{tasks[2].pk}")
    assert "Preisliste mailen" in page.locator("#tasks [data-done-form]").all_inner_texts()[0]
    assert page.locator("#tasks [role=status]").count() == 0
    assert set(Task.objects.filter(done_at__isnull=True).values_list("title", flat=True)) == set(TITLES[2:])
    assert keys.count <= 15 + 4
