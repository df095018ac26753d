"""Reading an uploaded address book: sniff what it is, decode it, split it into rows.

CSV comes in two dialects: as German Excel writes it (``;``, Windows-1252 or
UTF-8 with a BOM, ``1.234,56``) and as other CRMs export it (``,``, UTF-8).
Files edited by several programs mix encodings line by line, so each line is
decoded on its own: UTF-8 when it is valid UTF-8, else Windows-1252.
vCards (3.0 and 4.0) are read with vobject into the same rows.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

BOM = b"\xef\xbb\xbf"
DELIMITERS = ";,\t|"


@dataclass
class RawFile:
    kind: str  # "csv" or "vcard"
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    delimiter: str = ""
    encoding: str = "utf-8"
    problems: list[tuple[int, str]] = field(default_factory=list)  # problems of the file itself, by row

    @property
    def decimal_comma(self) -> bool:
        """German Excel: ``;`` between cells goes with ``1.234,56`` in them."""
        return self.delimiter == ";"


class UnreadableFile(ValueError):
    pass


class TooManyRows(UnreadableFile):
    """More rows than DAVOR_IMPORT_MAX_ROWS: said before anything else is read or checked."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            _(
                "The file has more than %(limit)s rows; Davor imports at most %(limit)s at a time "
                "(DAVOR_IMPORT_MAX_ROWS). Split it into several files."
            )
            % {"limit": f"{limit:,}".replace(",", ".")}
        )


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in ("utf-8", "windows-1252" or "mixed")."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines, encodings = [], set()
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            if not line.isascii():
                encodings.add("utf-8")
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
            encodings.add("windows-1252")
    return "\n".join(lines), "mixed" if len(encodings) > 1 else "windows-1252"


def is_vcard(text: str, filename: str = "") -> bool:
    return filename.lower().endswith((".vcf", ".vcard")) or text.lstrip()[:11].upper() == "BEGIN:VCARD"


def sniff_delimiter(text: str) -> str:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # The sniffer gives up on quoted newlines and ragged rows: count in the header line instead.
        first = sample.split("\n", 1)[0]
        return max(DELIMITERS, key=first.count)


def read_csv(text: str, encoding: str, max_rows: int = 10**9) -> RawFile:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw = RawFile(kind="csv", headers=[], rows=[], delimiter=delimiter, encoding=encoding)
    try:
        raw.headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    except csv.Error as exc:
        raise UnreadableFile(str(exc)) from None
    line = reader.line_num
    while True:
        # The row number is the line where the row starts, as a text editor shows it.
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raw.problems.append((start, _("Unreadable line: %(error)s") % {"error": exc}))
            line = reader.line_num
            continue
        line = reader.line_num
        if any(cell.strip() for cell in cells):
            raw.rows.append((start, cells))
            if len(raw.rows) > max_rows:
                raise TooManyRows(max_rows)
    return raw


def read_file(data: bytes, filename: str = "", max_rows: int | None = None) -> RawFile:
    """Sniff, decode and split a CSV file or a vCard file of at most ``max_rows`` (DAVOR_IMPORT_MAX_ROWS) rows."""
    limit = settings.DAVOR_IMPORT_MAX_ROWS if max_rows is None else max_rows
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    text, encoding = decode(data)
    if "\x00" in text:
        raise UnreadableFile(_("This is not a text file (CSV or vCard). Save it from Excel as CSV first."))
    if is_vcard(text, filename):
        from davor.customers.imports.vcard import read_vcards

        raw = read_vcards(text, encoding)
        if len(raw.rows) > limit:
            raise TooManyRows(limit)
        return raw
    return read_csv(text, encoding, max_rows=limit)
