"""Every page a seller, a manager and an admin can reach answers, and none scrolls sideways on a phone.

The demo data (the same loader as `davor demo`) gives each role something to
see. From the top bar, Today, a customer page, a call page and an order page
every link is followed (redirects too) and must answer 200; each kind of
page (its address with the numbers taken out) is then opened 390 pixels
wide and must fit.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation

from davor.calls.models import Call
from davor.users.demo.loader import demo_load
from davor.users.models import User
from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Not Davor's own layout: Django's back office and the API's generated documentation.
NOT_OURS = ("/admin/", "/api/")
LINKS = """Array.from(document.querySelectorAll('a[href]'), a => a.href)"""
WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture
def demo(site):
    with translation.override("de"):
        demo_load()


def _start_pages(user: User) -> list[str]:
    mine = Call.objects.filter(customer__owner=user) if user.role == User.Role.SELLER else Call.objects.all()
    call = mine.exclude(customer__orders=None).order_by("pk").first()  # a customer page with an order on it
    order = call.customer.orders.order_by("pk").first()
    return ["/", call.customer.get_absolute_url(), call.get_absolute_url(), order.get_absolute_url()]


def _reachable(page, site, starts: list[str]) -> set[str]:
    found = set(starts)
    for start in starts:
        page.goto(start)
        for href in page.evaluate(LINKS):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" == site.url:
                found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


@pytest.mark.parametrize("username", ["demo", "leitung", "admin"])
def test_every_reachable_page_answers_and_fits_a_phone(site, demo, new_page, login, username):
    user = User.objects.get(username=username)
    page = new_page()
    login(page, user)
    paths = _reachable(page, site, _start_pages(user))
    assert len(paths) > 15

    broken = {}
    for path in sorted(paths):
        response = page.request.get(path)  # the browser's cookies; redirects followed
        if response.status != 200:
            broken[path] = response.status
    assert broken == {}

    phone = new_page(viewport=PHONE)
    login(phone, user)
    wide = {}
    shapes = {_shape(p): p for p in sorted(paths) if not p.startswith(NOT_OURS)}
    for path in shapes.values():
        response = phone.goto(path)
        if "text/html" not in (response.headers.get("content-type", "") if response else ""):
            continue
        scroll_width, window_width = phone.evaluate(WIDTH)
        if scroll_width > window_width:
            wide[path] = scroll_width
    assert wide == {}, f"wider than {PHONE['width']} px"
