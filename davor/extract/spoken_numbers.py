"""Tables of the normalisation pass (spoken.py): number words of German and
English, fillers, words that correct what was just said, and common words that
people type without umlauts.

The number tables are the cardinal and ordinal words of both languages' school
grammars (German: units, "-zehn", "-zig", compounds with "und", "hundert",
"tausend"; English: units, "-teen", "-ty", "hundred", "thousand") plus the
forms of dictated telephone numbers (German "zwo", English "oh", "double",
"triple").  "Million" stays a word: the amount reader reads "2,5 Mio." itself.
"""

from __future__ import annotations

from functools import lru_cache

_UNITS_DE = {
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19,
}  # fmt: skip
_TENS_DE = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "fuenfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_EN = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS_EN = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip
_ORDINAL_STEMS_DE = {"erst": 1, "dritt": 3, "siebt": 7, "siebent": 7, "acht": 8}
_MULT = {"hundert": 100, "tausend": 1000, "hundred": 100, "thousand": 1000}

# Hesitation sounds of speech recognition and dictation.
FILLERS: dict[str, frozenset[str]] = {
    "de": frozenset(["äh", "ähm", "aeh", "aehm", "öhm", "oehm", "ehm", "hm", "hmm", "also"]),
    "en": frozenset(["uh", "um", "uhm", "erm", "hmm", "er"]),
}
# Words that take back what was just said ("Dienstag, nein, Mittwoch").
CORRECTION_CUES = ["nein", "nee", "no", "sorry", "falsch", "korrektur", "correction", "ich meine", "i mean",
                   "quatsch", "äh", "ähm", "uh"]  # fmt: skip

# Common German words of business notes that contain an umlaut, as people
# type them without a German keyboard (ae/oe/ue); names are never rewritten.
_UMLAUT_VOCABULARY = """
nächste nächsten nächster nächstes übernächste übernächsten über für fürs märz jänner gespräch gespräche
zurück rückruf rückrufen zurückrufen rückmeldung rückfragen rücksprache stück stücke büro möbel größe
menü präsentation prüfung überprüfung geräte gerät geschäftsführer geschäftsführerin geschäftsführung
geschäftsleitung geschäftsjahr bestätigung bestätigt bestätigen auftragsbestätigung ausführung möchte
möchten würde würden könnte können müssen später spätestens früher frühestens frühjahr frühling
wöchentlich täglich grüße schlüssel tür türen zubehör lösung lösungen änderung änderungen übergabe
überweisung überlegt überlegen überlegung gebühr gebühren zuständig zuständige kündigung verfügung
gültig einkäufer einkäuferin einführung stühle schränke kühlschrank verlängerung verlängert ermäßigung
gewünscht gewährt natürlich zunächst ungefähr persönlich hätte wäre
"""
UMLAUT_WORDS: dict[str, str] = {
    w.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"): w for w in _UMLAUT_VOCABULARY.split()
}


def number_word(word: str, lang: str) -> tuple[str, int | None]:
    """(kind, value) of a case-folded word; kind "word" when it is no number word."""
    if lang == "en":
        return _english(word)
    return _german(word)


@lru_cache(maxsize=4096)
def _english(word: str) -> tuple[str, int | None]:
    if word in ("zero", "oh"):
        return ("zero", 0)
    if word in ("double", "triple"):
        return ("double", 2 if word == "double" else 3)
    if word == "point":
        return ("point", None)
    if word == "plus":
        return ("plus", None)
    if word in ("dash", "hyphen"):
        return ("dash", None)
    if word in _MULT:
        return ("mult", _MULT[word])
    value = _english_cardinal(word)
    if value is not None:
        return ("num", value)
    if word in _ORDINALS_EN:
        return ("ordinal", _ORDINALS_EN[word])
    tens, _, unit = word.partition("-")
    if tens in _TENS_EN and unit in _ORDINALS_EN and _ORDINALS_EN[unit] < 10:
        return ("ordinal", _TENS_EN[tens] + _ORDINALS_EN[unit])
    return ("word", None)


def _english_cardinal(word: str) -> int | None:
    if word in _UNITS_EN:
        return _UNITS_EN[word]
    if word in _TENS_EN:
        return _TENS_EN[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS_EN and unit in _UNITS_EN and _UNITS_EN[unit] < 10:
        return _TENS_EN[tens] + _UNITS_EN[unit]
    return None


@lru_cache(maxsize=4096)
def _german(word: str) -> tuple[str, int | None]:
    if word == "null":
        return ("zero", 0)
    if word in ("komma",):
        return ("point", None)
    if word == "plus":
        return ("plus", None)
    if word in ("strich", "bindestrich"):
        return ("dash", None)
    if word in ("hundert", "tausend"):
        return ("mult", _MULT[word])
    value = german_cardinal(word)
    if value is not None:
        return ("num", value)
    ordinal = _german_ordinal(word)
    if ordinal is not None:
        return ("ordinal", ordinal)
    return ("word", None)


def german_cardinal(word: str) -> int | None:
    """ "fünfundzwanzigtausend" → 25000; None for anything else."""
    if not word or len(word) > 60:
        return None
    if word in _UNITS_DE:
        return _UNITS_DE[word]
    if word in _TENS_DE:
        return _TENS_DE[word]
    for name, mult in (("tausend", 1000), ("hundert", 100)):
        left, found, right = word.partition(name)
        if found:
            head = 1 if left in ("", "ein", "eins") else german_cardinal(left)
            tail = 0 if right == "" else german_cardinal(right[3:] if right.startswith("und") else right)
            if head is None or tail is None or (left == "" and right == ""):
                return None
            return head * mult + tail
    unit, found, tens = word.partition("und")
    if found and tens in _TENS_DE:
        value = 1 if unit == "ein" else _UNITS_DE.get(unit)
        if value is not None and value < 10:
            return _TENS_DE[tens] + value
    return None


def _german_ordinal(word: str) -> int | None:
    for ending in ("en", "er", "es", "em", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if stem in _ORDINAL_STEMS_DE:
                return _ORDINAL_STEMS_DE[stem]
            if stem.endswith("st") and (value := german_cardinal(stem[:-2])) and value >= 20:
                return value
            if stem.endswith("t") and (value := german_cardinal(stem[:-1])) and 2 <= value < 20:
                return value
            return None
    return None
