"""Splitting a person's name as people type it."""

SALUTATIONS = {
    "herr": "Herr",
    "hr.": "Herr",
    "hr": "Herr",
    "frau": "Frau",
    "fr.": "Frau",
    "mr": "",
    "mr.": "",
    "ms": "",
    "ms.": "",
    "mrs": "",
    "mrs.": "",
}
TITLES = {"dr.", "dr", "prof.", "prof", "mag.", "ing.", "dipl.-ing.", "dr.-ing."}


def split_name(raw: str) -> tuple[str, str, str, str]:
    """'Frau Dr. Anna Schmidt' → (salutation, title, first name, last name)."""
    salutation = ""
    titles: list[str] = []
    rest: list[str] = []
    for word in raw.split():
        lower = word.lower()
        if not rest and lower in SALUTATIONS and not salutation:
            salutation = SALUTATIONS[lower]
        elif not rest and lower in TITLES:
            titles.append(word)
        else:
            rest.append(word)
    if not rest:
        return salutation, " ".join(titles), "", ""
    return salutation, " ".join(titles), " ".join(rest[:-1]), rest[-1]
