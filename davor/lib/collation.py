"""German dictionary order (DIN 5007-1) that both databases compute the same way.

Umlauts sort as their base letters ("Bäckerei" between "Bachmann" and
"Bauer"), ß as ss, é and è as e, and case does not matter. Written as plain
``lower``/``replace`` expressions rather than a database collation: SQLite
has no German collation, a custom one would make the file unreadable to
tools that lack it, and PostgreSQL's ICU collations depend on how the server
was built. Stored as a generated column, it can be indexed like any other.
"""

from django.db.models import Expression, F, Value
from django.db.models.functions import Lower, Replace

# Upper and lower case both: SQLite's lower() folds only ASCII letters. Kept to the letters of
# German names and the commonest French accent: SQLite's parser allows only so many nested calls.
FOLDS = {
    "ä": "a", "Ä": "a", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u", "ß": "ss", "é": "e", "É": "e", "è": "e",
}  # fmt: skip


def german_sort_key(field: str) -> Expression:
    """An expression for ``field`` in German dictionary order (see the module's text)."""
    expression: Expression = Lower(F(field))
    for letter, base in FOLDS.items():
        expression = Replace(expression, Value(letter), Value(base))
    return expression


def german_sort_text(text: str) -> str:
    """The same key in Python, for lists that are sorted in memory."""
    folded = text.lower()
    for letter, base in FOLDS.items():
        folded = folded.replace(letter, base)
    return folded
