"""The confirmation letter as PDF, laid out by WeasyPrint from ``orders/confirmation.html``.

Each copy is laid out on its own, so that its pages count from 1 and carry
their mark ("Original", "Copy"); the post PDF joins them.
"""

import re
import threading

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from davor.orders import fit
from davor.orders.document import Letter, day

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# Widths in mm of the type area, and of the return line inside the window (85 mm less 5 mm each side).
TYPE_AREA = 165.0
RETURN_LINE = 75.0
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """One per thread: building it costs ~40 ms a render, and it is not made to be shared across threads."""
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def copy_marks(copies: int) -> list[str]:
    """No mark on a single document; otherwise one original and the rest copies."""
    if copies <= 1:
        return [""]
    return [_("Original")] + [_("Copy")] * (copies - 1)


def letter_html(letter: Letter, *, mark: str = "", fax: bool = False) -> str:
    accent = letter.company.accent_color if _HEX.match(letter.company.accent_color or "") else "#1f5fbf"
    with translation.override(letter.language):
        return render_to_string(
            "orders/confirmation.html",
            {
                "letter": letter,
                "mark": mark,
                "fax": fax,
                # A fax prints black on white: no colour, no tint, nothing grey that turns to dither.
                "accent": "#000" if fax else accent,
                "muted": "#000" if fax else "#444",
                "tint": "transparent" if fax else "#eef1f6",
                "rule": "#000" if fax else "#999",
                "currency": letter.order.currency,
                "ordered_on": day(letter.order.ordered_on),
                **layout_of(letter),
            },
        )


def layout_of(letter: Letter) -> dict:
    """Sizes that keep the letterhead's line, the return line and each footer line on one line."""
    company = letter.company
    pieces = [letter.return_line]
    if company.phone:
        pieces.append(f"{_('Phone')} {company.phone}")
    if company.website:
        pieces.append(company.website)
    head = fit.fit_line(" · ".join(pieces), width=TYPE_AREA, pt=8.5, min_pt=7)
    footer = fit.fit_columns(letter.footer, width=TYPE_AREA, gap=3, pt=7, min_pt=6)
    return {
        # Abbreviating changes the text, so the letterhead shows the pieces of what was fitted.
        "head_pieces": head.text.split(" · "),
        "head_pt": head.pt,
        "return_line": fit.fit_line(letter.return_line, width=RETURN_LINE, pt=7, min_pt=6),
        "footer_fit": footer,
        "footer_columns": list(zip(footer.widths, letter.footer, strict=True)),
    }


def letter_documents(letter: Letter, *, copies: int, fax: bool = False) -> list[Document]:
    with translation.override(letter.language):
        marks = copy_marks(copies)
    config = _font_config()
    return [HTML(string=letter_html(letter, mark=mark, fax=fax)).render(font_config=config) for mark in marks]


def pdf_each(documents: list[Document]) -> list[bytes]:
    """One PDF per copy, as attached to an e-mail or a fax."""
    return [document.write_pdf() for document in documents]


def pdf_all(documents: list[Document]) -> bytes:
    """All copies in one PDF, as printed for the post."""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
