"""People in the note: who they are, what is said about them, whose side they
are on (customer, ours, referral)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..doc import Doc
from ..model import Person
from ..text import PART_BREAKS, Segment, split
from .details import read_said, role_before
from .mentions import (
    Mention,
    cued_mentions,
    fold,
    given_name_mentions,
    role_named_mentions,
    titled_mentions,
    untitled_mentions,
)
from .roles import OURS

REFERRAL = re.compile(
    r"(?i:empfiehlt|empfahl|empfohlen|empfehlung|weiterempfohlen|verweist|verwies|referred|referral|recommend\w*"
    r"|refers?\s+us|introduced\s+(?:us|me)|put\s+us\s+in\s+touch|tipp:|suggested\s+(?:we|us|I)|vorgeschlagen"
    r"|schlug\s+(?:uns\s+)?vor|nannte\s+uns|gave\s+us\s+the\s+name)"
)


@dataclass(slots=True)
class People:
    persons: list[Person] = field(default_factory=list)
    mentions: list[tuple[Mention, Person]] = field(default_factory=list)

    starts: list[int] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> list[tuple[Mention, Person]]:
        i = bisect_left(self.starts, start)
        j = bisect_right(self.starts, end)
        return [(m, p) for m, p in self.mentions[i:j] if m.end <= end]

    def first_customer(self, gender: str | None = None) -> Person | None:
        """The first customer-side person (optionally of a gender), for "mit ihr"."""
        for person in self.persons:
            if not person.ours and not person.referral and (gender is None or person.gender == gender):
                return person
        return None

    def customers(self) -> list[Person]:
        return [p for p in self.persons if not p.ours and not p.referral]


def _part_of(doc: Doc, pos: int) -> Segment | None:
    sentence = doc.sentence_of(pos)
    if sentence is None:
        return None
    for part in split(sentence, PART_BREAKS):
        if part.start <= pos < part.end:
            return part
    return sentence


def read_people(doc: Doc) -> People:
    text = doc.text
    found = titled_mentions(text)
    taken = [(m.start, m.end) for m in found]
    found += untitled_mentions(text, taken)
    found += role_named_mentions(text, taken)
    found += cued_mentions(text, taken)
    found.sort(key=lambda m: m.start)

    people = People()
    by_key: dict[str, Person] = {}
    for mention in found:
        person = by_key.get(mention.key)
        if person is None:
            person = Person(name=mention.name, gender=mention.gender)
            by_key[mention.key] = person
            people.persons.append(person)
        elif len(mention.name) > len(person.name):
            person.name = mention.name
        person.gender = person.gender or mention.gender
        people.mentions.append((mention, person))

    firsts = {fold(m.first): m.key for m, _ in people.mentions if m.first}
    for mention in given_name_mentions(text, firsts, [(m.start, m.end) for m, _ in people.mentions]):
        people.mentions.append((mention, by_key[mention.key]))
    people.mentions.sort(key=lambda mp: mp[0].start)
    people.starts = [m.start for m, _ in people.mentions]

    _read_details(doc, people)
    _mark_sides(doc, people)
    return people


def _read_details(doc: Doc, people: People) -> None:
    starts = [m.start for m, _ in people.mentions]
    attached: set[int] = set()
    for i, (mention, person) in enumerate(people.mentions):
        person.spans.append((mention.start, mention.end))
        part = _part_of(doc, mention.start)
        limit = part.end if part else len(doc.text)
        if i + 1 < len(starts):
            limit = min(limit, starts[i + 1])
        if mention.bare_first:
            continue
        said = read_said(doc.text, mention.end, limit)
        person.position = person.position or said.position or role_before(doc.text, mention.start)
        person.company = person.company or said.company
        for phone in doc.hits_in("phones", mention.end, limit):
            attached.add(phone.start)
            if not person.phone:
                person.phone = phone.e164
                person.extension = person.extension or phone.extension
                person.spans.append((phone.start, phone.end))
        for ext in doc.hits_in("extensions", mention.end, limit):
            if not person.extension:
                person.extension = ext.digits
                person.spans.append((ext.start, ext.end))
        for email in doc.hits_in("emails", mention.end, limit):
            attached.add(email.start)
            if not person.email:
                person.email = email.address
                person.spans.append((email.start, email.end))
    _attach_loose(doc, people, attached)


def _ascii_name(name: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(a, b)
    return fold(name)


def _owner_by_address(people: People, address: str) -> Person | None:
    """The one named person whose surname is the e-mail's local part or its
    last piece ("AB per Mail an kuehn@..." is Fr. Kühn's address)."""
    local = address.split("@")[0].casefold()
    pieces = set(re.split(r"[._-]", local)) | {local}
    owners = [
        p
        for p in people.persons
        if not p.email and not p.ours and {_ascii_name(p.name.split()[-1]), fold(p.name.split()[-1])} & pieces
    ]
    return owners[0] if len(owners) == 1 else None


# "His mobile is ...", "Ihre Durchwahl: ...", "er ist unter ... erreichbar": a
# detail whose owner is only a pronoun, with the gender it tells.
_PRONOUN = re.compile(
    r"(?<![\w])(?P<m>his|he|he's|er|seine?|ihm)(?![\w])|(?<![\w])(?P<f>her|she|she's|ihre?)(?![\w])", re.I
)


def _pronoun_owner(doc: Doc, people: People, pos: int) -> Person | None:
    sentence = doc.sentence_of(pos)
    if sentence is None or people.in_range(sentence.start, pos):
        return None
    cue = _PRONOUN.search(doc.text, sentence.start, pos)
    if cue is None:
        return None
    gender = "m" if cue.group("m") else "f"
    before = [p for m, p in people.mentions if m.start < sentence.start and not p.ours and not p.referral]
    same = [p for p in before if p.gender == gender] or [p for p in before if p.gender is None]
    return same[-1] if same else None


def _attach_loose(doc: Doc, people: People, attached: set[int]) -> None:
    """A phone or e-mail on its own line belongs to the person named just before."""
    hits: list[Any] = [*doc.phones, *doc.emails]  # PhoneHit or EmailHit: told apart by their fields
    for ext in doc.extensions:
        owner = _pronoun_owner(doc, people, ext.start)
        if owner is not None and not owner.extension:
            owner.extension = ext.digits
            owner.spans.append((ext.start, ext.end))
    for hit in hits:
        if hit.start in attached:
            continue
        owner = _owner_by_address(people, hit.address) if hasattr(hit, "address") else None
        owner = owner or _pronoun_owner(doc, people, hit.start)
        if owner is not None:
            if hasattr(hit, "address") and not owner.email:
                owner.email = hit.address
            elif hasattr(hit, "e164") and not owner.phone:
                owner.phone = hit.e164
                owner.extension = owner.extension or hit.extension
            continue
        i = bisect_left(people.starts, hit.start) - 1
        if i < 0:
            continue
        mention, person = people.mentions[i]
        if mention.end > hit.start or hit.start - mention.end >= 120:
            continue
        if doc.text.count("\n", mention.end, hit.start) > 1:
            continue
        if hasattr(hit, "e164") and not person.phone:
            person.phone = hit.e164
            person.extension = person.extension or hit.extension
        elif hasattr(hit, "address") and not person.email:
            person.email = hit.address


def _mark_sides(doc: Doc, people: People) -> None:
    seen: set[int] = set()
    for mention, person in people.mentions:
        first_time = id(person) not in seen
        seen.add(id(person))
        part = _part_of(doc, mention.start)
        if part and OURS.search(doc.text, part.start, mention.start):
            person.ours = True
        sentence = doc.sentence_of(mention.start)
        if not first_time or sentence is None:
            continue
        cue = REFERRAL.search(sentence.text)
        if cue is None:
            continue
        # The sentence's subject ("Hr. Müller empfiehlt uns ...") is not referred.
        at_start = mention.start - sentence.start <= 3 and cue.start() + sentence.start > mention.end
        if not at_start:
            person.referral = True
