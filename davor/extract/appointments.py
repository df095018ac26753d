"""Appointments: a day and a clock time in one part of a sentence, with the
duration, place and the customer's people named there.

Only the final state counts: after a correction ("Mi 10 Uhr, nein doch 11 Uhr",
"Do, nein ... also Fr 9 Uhr") the date and time after the last correction cue
win; a cancelled appointment is dropped and a moved one takes its new time.
"""

from __future__ import annotations

import re
from datetime import datetime

from .delivery import CUE as DELIVERY_CUE
from .doc import Doc
from .model import Appointment, Person
from .people import People
from .temporal import DateHit, DurationHit, TimeHit
from .text import Segment, split

_CORRECTION = (
    r"nein|doch|korrigiere|korrektur|sorry|actually|rather|stattdessen|instead|also|neuer\s+termin|new\s+date"
    r"|new\s+time|verschoben\s+auf|verlegt\s+auf|moved\s+to|rescheduled\s+(?:to|for)|postponed\s+to|jetzt|now"
    r"|no\s+wait|make\s+that|I\s+mean|neu(?=\s*:)|new(?=\s*:)"
)
CORRECTION = re.compile(rf"(?i:(?<![\w])(?:{_CORRECTION})(?![\w]))")
BREAKS = re.compile(rf";\s*|\s+-+>?\s+(?!(?i:{_CORRECTION})\b)")
CANCEL = re.compile(r"(?i:abgesagt|storniert|cancell?ed|entfällt|fällt\s+aus|called\s+off|findet\s+nicht\s+statt)")
PAST_CALL = re.compile(
    r"(?i:\b(?:rang|called|phoned)(?:\s+(?:us|me|back))?\b|rief\s+(?:\w+\s+)?(?:an|zurück)\b|hat\s+(?:\w+\s+)?"
    r"(?:angerufen|zurückgerufen))"
)
MOVED = re.compile(r"(?i:verschoben|verlegt|moved|rescheduled|postponed|vorgezogen|brought\s+forward)")
APPT_WORD = re.compile(
    r"(?i:termin|besprechung|meeting|call|demo|präsentation|presentation|schulung|training|kick-?off|besichtigung"
    r"|visit|abstimmung|workshop|einweisung|installation|verkostung|probeessen|tasting|video|teams|zoom|gespräch"
    r"|treffen|appointment|rückruf|call\s+back|webinar|vorführung|audit|begehung)"
)
_AFTER_DATE = re.compile(r"[\s,]*(?:(?i:um|ab|at|gegen|von))?\s*$")
_CLOCK_CUE = re.compile(r"(?i:(?:um|ab|at|gegen|from|von)\s*$)")
_DURATION_CUE = re.compile(r"(?i:(?:ca\.?|circa|approx\.?|about|etwa|für|for|dauer|duration|rund)\s*$)")
_NOT_PLACE = (
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Herbst|Frühjahr"
    r"|Frühling|Sommer|Winter|Jahr|Rahmen|Anschluss|Vorfeld|Voraus|Moment|Anschluß|Quartal|Laufe|Detail|Zuge"
    r"|Auftrag|Namen|Wesentlichen|Prinzip|Grunde|Allgemeinen"
)
_NOUN = r"[A-ZÄÖÜ][\wäöüß-]{1,30}"
LOCATIONS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"(?<![\w])(?:MS\s+)?Teams(?![\w])"), "Teams"),
    (re.compile(r"(?i:(?<![\w])zoom(?![\w]))"), "Zoom"),
    (re.compile(r"(?i:(?<![\w])webex(?![\w]))"), "Webex"),
    (re.compile(r"(?i:(?<![\w])skype(?![\w]))"), "Skype"),
    (re.compile(r"(?i:google\s+meet)"), "Google Meet"),
    (re.compile(r"(?i:telefontermin|telefonisch|per\s+telefon|am\s+telefon|telko|telefonkonferenz)"), "Telefon"),
    (
        re.compile(
            r"(?i:phone\s+call|phone\s+appointment|phone\s+meeting|by\s+phone|on\s+the\s+phone|via\s+phone"
            r"|conference\s+call|telephone\s+call)"
        ),
        "phone",
    ),
    (
        re.compile(
            rf"(?:{_NOUN}(?:raum|saal|halle|zimmer|büro|labor|werkstatt|lager)\s+)?(?<![\w])(?:bei|beim)\s+"
            rf"(?:uns|Kunde[n]?|dem\s+Kunden|der\s+Firma\s+{_NOUN}|(?:Fa\.|Firma)\s+{_NOUN}(?:\s+{_NOUN})?|ihnen"
            rf"|Ihnen|{_NOUN})"
            rf"(?:\s+(?:im|in\s+der|in\s+dem|in|am|auf\s+dem)\s+{_NOUN}(?:\s+in\s+{_NOUN})?)?"
        ),
        None,
    ),
    (
        re.compile(
            r"(?<![\w])(?:at|in)\s+(?P<place>(?:their|our|the|his|her|its)\s+(?:[\w-]+\s+){0,2}?(?:office|plant|site"
            r"|premises|warehouse|factory|lab|laboratory|headquarters|HQ|store|shop|showroom|branch|facility"
            r"|building|campus|clinic|hospital|hotel|restaurant|studio|workshop|depot|place|kitchen|canteen|offices"
            r"|yard|venue|site\s+office|practice|school|branch\s+office)"
            r"(?:\s+in\s+[A-Z][\w-]+)?)"
        ),
        None,
    ),
    (
        re.compile(
            rf"(?<![\w])(?:im|in\s+der|in\s+dem|in\s+unsere[mr]|in\s+[iI]hre[mr]|in\s+seine[mr])\s+"
            rf"(?!(?:{_NOT_PLACE})(?![\w])){_NOUN}(?:\s+(?:in\s+)?{_NOUN})?"
        ),
        None,
    ),
    (re.compile(r"(?i:(?:ort|location|place)\s*:\s*(?P<place>[^,;.\n]{2,40}))"), None),
    # Trade fairs: "Halle 17, Stand C24", "booth at ProMat".
    (re.compile(r"(?<![\w])(?:Halle|Hall)\s+\w{1,4}(?:,?\s+(?:Stand|Booth)\s+[\w.-]{1,8})?(?![\w])"), None),
    (re.compile(r"(?i:(?<![\w])(?:our|their|the)\s+(?P<place>(?:booth|stand)\s+at\s+[A-Z][\w-]+))"), None),
]
# Named only when nothing more specific is said ("Videocall ... per Zoom" is
# Zoom, "vor Ort im Werk Zwickau" is the Werk).
ON_SITE = re.compile(r"(?i:(?<![\w])(?:vor\s+ort|on[\s-]?site)(?![\w]))")
VIDEO = re.compile(r"(?i:videokonferenz|videocall|video-?call|videotermin|video\s+meeting|video\s+conference)")
# "Attending from Halden Steel: ...", "Teilnehmer: ...": people of the appointment before.
ATTENDING = re.compile(r"(?i:^(?:attending|attendees|participants|teilnehmer(?:innen)?|dabei|anwesend|mit\s+dabei)\b)")
PRONOUN = re.compile(r"(?<![\w])(?:mit|with|und|and|sowie)\s+(?P<p>ihr|ihm|ihnen|her|him|them)(?![\w])", re.I)
BOTH = re.compile(r"(?i:(?<![\w])(?:both|beide|beiden)(?![\w]))")


