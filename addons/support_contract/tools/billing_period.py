# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The part of a month a contract runs, and the share of the monthly fee it costs.

A contract runs from its start date to its end date, both included (the end date is
its last day). A month is billed only for the days the contract runs in it:

- start on 15 March (31 days): 15-31 March, 17 days, 17/31 of the fee;
- end on 10 April (30 days): 1-10 April, 10/30 of the fee;
- start next month: nothing this month.

With the company's setting "full month" a month the contract runs in at all is
billed in full.
"""

import calendar
from datetime import timedelta


def month_bounds(month):
    """(first day, last day) of the month holding ``month`` (a date)."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def billing_period(month, date_start, date_end=None):
    """The days of ``month`` the contract runs: (first, last) both included, or
    None when it does not run in that month at all.

    :param date_end: the contract's last day (included); None when open-ended
    """
    first, last = month_bounds(month)
    start = max(first, date_start)
    end = min(last, date_end) if date_end else last
    if start > end:
        return None
    return start, end


def period_share(month, period, proration="prorata"):
    """Share of the monthly fee for ``period`` of ``month`` (1.0 for the whole
    month): days run / days of the month, or 1.0 with ``proration="full"``."""
    if not period:
        return 0.0
    first, last = month_bounds(month)
    if proration == "full" or period == (first, last):
        return 1.0
    days = (period[1] - period[0]).days + 1
    return days / ((last - first).days + 1)


def next_month(month):
    """First day of the month after the one holding ``month``."""
    return month_bounds(month)[1] + timedelta(days=1)
