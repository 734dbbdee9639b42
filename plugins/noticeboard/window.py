"""When a notice is shown: its publication window, weekdays and daily time window.

Everything is decided in the centre's local time (``Europe/Sarajevo``), so a notice shown
"09:00-12:00" keeps those local hours across the daylight-saving changes. A daily window whose end
is before its start runs overnight (``21:00-07:00``); the part after midnight belongs to the day
the window started on, so "Fridays 21:00-07:00" is shown until Saturday 07:00.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, time, timedelta
from typing import Optional
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")

SEARCH_DAYS = 9  # a weekly pattern repeats within a week; one more day covers overnight windows


@lru_cache(maxsize=4096)  # every page and feed asks for the same few days
def local_instant(tz, day, clock):
    """The aware instant of local ``clock`` on ``day``.

    A wall time skipped by the spring change does not exist: the window then starts when
    the clocks jump (03:00), the first instant at or after that wall time.
    """
    naive = datetime.combine(day, clock)
    before = naive.replace(tzinfo=tz, fold=0)
    after = naive.replace(tzinfo=tz, fold=1)
    if before.utcoffset() >= after.utcoffset():  # ordinary, or the autumn's repeated hour
        return before.astimezone(UTC)
    low, high = after.astimezone(UTC), before.astimezone(UTC)
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == high.astimezone(tz).utcoffset():
            high = middle
        else:
            low = middle
    return high.replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Window:
    tz: ZoneInfo
    valid_from: Optional[datetime] = None  # aware
    valid_until: Optional[datetime] = None  # aware, exclusive
    weekdays: frozenset = field(default_factory=frozenset)  # 0 = Monday; empty = every day
    daily_start: Optional[time] = None  # local
    daily_end: Optional[time] = None  # local, exclusive

    def __post_init__(self):
        # Compare in UTC only: Python compares two datetimes of one zone by wall time, which
        # is wrong in the autumn's repeated hour.
        for name in ("valid_from", "valid_until"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, value.astimezone(UTC))

    @property
    def has_daily_window(self):
        return self.daily_start is not None and self.daily_end is not None \
            and self.daily_start != self.daily_end

    def _day_allowed(self, day: date):
        return not self.weekdays or day.weekday() in self.weekdays

    def _local(self, day, clock):
        return local_instant(self.tz, day, clock)

    def _daily_intervals(self, first_day, days):
        """(start, end) UTC intervals of the daily window for ``days`` days from ``first_day``."""
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            if not self._day_allowed(day):
                continue
            if not self.has_daily_window:
                yield self._local(day, time(0)), self._local(day + timedelta(days=1), time(0))
                continue
            end_day = day if self.daily_end > self.daily_start else day + timedelta(days=1)
            yield self._local(day, self.daily_start), self._local(end_day, self.daily_end)

    def is_active(self, at: datetime) -> bool:
        at = at.astimezone(UTC)
        if self.valid_from is not None and at < self.valid_from:
            return False
        if self.valid_until is not None and at >= self.valid_until:
            return False
        if not self.weekdays and not self.has_daily_window:
            return True
        today = at.astimezone(self.tz).date()
        return any(start <= at < end
                   for start, end in self._daily_intervals(today - timedelta(days=1), 2))

    def intervals(self, start: datetime, end: datetime):
        """The periods within [start, end) when the notice is shown, merged, in UTC."""
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        lower = max(start, self.valid_from) if self.valid_from else start
        upper = min(end, self.valid_until) if self.valid_until else end
        if lower >= upper:
            return []
        if not self.weekdays and not self.has_daily_window:
            return [(lower, upper)]
        first = lower.astimezone(self.tz).date() - timedelta(days=1)
        days = (upper.astimezone(self.tz).date() - first).days + 1
        merged = []
        for a, b in self._daily_intervals(first, days):
            a, b = max(a, lower), min(b, upper)
            if a >= b:
                continue
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def next_change(self, at: datetime) -> Optional[datetime]:
        """The next instant after ``at`` at which ``is_active`` flips, or None if it never does."""
        at = at.astimezone(UTC)
        candidates = [t for t in (self.valid_from, self.valid_until) if t is not None and t > at]
        if self.weekdays or self.has_daily_window:
            # nothing shows before valid_from, however far ahead: the days that matter start there
            lower = max(at, self.valid_from) if self.valid_from is not None else at
            first = lower.astimezone(self.tz).date() - timedelta(days=1)
            for start, end in self._daily_intervals(first, SEARCH_DAYS):
                candidates += [t for t in (start, end) if t > at]
        now_active = self.is_active(at)
        for candidate in sorted(set(candidates)):
            if self.is_active(candidate) != now_active:
                return candidate
        return None
