"""What a typed query means: words, folded and stemmed, turned into a safe full-text query.

No Django here. Every token is reduced to letters and digits before it goes
near a query language, so that ``"``, ``*``, ``NEAR``, ``-`` or unbalanced
quotes are just text and can never make the database raise.
"""

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
MAX_TOKENS = 6
# Newest matches ranked per group: bm25 over all 180,000 matches of a common
# word costs ~300 ms; over the newest 2,000 it costs a few.
RANK_WINDOW = 2000

_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "à": "a", "á": "a"})
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))

_STOP = """
    der die das den dem des ein eine einer eines einem einen und oder aber mit von zu im in am an auf aus bei
    für fur ist sind war hat haben wird werden nicht noch auch als wie so es er sie wir ich du ihr man sich
    the a an and or of to in on at for with is are was be it this that by from as not
"""
STOP_WORDS = frozenset(_STOP.split())
# German inflection endings, longest first: the stem is what is left, the
# query asks for the stem with each ending (Vertrag → Verträge is "vertrage"
# once the index has removed the diacritics).
_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


@dataclass(frozen=True)
class Term:
    """One word of the query: what was typed (folded), its stem and its spelling variants."""

    word: str
    stem: str
    variants: tuple[str, ...]
    prefix: bool


def fold(text: str) -> str:
    """Lower case, umlauts and ß as the index stores them (ä → a, ß → ss)."""
    return text.casefold().translate(_FOLD)


def words(query: str) -> list[str]:
    """The query's words, folded; FTS syntax and punctuation are dropped, length is capped."""
    return [fold(w) for w in _WORD.findall(query[:MAX_QUERY_CHARS])]


def stem(word: str) -> str:
    """A small German stemmer: strip one inflection ending, keep at least four letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def spellings(word: str) -> tuple[str, ...]:
    """``mueller`` is also ``muller`` (the index has Müller as muller); others are themselves."""
    out = [word]
    replaced = word
    for digraph, vowel in _DIGRAPHS:
        replaced = replaced.replace(digraph, vowel)
    if replaced != word and len(replaced) >= 3:
        out.append(replaced)
    return tuple(out)


def terms(query: str, *, prefix: bool) -> list[Term]:
    """The query as terms; stop words are dropped (a query of only stop words has no terms).

    With ``prefix`` the last word also matches as the start of a word (as you type).
    """
    found = [w for w in words(query) if w not in STOP_WORDS and len(w) <= 60][:MAX_TOKENS]
    result = []
    for index, word in enumerate(found):
        last = index == len(found) - 1
        result.append(Term(word=word, stem=stem(word), variants=spellings(word), prefix=prefix and last))
    return result


def _quote(token: str) -> str:
    # Tokens are \w+ only; quoting still makes NEAR, AND, OR and NOT plain words.
    return '"' + token.replace('"', "") + '"'


def fts5_match(items: list[Term], *, inflect: bool = True) -> str:
    """The FTS5 MATCH expression: every term must match, in any of its forms."""
    parts = []
    for term in items:
        forms: set[str] = set(term.variants)
        for variant in term.variants if inflect else ():
            base = stem(variant)
            if len(base) >= 4:
                forms.add(base)
                forms.update(base + ending for ending in _ENDINGS)
        alternatives = [_quote(f) for f in sorted(forms)]
        if term.prefix and len(term.word) >= 2:
            alternatives.append(_quote(term.word) + "*")
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def tsquery(items: list[Term]) -> str:
    """The PostgreSQL ``to_tsquery`` text: words joined with ``&``, the typed word as a prefix."""
    parts = []
    for term in items:
        forms = [f"'{v}'" + (":*" if term.prefix else "") for v in term.variants]
        parts.append("(" + " | ".join(forms) + ")")
    return " & ".join(parts)


def digits_of(query: str) -> str:
    return re.sub(r"\D", "", query)


def looks_like_phone(query: str) -> bool:
    """Mostly digits (with + ( ) / - . and spaces), at least five of them."""
    text = query.strip()
    return bool(re.fullmatch(r"[\d\s()+/.\-]+", text)) and len(digits_of(text)) >= 5


def excerpt(text: str, items: list[Term], around: int = 45) -> tuple[str, str, str] | None:
    """Why ``text`` matched: the words around the first word a term starts, as (before, word, after).

    Compared folded (``Verträge`` holds ``vertrag``), the word is given as
    written; None when no term starts a word of it (a typo found by name).
    """
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    first: tuple[int, int] | None = None
    for term in items:
        for form in {term.word, term.stem, *term.variants}:
            found = re.search(r"(?<!\w)" + re.escape(form), haystack) if len(form) >= 2 else None
            if found and (first is None or found.start() < first[0]):
                first = (found.start(), found.end())
    if first is None:
        return None
    start, end = origin[first[0]], origin[first[1] - 1] + 1
    while end < len(text) and text[end].isalnum():
        end += 1  # the whole word, as the reader sees it
    low, high = max(0, start - around), min(len(text), end + around)
    before = ("…" if low else "") + text[low:start].lstrip()
    after = text[end:high].rstrip() + ("…" if high < len(text) else "")
    return before, text[start:end], after
