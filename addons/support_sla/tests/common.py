# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager
from datetime import datetime

import pytz

from odoo.fields import Command

from odoo.addons.base.tests.common import BaseCommon

from ..tools.sla_timeline import from_ts, to_ts

AMS = pytz.timezone("Europe/Amsterdam")


def ams(*args):
    """Amsterdam local time -> naive UTC datetime (what the ORM stores)."""
    local = AMS.localize(datetime(*args))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def utc(*args):
    return datetime(*args)


class SlaTestMixin:
    @contextmanager
    def assertRefused(self, exception, pattern):
        """The block raises `exception` matching `pattern`; its writes are undone
        (assertRaises runs it in a savepoint)."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)


class SlaCalendarCommon(SlaTestMixin, BaseCommon):
    """Availability calendars of seed 000/001/003, in Europe/Amsterdam."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nl = cls.env.ref("base.nl")
        # Seed 000 Light and up: business days 08:00-17:00 CET, Dutch holidays, and
        # seed 001's Liberation Day every year.
        cls.cal_light = cls._make_calendar(
            "Light 08-17", {day: [(8, 17)] for day in range(5)}
        )
        cls.cal_light.sla_holiday_country_id = cls.nl
        cls.env["support.sla.extra.day"].create(
            {
                "name": "Liberation Day",
                "calendar_id": cls.cal_light.id,
                "date": "2025-05-05",
                "recurring": True,
            }
        )
        cls.cal_light._sla_generate_holidays([2026])
        # Seed 000 Extended availability: business days 07:00-23:00, holidays off.
        cls.cal_extended = cls._make_calendar(
            "Extended 07-23", {day: [(7, 23)] for day in range(5)}
        )
        cls.cal_extended.sla_holiday_country_id = cls.nl
        cls.cal_extended._sla_generate_holidays([2026])
        # Seed 000 Non-business 365: weekends (and holidays) 08:00-17:00.
        cls.cal_365 = cls._make_calendar(
            "365 weekends 08-17", {day: [(8, 17)] for day in range(7)}
        )
        # Seed 003: working days 09:00-17:00; Premium: incidents 06:00-23:00.
        cls.cal_003 = cls._make_calendar(
            "PrioritySupport 09-17", {day: [(9, 17)] for day in range(5)}
        )
        cls.cal_003.sla_holiday_country_id = cls.nl
        cls.cal_003._sla_generate_holidays([2026])
        cls.cal_premium = cls._make_calendar(
            "Premium 06-23", {day: [(6, 23)] for day in range(5)}
        )

    @classmethod
    def _make_calendar(cls, name, windows, tz="Europe/Amsterdam"):
        """windows: {weekday: [(hour_from, hour_to), ...]}."""
        attendances = [
            Command.create(
                {
                    "name": f"{name} {day} {start}",
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": stop,
                    "day_period": "morning" if start < 12 else "afternoon",
                }
            )
            for day, spans in windows.items()
            for start, stop in spans
        ]
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "sla_availability": True,
                "attendance_ids": attendances,
                "global_leave_ids": [Command.clear()],
            }
        )

    def deadline(self, calendars, start, kind, value=0, pauses=()):
        """Deadline (naive UTC) on the calendars merged, for a clock from start."""
        timeline = calendars._sla_timeline(start)
        result = timeline.deadline(
            to_ts(start),
            (kind, value),
            [(to_ts(a), to_ts(b) if b else None) for a, b in pauses],
        )
        return from_ts(result) if result is not None else None


class SlaMatrixCommon(SlaTestMixin, BaseCommon):
    """Seed 000's impact x urgency and seed 003's users x process matrices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Priority = cls.env["support.priority"]
        cls.p_critical, cls.p_high, cls.p_medium, cls.p_low = Priority.create(
            [
                {"name": "Critical", "code": "T-CRIT", "sequence": 1},
                {"name": "High", "code": "T-HIGH", "sequence": 2},
                {"name": "Medium", "code": "T-MED", "sequence": 3},
                {"name": "Low", "code": "T-LOW", "sequence": 4},
            ]
        )
        cls.p_a, cls.p_b, cls.p_c, cls.p_d = Priority.create(
            [
                {"name": f"Priority {code}", "code": f"T-{code}", "sequence": seq}
                for seq, code in enumerate("ABCD", start=11)
            ]
        )
        cls.impact = cls._make_axis(
            "Impact", ["System wide", "Multiple users", "Single user"]
        )
        cls.urgency = cls._make_axis("Urgency", ["High", "Medium", "Low"])
        # Seed 000: urgency high -> Critical, High, High; medium -> Medium, Medium,
        # Low; low -> Low, Low, Low (impact system wide, multiple, single).
        cls.matrix_000 = cls._make_matrix(
            "Impact x Urgency",
            cls.impact,
            cls.urgency,
            [
                # rows: impact; columns: urgency high, medium, low
                [cls.p_critical, cls.p_medium, cls.p_low],
                [cls.p_high, cls.p_medium, cls.p_low],
                [cls.p_high, cls.p_low, cls.p_low],
            ],
        )
        cls.users = cls._make_axis(
            "Users affected", ["One user", "Multiple users", "Organisation wide"]
        )
        cls.process = cls._make_axis(
            "Process", ["Low: non-essential", "Medium: limited", "High: critical"]
        )
        # Seed 003: one user D, C, B; multiple users D, C, A; organisation C, B, A.
        cls.matrix_003 = cls._make_matrix(
            "Users x Process",
            cls.users,
            cls.process,
            [
                [cls.p_d, cls.p_c, cls.p_b],
                [cls.p_d, cls.p_c, cls.p_a],
                [cls.p_c, cls.p_b, cls.p_a],
            ],
        )

    @classmethod
    def _make_axis(cls, name, values):
        return cls.env["support.priority.axis"].create(
            {
                "name": name,
                "value_ids": [
                    Command.create({"name": value, "sequence": seq})
                    for seq, value in enumerate(values)
                ],
            }
        )

    @classmethod
    def _make_matrix(cls, name, rows, columns, grid):
        cells = [
            Command.create(
                {
                    "row_value_id": row.id,
                    "column_value_id": column.id,
                    "priority_id": grid[i][j].id,
                }
            )
            for i, row in enumerate(rows.value_ids)
            for j, column in enumerate(columns.value_ids)
        ]
        return cls.env["support.priority.matrix"].create(
            {
                "name": name,
                "row_axis_id": rows.id,
                "column_axis_id": columns.id,
                "cell_ids": cells,
            }
        )