def _location(text: str) -> tuple[int, str] | None:
    found = []
    for pattern, fixed in LOCATIONS:
        m = pattern.search(text)
        if m:
            value = fixed or (m.group("place") if "place" in pattern.groupindex else m.group())
            found.append((m.start(), value.strip()))
    if not found and (on_site := ON_SITE.search(text)):
        found.append((on_site.start(), on_site.group()))
    if not found and (video := VIDEO.search(text)):
        found.append((video.start(), video.group()))
    return min(found) if found else None


def _pick(hits: list, cue_end: int | None):  # type: ignore[no-untyped-def]
    """The first hit after the last correction cue, else the first hit."""
    if cue_end is not None:
        after = [h for h in hits if h.start >= cue_end]
        if after:
            return after[0]
    return hits[0] if hits else None


def _split_hours(doc: Doc, seg: Segment, dates: list[DateHit]) -> tuple[list[TimeHit], list[DurationHit]]:
    """Decide for each "10h" whether it is the start time or a duration."""
    overlaps = lambda h: any(d.start < h.end and h.start < d.end for d in dates)  # noqa: E731
    times = [t for t in doc.hits_in("times", seg.start, seg.end) if not overlaps(t)]
    durations = [d for d in doc.hits_in("durations", seg.start, seg.end) if not overlaps(d)]
    ambiguous = {(t.start, t.end) for t in times if t.ambiguous}
    clock: list[TimeHit] = []
    for t in times:
        if not t.ambiguous:
            clock.append(t)
            continue
        before = doc.text[max(seg.start, t.start - 12) : t.start]
        after_date = any(_AFTER_DATE.fullmatch(doc.text[d.end : t.start]) for d in dates if d.end <= t.start)
        if _DURATION_CUE.search(before) or (clock and not after_date):
            continue
        # "Di 10h" is a time; "Dienstag gegen Mittag, 1h" is a duration, and a
        # day whose time was not understood gets no start at all.
        if after_date or _CLOCK_CUE.search(before):
            clock.append(t)
    chosen = {(t.start, t.end) for t in clock}
    durs = [d for d in durations if (d.start, d.end) not in chosen or (d.start, d.end) not in ambiguous]
    return clock, durs


