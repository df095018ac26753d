"""The analysed note shared by all extractors: text, sentences and the low-level
hits (dates, times, durations, phones, amounts), each computed once."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, datetime
from functools import cached_property
from typing import Protocol, TypeVar

from . import text as textmod
from .money import AmountHit, PercentHit, find_amounts, find_percents
from .phones import EmailHit, ExtensionHit, PhoneHit, find_emails, find_extensions, find_phones, region_hints
from .temporal import DateHit, DurationHit, TimeHit, find_dates, find_durations, find_times
from .text import Segment


class _Spanned(Protocol):
    start: int
    end: int


H = TypeVar("H", bound=_Spanned)


def within[H: _Spanned](hits: Sequence[H], start: int, end: int, starts: Sequence[int] | None = None) -> list[H]:
    """The hits (sorted by start) lying inside [start, end)."""
    i = bisect_left(starts, start) if starts is not None else 0
    out = []
    for k in range(i, len(hits)):  # no slice: a copy of the tail per call made long notes quadratic
        h = hits[k]
        if h.start >= end:
            break
        if start <= h.start and h.end <= end:
            out.append(h)
    return out


class Doc:
    def __init__(self, text: str, now: datetime, lang: str) -> None:
        self.text = text
        self.now = now
        self.today: date = now.date()
        self.lang = lang

    @cached_property
    def sentences(self) -> list[Segment]:
        return textmod.sentences(self.text)

    def _per_sentence(self, finder) -> list:  # type: ignore[no-untyped-def]
        """Run a finder on each sentence (so nothing matches across one) and
        shift its hits to note offsets."""
        from dataclasses import replace

        out = []
        for s in self.sentences:
            for hit in finder(s.text):
                out.append(replace(hit, start=hit.start + s.start, end=hit.end + s.start))
        return out

    @cached_property
    def dates(self) -> list[DateHit]:
        return self._per_sentence(lambda t: find_dates(t, self.today, self.lang))

    @cached_property
    def times(self) -> list[TimeHit]:
        return self._per_sentence(lambda t: find_times(t, self.lang))

    @cached_property
    def durations(self) -> list[DurationHit]:
        return self._per_sentence(find_durations)

    @cached_property
    def phones(self) -> list[PhoneHit]:
        regions = region_hints(self.text) if ("+" in self.text or "00" in self.text) else ("DE",)
        return self._per_sentence(lambda t: find_phones(t, regions))

    @cached_property
    def extensions(self) -> list[ExtensionHit]:
        return self._per_sentence(find_extensions)

    @cached_property
    def emails(self) -> list[EmailHit]:
        return find_emails(self.text)

    @cached_property
    def amounts(self) -> list[AmountHit]:
        return self._per_sentence(find_amounts)

    @cached_property
    def percents(self) -> list[PercentHit]:
        return self._per_sentence(find_percents)

    @cached_property
    def _starts(self) -> dict[str, list[int]]:
        return {}

    def hits_in(self, name: str, start: int, end: int) -> list:  # type: ignore[type-arg]
        """Hits of one kind ("dates", "times", ...) inside [start, end)."""
        hits = getattr(self, name)
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [h.start for h in hits]
        return within(hits, start, end, starts)

    def dates_in(self, seg: Segment) -> list[DateHit]:
        return self.hits_in("dates", seg.start, seg.end)

    def sentence_of(self, pos: int) -> Segment | None:
        return textmod.containing(self.sentences, pos)
