"""The date, clock-time and duration grammar (German and English)."""

from .clock import DurationHit, TimeHit, find_durations, find_times
from .dates import DateHit, find_dates

__all__ = ["DateHit", "DurationHit", "TimeHit", "find_dates", "find_durations", "find_times"]
