"""Importing customers and contacts from CSV and vCard files.

``read_file`` sniffs and splits a file, ``import_preview`` says what would
happen to each row (problems, proposed merges) without writing, and
``import_run`` writes a clean preview in one transaction; ``import_steps`` does the same, reporting progress.
"""

from davor.customers.imports.columns import COLUMNS, EXPORT_COLUMNS, guess_mapping
from davor.customers.imports.preview import Preview, Row, import_preview
from davor.customers.imports.reader import RawFile, UnreadableFile, read_file
from davor.customers.imports.run import ImportRejected, ImportResult, import_run, import_steps

__all__ = [
    "COLUMNS",
    "EXPORT_COLUMNS",
    "ImportRejected",
    "ImportResult",
    "Preview",
    "RawFile",
    "Row",
    "UnreadableFile",
    "guess_mapping",
    "import_preview",
    "import_run",
    "import_steps",
    "read_file",
]
