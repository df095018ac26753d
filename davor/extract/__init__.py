"""Free-text extraction of wrap-up facts from a seller's call note.

Pure Python, no Django: ``extract(text, now=..., lang=...)`` returns an
``Extraction`` whose ``to_dict()`` is the object fixed by
davor/extract/tests/data/SCHEMA.md.  Every fact keeps its character span.
"""

from .model import Extraction
from .pipeline import extract

__all__ = ["Extraction", "extract"]
