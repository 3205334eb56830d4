# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Business-time arithmetic for SLA targets, independent of the ORM.

A :class:`Timeline` holds the working windows of one calendar, or of several calendars
merged (a plan's calendar widened by add-ons), as UTC epoch seconds, each window tied to
the local day (in the timeline's time zone) it belongs to. It answers, for many tickets
in a row, "when is this target due" in O(log n) per ticket: the windows are fetched once
(one ``resource.calendar._work_intervals_batch`` call per calendar and time range) and
then walked with prefix sums and binary search.

How targets count (all in the calendar's time zone, holidays out):

``business_minutes`` / ``business_hours``
    N of working time from the clock start; a start outside working time counts from
    the next working moment; a deadline that falls exactly at the end of a window stays
    there (Friday 17:00, not Monday 08:00), as ``resource.calendar.plan_hours`` does.
``business_days``
    the same local time on the N-th following working day. When that local time is not
    working time of that day, the latest working moment before it counts (so a clock
    starting at 08:00 with 1 business day is due at 17:00 the same day, which is what
    "N x hours per day" gives on a calendar with equal days).
``next_day_end``
    the end of the last working window of the first working day after the (local) day
    the clock starts.
``day_end_plus``
    the end of the working day on which the clock starts plus N working days; a clock
    starting on a day off, or after that day's last window, counts from the next working
    day.
``none``
    no target ("planned"): no deadline.

Pauses (waiting for the customer or a third party) move a deadline by the working time
they cover: each pause that starts before the deadline reached so far pushes it by the
working time between the pause's start (not before the clock start) and its end.
"""

import math
from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta
from typing import NamedTuple

import pytz

TARGET_KINDS = (
    "business_minutes",
    "business_hours",
    "business_days",
    "next_day_end",
    "day_end_plus",
    "none",
)
# Kinds whose value must be a positive number, and kinds whose value counts whole days.
KINDS_NEED_POSITIVE = ("business_minutes", "business_hours", "business_days")
KINDS_WHOLE_DAYS = ("business_days", "day_end_plus")

EPOCH = datetime(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.date().toordinal()
# How far ahead a timeline is fetched at first, and how much more each time a walk runs
# off its end. A walk that needs more than MAX_HORIZON has no working time to land on.
FIRST_HORIZON = timedelta(days=14)
EXTEND_STEP = timedelta(days=120)
MAX_HORIZON = timedelta(days=3 * 366)


class Target(NamedTuple):
    """One SLA target: a kind (see TARGET_KINDS) and its value."""

    kind: str
    value: float = 0.0


class NoWorkingTimeError(Exception):
    """Raised when a timeline has no working time within MAX_HORIZON of a moment."""


def to_ts(value):
    """Naive UTC datetime (the ORM's convention) or aware datetime -> epoch seconds."""
    if value.tzinfo is not None:
        return value.timestamp()
    return (value - EPOCH).total_seconds()


def from_ts(value):
    """Epoch seconds -> naive UTC datetime rounded to the second (as the ORM stores)."""
    return EPOCH + timedelta(seconds=round(value))


def window(start, stop):
    """A working window as the Timeline takes it, from two aware datetimes of the
    same local day: (start ts, stop ts, local day ordinal, UTC offset in seconds)."""
    return (
        start.timestamp(),
        stop.timestamp(),
        start.date().toordinal(),
        start.utcoffset().total_seconds(),
    )


class Timeline:
    """Working windows of one or more calendars merged, walked in business time.

    :param fetch: callable ``(start_ts, end_ts) -> iterable of windows`` giving the
        working time within [start_ts, end_ts); a window is ``(start ts, stop ts,
        local day ordinal, UTC offset of that day in seconds)`` (see ``window()``),
        within one local day of the timeline's time zone. It is called once at first
        and again only when a walk needs more.
    :param tz: pytz time zone of the local days (the plan calendar's)
    :param start: first moment the timeline must cover (aware or naive UTC)
    :param end: last moment the timeline should cover at first (aware or naive UTC)
    """

    def __init__(self, fetch, tz, start, end=None):
        self.fetch = fetch
        self.tz = pytz.timezone(tz) if isinstance(tz, str) else tz
        self.begin = to_ts(start) - 86400.0  # one day of margin for local-day rules
        first_end = to_ts(end) if end is not None else self.begin
        self.end = self.begin
        self.limit = max(first_end, self.begin) + MAX_HORIZON.total_seconds()
        self.starts = []
        self.ends = []
        self.cum = []  # working seconds before window i
        self.cum_end = []  # working seconds up to the end of window i
        self.win_day = []  # position of window i's local day in self.days
        self.days = []  # local day ordinals that have working time, ascending
        self.day_pos = {}  # local day ordinal -> position in self.days
        self.day_offset = []  # UTC offset (seconds) of each day's working time
        self.day_first = []  # first window index of each day
        self.day_last = []  # last window index of each day
        self.fetch_count = 0
        self._extend_to(max(first_end, self.begin) + FIRST_HORIZON.total_seconds())

    # ------------------------------------------------------------------
    # Building
    # ------------------------------------------------------------------
    def _extend_to(self, until):
        """Fetch the windows in [self.end, until) and append them."""
        if until <= self.end:
            return
        if self.end >= self.limit:
            raise NoWorkingTimeError()
        until = min(until, self.limit)
        begin = self.end
        raw = []
        for start, stop, day, offset in self.fetch(begin, until):
            start, stop = max(start, begin), min(stop, until)
            if stop > start:
                raw.append((start, stop, day, offset))
        self.fetch_count += 1
        self.end = until
        raw.sort()
        for start, stop, day, offset in raw:
            self._append(start, stop, day, offset)

    def _append(self, start, stop, day, offset):
        if self.starts and self.days[-1] == day and start <= self.ends[-1]:
            # overlaps or continues the last window of the same day: merge
            if stop > self.ends[-1]:
                self.cum_end[-1] += stop - self.ends[-1]
                self.ends[-1] = stop
            return
        index = len(self.starts)
        done = self.cum_end[-1] if self.cum_end else 0.0
        self.starts.append(start)
        self.ends.append(stop)
        self.cum.append(done)
        self.cum_end.append(done + stop - start)
        if not self.days or self.days[-1] != day:
            self.day_pos[day] = len(self.days)
            self.days.append(day)
            self.day_offset.append(offset)
            self.day_first.append(index)
            self.day_last.append(index)
        else:
            self.day_last[-1] = index
        self.win_day.append(len(self.days) - 1)

    def _grow(self):
        self._extend_to(self.end + EXTEND_STEP.total_seconds())

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------
    def work_until(self, ts):
        """Working seconds between the timeline's beginning and ts."""
        while ts > self.end:
            self._grow()
        i = bisect_right(self.starts, ts) - 1
        if i < 0:
            return 0.0
        return self.cum[i] + min(ts, self.ends[i]) - self.starts[i]

    def work_between(self, start, end):
        """Working seconds in [start, end]."""
        if end <= start:
            return 0.0
        return self.work_until(end) - self.work_until(start)

    def advance(self, ts, seconds):
        """The moment at which `seconds` of working time after ts have passed.

        A result exactly at the end of a window stays there.
        """
        if seconds <= 0:
            return ts
        target = self.work_until(ts) + seconds
        j = bisect_left(self.cum_end, target)
        while j == len(self.cum_end):
            self._grow()
            j = bisect_left(self.cum_end, target)
        return self.starts[j] + (target - self.cum[j])

    def retreat(self, ts, seconds):
        """The moment `seconds` of working time before ts (not before the beginning)."""
        target = self.work_until(ts) - seconds
        if target <= 0:
            return self.starts[0] if self.starts else ts
        j = bisect_left(self.cum_end, target)
        return self.starts[j] + (target - self.cum[j])

    def _window_from(self, ts):
        """Index of the window holding ts, or of the next one."""
        i = bisect_right(self.ends, ts)
        while i == len(self.ends):
            self._grow()
            i = bisect_right(self.ends, ts)
        return i  # ends[i] > ts: a window ending exactly at ts is over

    def next_working_moment(self, ts):
        """ts itself when it is working time, else the start of the next window."""
        return max(ts, self.starts[self._window_from(ts)])

    def _day_index_from(self, day):
        """Position in self.days of the first working day on or after `day`."""
        k = bisect_left(self.days, day)
        while k == len(self.days):
            self._grow()
            k = bisect_left(self.days, day)
        return k

    def _ensure_day(self, k):
        while k >= len(self.days):
            self._grow()

    def _day_end(self, k):
        self._ensure_day(k)
        return self.ends[self.day_last[k]]

    def local_day(self, ts):
        """Ordinal of the local date of ts."""
        return datetime.fromtimestamp(ts, self.tz).date().toordinal()

    def _business_days(self, start, days):
        i = self._window_from(start)
        s = max(start, self.starts[i])
        k = self.win_day[i]
        seconds_of_day = (s + self.day_offset[k]) % 86400
        n = k + days
        self._ensure_day(n)
        candidate = (
            (self.days[n] - EPOCH_ORDINAL) * 86400 + seconds_of_day - self.day_offset[n]
        )
        first, last = self.day_first[n], self.day_last[n]
        if candidate <= self.starts[first]:
            # no working time before that local time: the previous working day's end
            return self.ends[self.day_last[n - 1]]
        j = bisect_right(self.starts, candidate, first, last + 1) - 1
        return min(candidate, self.ends[j])

    def _next_day_end(self, start):
        return self._day_end(self._day_index_from(self.local_day(start) + 1))

    def _day_end_plus(self, start, days):
        day = self.local_day(start)
        k = self._day_index_from(day)
        if self.days[k] == day and self._day_end(k) <= start:
            k += 1  # that day's working time is over: count from the next one
        return self._day_end(k + days)

    def deadline(self, start, target, pauses=(), now=None):
        """Deadline (epoch seconds) of `target` for a clock starting at `start`.

        :param start: clock start, epoch seconds
        :param target: a Target (or a (kind, value) tuple)
        :param pauses: iterable of (start, end) epoch seconds; end None = still paused,
            counted up to `now`
        :param now: epoch seconds standing for an open pause's end
        :return: epoch seconds, or None when the target kind is "none"
        """
        kind, value = target
        if kind == "none" or not kind:
            return None
        if kind == "business_minutes":
            due = self.advance(self.next_working_moment(start), value * 60.0)
        elif kind == "business_hours":
            due = self.advance(self.next_working_moment(start), value * 3600.0)
        elif kind == "business_days":
            due = self._business_days(start, int(value))
        elif kind == "next_day_end":
            due = self._next_day_end(start)
        elif kind == "day_end_plus":
            due = self._day_end_plus(start, int(value))
        else:
            raise ValueError(f"unknown SLA target kind {kind!r}")
        if pauses:
            due = self.push_by_pauses(start, due, pauses, now)
        return due

    def push_by_pauses(self, start, due, pauses, now=None):
        """Move `due` by the working time of each pause that starts before it."""
        for pause_start, pause_end in merge_pauses(pauses, now):
            if pause_start >= due:
                break
            paused = self.work_between(max(pause_start, start), pause_end)
            if paused > 0:
                due = self.advance(due, paused)
        return due

    def paused_work(self, start, pauses, now=None, until=None):
        """Working seconds covered by pauses after `start` (and before `until`)."""
        total = 0.0
        for pause_start, pause_end in merge_pauses(pauses, now):
            if until is not None:
                pause_end = min(pause_end, until)
            total += self.work_between(max(pause_start, start), pause_end)
        return total

    def risk_moment(self, start, due, share, pauses=(), now=None):
        """When `share` (0-1) of the working time between start and due is used."""
        total = self.work_between(start, due)
        if pauses:
            total -= self.paused_work(start, pauses, now, until=due)
        return self.retreat(due, max(total, 0.0) * (1.0 - share))


def merge_pauses(pauses, now=None):
    """The pauses as sorted, disjoint (start, end) epoch seconds.

    Pause logs come as recorded: an open pause (end None) counts up to `now` (or not
    at all without it), pauses may come in any order, share a start (paused, resumed
    and paused again within one second), last zero seconds, end before they start
    (a clock set back: counts as zero) or overlap (counted once).
    """
    spans = []
    for pause_start, pause_end in pauses:
        if pause_end is None:
            pause_end = now if now is not None else pause_start
        if pause_end > pause_start:
            spans.append((pause_start, pause_end))
    spans.sort()
    merged = []
    for pause_start, pause_end in spans:
        if merged and pause_start <= merged[-1][1]:
            if pause_end > merged[-1][1]:
                merged[-1] = (merged[-1][0], pause_end)
        else:
            merged.append((pause_start, pause_end))
    return merged


# The longest target accepted unless configured otherwise: a year, in the target's
# unit (366 days, 8,784 hours, 527,040 minutes). Longer ones are typing errors, and
# from about 1e5 hours the deadline search gave up: the plan had no deadlines at all.
MAX_TARGET_DAYS = 366


def target_limit(kind, max_days=MAX_TARGET_DAYS):
    """The largest value of a target of ``kind`` within ``max_days`` days."""
    return {"business_minutes": max_days * 1440, "business_hours": max_days * 24}.get(
        kind, max_days
    )


def validate_target(kind, value, max_days=MAX_TARGET_DAYS):
    """Return an error message (untranslated key, for the caller) or None."""
    if kind not in TARGET_KINDS:
        return "kind"
    if value is None or value < 0 or (isinstance(value, float) and math.isnan(value)):
        return "negative"
    if kind in KINDS_NEED_POSITIVE and value <= 0:
        return "positive"
    if kind in KINDS_WHOLE_DAYS and value != int(value):
        return "whole"
    if kind in KINDS_NEED_POSITIVE + KINDS_WHOLE_DAYS and value > target_limit(
        kind, max_days
    ):
        return "large"
    return None


def day_bounds_utc(day, tz):
    """[local midnight, next local midnight) of `day` in tz, as naive UTC datetimes."""
    tz = pytz.timezone(tz) if isinstance(tz, str) else tz
    start = tz.localize(datetime.combine(day, datetime.min.time()))
    end = tz.localize(datetime.combine(day + timedelta(days=1), datetime.min.time()))
    return (
        start.astimezone(pytz.utc).replace(tzinfo=None),
        end.astimezone(pytz.utc).replace(tzinfo=None),
    )


__all__ = [
    "EPOCH_ORDINAL",
    "TARGET_KINDS",
    "NoWorkingTimeError",
    "Target",
    "Timeline",
    "MAX_TARGET_DAYS",
    "day_bounds_utc",
    "from_ts",
    "merge_pauses",
    "to_ts",
    "target_limit",
    "validate_target",
    "window",
]
