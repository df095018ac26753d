"""The confirmation as a document: what it says, where the address sits, how copies and faxes look."""

import re
import subprocess
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation

from davor.orders.document import direct_dial, totals_of
from davor.orders.pdf import letter_documents, pdf_all, pdf_each
from davor.orders.selectors import company_profile_get, letter_for
from davor.orders.tests.conftest import pdf_text

MM = 72 / 25.4  # PDF points per millimetre
# DIN 5008 form B address field for a DL window envelope: 20 mm from the left, 45 mm from the top, 85 × 45 mm.
WINDOW = (20 * MM, 45 * MM, 105 * MM, 90 * MM)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _pdf(order, contact, *, copies=1, fax=False) -> bytes:
    letter = letter_for(order=order, contact=contact, company=company_profile_get())
    return pdf_all(letter_documents(letter, copies=copies, fax=fax))


def _first_page_words(pdf: bytes, tmp_path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points from the top left of page 1."""
    html = pdf_text(pdf, tmp_path, "-bbox", "-f", "1", "-l", "1")
    return [(unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in WORD.finditer(html)]


def test_it_puts_the_recipient_inside_the_window_field(order, contact, tmp_path):
    words = _first_page_words(_pdf(order, contact), tmp_path)
    address = {"Kessler", "Antriebstechnik", "GmbH", "Jens", "Industriestraße", "12", "70565"}
    found = [w for w in words if w[0] in address and w[2] > 100 * MM / 3]  # not the letterhead
    placed = {
        w[0] for w in found if WINDOW[0] <= w[1] and w[3] <= WINDOW[2] and WINDOW[1] <= w[2] and w[4] <= WINDOW[3]
    }

    assert placed == address
    street = next(w for w in words if w[0] == "Industriestraße")
    # Below the 17.7 mm zone for the return address and notes, in the address zone proper.
    assert street[2] > (45 + 17.7) * MM


def test_it_says_what_was_agreed(order, contact, tmp_path):
    text = pdf_text(_pdf(order, contact), tmp_path)

    for expected in ("A-2026-00042", "K-10001", "Getriebemotor GM-40", "Inbetriebnahme vor Ort", "KW 12"):
        assert expected in text
    assert "12.500,00" in text  # 10 × 1.250,00
    assert "1.323,00" in text  # 1,5 × 980,00 less 10 %
    assert "13.131,85" in text  # net: 13.823,00 less 5 % discount
    assert "15.626,90" in text  # gross with 19 % VAT (2.495,05)
    assert "0711 98760-214" in text  # the seller's direct extension
    assert "HRB 123456" in text and "DE02600901000000000000" in text and "DE123456789" in text
    assert "Original" not in text


def test_it_formats_a_german_letter_the_german_way(order, contact, tmp_path):
    text = pdf_text(_pdf(order, contact), tmp_path)

    assert "2. März 2026" in text
    assert "Telefon" in text


def test_it_words_a_german_letter_in_german(order, contact, tmp_path):
    text = pdf_text(_pdf(order, contact), tmp_path)

    assert "Auftragsbestätigung Nr. A-2026-00042" in text
    assert "Herrn Jens Kessler" in text
    assert "Sehr geehrter Herr Kessler" in text
    assert "Mit freundlichen Grüßen" in text


def test_it_writes_in_english_to_an_english_customer(order, customer, contact, tmp_path):
    customer.language = "en"
    customer.save(update_fields=["language"])
    with translation.override("de"):  # the seller's language does not matter
        text = pdf_text(_pdf(order, contact), tmp_path)

    assert "Order confirmation no. A-2026-00042" in text
    assert "Dear Mr Kessler," in text
    assert "Mr Jens Kessler" in text
    assert "2 March 2026" in text  # British: day first
    assert "12,500.00" in text
    assert "2 % early-payment discount if paid within 10 days, 30 days net" in text


def test_it_marks_the_original_and_the_copy(order, contact, tmp_path):
    letter = letter_for(order=order, contact=contact, company=company_profile_get())
    documents = letter_documents(letter, copies=2)
    each = [pdf_text(pdf, tmp_path) for pdf in pdf_each(documents)]
    combined = pdf_text(pdf_all(documents), tmp_path)

    assert "Original" in each[0] and "Kopie" not in each[0] and "Copy" not in each[0]
    assert "Kopie" in each[1] or "Copy" in each[1]
    assert combined.count("A-2026-00042") == sum(text.count("A-2026-00042") for text in each)


def _colours(pdf: bytes, tmp_path) -> set[tuple[int, ...]]:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", str(path)], check=True, capture_output=True)
    # A binary PPM: "P6\n<w> <h>\n255\n" and then RGB triples.
    body = raw.stdout.split(b"\n", 3)[3]
    return {tuple(body[i : i + 3]) for i in range(0, len(body), 3)}


def test_it_sends_faxes_in_black_and_white(order, contact, tmp_path):
    coloured = _colours(_pdf(order, contact), tmp_path)
    fax = _colours(_pdf(order, contact, fax=True), tmp_path)

    assert any(len(set(rgb)) > 1 for rgb in coloured)
    assert all(len(set(rgb)) == 1 for rgb in fax)


def test_it_adds_discount_and_vat_to_the_total():
    class Line:
        def __init__(self, amount):
            self.net_amount = Decimal(amount)

    totals = totals_of([Line("100.00"), Line("33.33")], discount_percent=Decimal("3"), vat_percent=Decimal("19"))

    assert totals.discount == Decimal("4.00")
    assert totals.net == Decimal("129.33")
    assert totals.vat == Decimal("24.57")
    assert totals.gross == Decimal("153.90")


@pytest.mark.parametrize(
    ("switchboard", "extension", "direct"),
    [
        ("0711 98760-0", "214", "0711 98760-214"),
        ("0711 987600", "214", "0711 987600-214"),
        ("0711 98760-0", "", "0711 98760-0"),
    ],
)
def test_it_dials_the_seller_directly(switchboard, extension, direct):
    assert direct_dial(switchboard, extension) == direct


@pytest.fixture
def long_letterhead(company):
    """A company whose name, web address and IBAN are as long as real ones get."""
    company.name = "Vogt & Partner Industriebedarf GmbH"
    company.street = "Liebknechtstraße 33"
    company.postal_code = "70565"
    company.website = "www.vogt-industriebedarf.de"
    company.email = "vertrieb@vogt-industriebedarf.de"
    company.fax = "0711 98760-99"
    company.managing_directors = "Dr. Sabine Vogt, Markus Engel"
    company.iban = "DE89 3704 0044 0532 0130 00"
    company.save()
    return company


def _same_line(words) -> bool:
    return len({round(w[2]) for w in words}) == 1


def test_it_keeps_the_web_address_whole_in_letterhead_and_footer(order, contact, long_letterhead, tmp_path):
    words = _first_page_words(_pdf(order, contact), tmp_path)

    whole = [w for w in words if w[0] == "www.vogt-industriebedarf.de"]
    assert len(whole) == 2  # the letterhead's line and the footer
    assert not [w for w in words if w[0] in ("www.vogt-", "industriebedarf.de")]
    assert whole[0][2] < 45 * MM  # in the letterhead
    letterhead = [w for w in words if whole[0][2] - 1 < w[2] < whole[0][4]]
    assert {"Vogt", "Telefon", "70565", "www.vogt-industriebedarf.de"} <= {w[0] for w in letterhead}
    assert _same_line(letterhead)


def test_it_keeps_the_return_line_on_one_line_in_the_window(order, contact, long_letterhead, tmp_path):
    words = _first_page_words(_pdf(order, contact), tmp_path)
    # The zone for the return address: the top 17.7 mm of the window field.
    returned = [w for w in words if w[2] > 45 * MM and w[4] < (45 + 17.7) * MM and w[3] < WINDOW[2]]

    assert [w[0] for w in returned][:4] == ["Vogt", "&", "Partner", "Industriebedarf"]
    assert returned[-1][0] == "Stuttgart"
    assert _same_line(returned)
    assert all(WINDOW[0] + 5 * MM <= w[1] and w[3] <= WINDOW[2] - 5 * MM for w in returned)


def test_it_keeps_each_footer_line_whole(order, contact, long_letterhead, tmp_path):
    words = _first_page_words(_pdf(order, contact), tmp_path)
    start = [w[0] for w in words].index("IBAN")
    iban = words[start : start + 7]

    assert " ".join(w[0] for w in iban) == "IBAN DE89 3704 0044 0532 0130 00"
    assert _same_line(iban)
    email = next(w for w in words if w[0] == "vertrieb@vogt-industriebedarf.de")
    assert email[2] > 250 * MM  # in the footer, one word
