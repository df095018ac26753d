"""Dark mode follows the system setting, with the contrast of the light theme.

Every piece of visible text on the pages a seller uses most is measured
against the background it actually sits on (the first opaque one up the
tree); WCAG AA asks 4.5:1 for normal text.
"""

import pytest

from davor.customers.models import Contact, Customer
from davor.users.models import Team, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# For each element with its own text: its colour, the colour behind it, and their contrast ratio.
CONTRASTS = """() => {
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.9) return c.slice(0, 3);
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || !box.width || getComputedStyle(el).visibility !== "visible") continue;
    if (el.closest("dialog:not([open]), [hidden], .screen-pop:empty")) continue;
    const style = getComputedStyle(el);
    const fg = rgb(style.color).slice(0, 3), bg = behind(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({ text: el.textContent.trim().slice(0, 40), tag: el.tagName, ratio: (a + 0.05) / (b + 0.05),
               opacity: Number(style.opacity), bg: lum(bg) });
  }
  return out;
}"""


def _seller() -> tuple[User, Customer]:
    user = User.objects.create_user(username="sabine", first_name="Sabine", team=Team.objects.create(name="Süd"))
    customer = Customer.objects.create(owner=user, number="K-10001", name="Kessler Antriebstechnik GmbH")
    Contact.objects.create(customer=customer, first_name="Jens", last_name="Kessler", position="Einkauf", extension="2")
    return user, customer


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_keeps_its_contrast_in_either_scheme(site, new_page, login, scheme):
    user, customer = _seller()
    page = new_page(color_scheme=scheme)
    login(page, user)
    for path in ("/", "/customers/", f"/customers/{customer.pk}/", f"/calls/new/{customer.pk}/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        texts = page.evaluate(CONTRASTS)
        assert texts, path
        behind_headings = [t["bg"] for t in texts if t["tag"] in ("H1", "H2")]
        assert behind_headings, path
        if scheme == "dark":
            assert max(behind_headings) < 0.05, path  # a dark page, not the light one
        else:
            assert min(behind_headings) > 0.8, path
        poor = [t for t in texts if t["ratio"] < 4.5]
        assert not poor, (path, poor[:5])