def _participants(doc: Doc, seg: Segment, people: People) -> list[Person]:
    out: list[Person] = []
    for _, person in people.in_range(seg.start, seg.end):
        if not person.ours and person not in out:
            out.append(person)
    for m in PRONOUN.finditer(seg.text):
        word = m.group("p").casefold()
        gender = {"ihr": "f", "her": "f", "ihm": "m", "him": "m"}.get(word)
        referent = people.first_customer(gender) or people.first_customer()
        if referent and referent not in out:
            out.insert(0, referent)
    if not out and BOTH.search(seg.text):
        out = people.customers()[:2]
    return out


def _segments(doc: Doc) -> list[Segment]:
    return [part for sentence in doc.sentences for part in split(sentence, BREAKS)]


# What the sentences after an appointment add to it: "eingeplant ist eine
# Stunde", "should take an hour and a half", "Herr X wird von Herrn Y begleitet",
# "Tom from their IT team will join her", "beide nehmen teil".
_TAKES = re.compile(
    r"(?i:vorgesehen|eingeplant|angesetzt|dauert|dauer|geplant\s+sind|take|takes|last|lasts|should\s+take"
    r"|will\s+take|scheduled\s+for|allow|blocked)"
)
_JOINS = re.compile(
    r"(?i:begleitet|teilnehmen|nimmt\s+teil|nehmen\s+teil|mit\s+dabei|ist\s+dabei|sind\s+dabei|kommt\s+mit"
    r"|kommen\s+mit|join|joins|joining|will\s+be\s+there|attend|attends|attending|come\s+along|comes\s+along)"
)


def _follow_up(doc: Doc, people: People, appt: Appointment, later: list[Segment]) -> None:
    """Duration and people said in the parts right after the appointment."""
    for seg in later[:3]:
        if any(d.kind == "day" for d in doc.dates_in(seg)) or doc.hits_in("times", seg.start, seg.end):
            return
        if appt.duration_minutes is None and _TAKES.search(seg.text):
            durations = doc.hits_in("durations", seg.start, seg.end)
            if durations:
                appt.duration_minutes = durations[0].minutes
        if _JOINS.search(seg.text):
            joined = [p for _, p in people.in_range(seg.start, seg.end) if not p.ours]
            if not joined and BOTH.search(seg.text):
                joined = people.customers()[:2]
            for person in joined:
                if all(person is not p for p in appt.participants):
                    appt.participants.append(person)


def read_appointments(doc: Doc, people: People) -> list[Appointment]:
    out: list[Appointment] = []
    segments = _segments(doc)
    for index, seg in enumerate(segments):
        dates = [d for d in doc.dates_in(seg) if d.kind == "day"]
        cancelled = CANCEL.search(seg.text)
        cues = list(CORRECTION.finditer(seg.text))
        cue_end = seg.start + cues[-1].end() if cues else None
        if cancelled and (cue_end is None or cue_end < seg.start + cancelled.end()):
            _drop(out, dates)
            continue
        times, durations = _split_hours(doc, seg, dates)
        date, time = _pick(dates, cue_end), _pick(times, cue_end)
        if date is None or time is None:
            continue
        if PAST_CALL.search(seg.text) and not APPT_WORD.search(seg.text):
            continue  # "Martin rang back at 3": the call being written up
        delivery = DELIVERY_CUE.search(seg.text)
        if delivery and not APPT_WORD.search(seg.text) and delivery.start() < date.start - seg.start:
            continue
        duration = _pick(durations, cue_end)
        place = _location(seg.text)
        start = datetime.combine(date.first, datetime.min.time()).replace(hour=time.hour, minute=time.minute)
        appt = Appointment(
            start=start,
            duration_minutes=duration.minutes if duration else None,
            location=place[1] if place else None,
            participants=_participants(doc, seg, people),
            span=seg.span,
        )
        if MOVED.search(seg.text) and out and not APPT_WORD.search(seg.text):
            _merge(appt, out.pop())
        _follow_up(doc, people, appt, segments[index + 1 : index + 4])
        _add(out, appt)
    _attendees(doc, people, out)
    return out


def _attendees(doc: Doc, people: People, out: list[Appointment]) -> None:
    for sentence in doc.sentences:
        if not ATTENDING.match(sentence.text):
            continue
        before = [a for a in out if a.span[1] <= sentence.start]
        if not before:
            continue
        appt = before[-1]
        for _, person in people.in_range(sentence.start, sentence.end):
            if not person.ours and person not in appt.participants:
                appt.participants.append(person)


def _merge(new: Appointment, old: Appointment) -> None:
    new.duration_minutes = new.duration_minutes or old.duration_minutes
    new.location = new.location or old.location
    new.participants = new.participants or old.participants


def _add(out: list[Appointment], appt: Appointment) -> None:
    for other in out[-20:]:
        if other.start == appt.start:
            _merge(other, appt)
            return
    out.append(appt)


def _drop(out: list[Appointment], dates: list[DateHit]) -> None:
    """A cancellation: drop the appointment on the day it names, else the last one."""
    days = {d.first for d in dates}
    for appt in reversed(out):
        if not days or appt.start.date() in days:
            out.remove(appt)
            return
