# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SLA arithmetic of tools/ on its own: no database, no Odoo environment, hand-made
working windows (business days 08:00-17:00 Europe/Amsterdam) and hand-made rules."""

import ast
import unittest
from datetime import datetime, timedelta
from pathlib import Path

import pytz

from ..tools.sla_evaluator import PolicyRule, Rules, TicketFacts, evaluate
from ..tools.sla_timeline import Timeline, from_ts, window

AMS = pytz.timezone("Europe/Amsterdam")
TOOLS = Path(__file__).resolve().parent.parent / "tools"


def ams_ts(*args):
    """Amsterdam local time -> epoch seconds."""
    return AMS.localize(datetime(*args)).timestamp()


def utc(*args):
    return datetime(*args)


def business_days_08_17(begin_ts, end_ts):
    """Windows Monday to Friday 08:00-17:00 Amsterdam time over [begin, end)."""
    day = datetime.fromtimestamp(begin_ts, AMS).date()
    last = datetime.fromtimestamp(end_ts, AMS).date()
    while day <= last:
        if day.weekday() < 5:
            yield window(
                AMS.localize(datetime(day.year, day.month, day.day, 8)),
                AMS.localize(datetime(day.year, day.month, day.day, 17)),
            )
        day += timedelta(days=1)


def timeline_for(_calendar_ids, first_start, _last_start):
    return Timeline(business_days_08_17, AMS, from_ts(first_start))


def facts(**values):
    base = {
        "id": 1,
        "company_id": 1,
        "active": True,
        "plan_id": 10,
        "calendar_id": 20,
        "resolution_start": "response",
        "priority_id": 30,
        "type_id": False,
        "emergency": False,
        "addon_ids": (),
        "start": ams_ts(2026, 11, 2, 9),
        "first_response": None,
        "resolved": None,
        "logged": {"response": False, "resolution": False},
        "old": {
            "response": (False, False, False, False),
            "resolution": (False, False, False, False),
        },
        "pauses": [],
    }
    base.update(values)
    return TicketFacts(**base)


# High on a plan: response 8 business hours, resolution by the end of the next
# working day (counted from the response)
HIGH = PolicyRule(
    id=40,
    plan_id=10,
    priority_id=30,
    addon_id=False,
    type_ids=frozenset(),
    emergency_only=False,
    response=("business_hours", 8),
    resolution=("next_day_end", 0),
)
RULES = Rules(policies={(10, 30): [HIGH]}, addons={}, highest={10: 30}, share={1: 0.75})


class TestSlaEvaluatorWithoutDatabase(unittest.TestCase):
    def test_tools_import_nothing_of_odoo(self):
        """tools/ stays pure Python: no import of odoo in its modules."""
        for path in TOOLS.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    self.assertNotEqual(name.split(".")[0], "odoo", (path.name, name))

    def test_business_hours_across_the_dst_weekend(self):
        """Fri 23 Oct 2026 16:00 CEST + 2 business hours: 1 h to 17:00, the DST
        weekend (Sun 25 Oct CEST -> CET), 1 h from Mon 08:00 -> Mon 26 Oct 09:00 CET
        = 08:00 UTC."""
        start = ams_ts(2026, 10, 23, 16)
        timeline = Timeline(business_days_08_17, AMS, from_ts(start))
        due = timeline.deadline(start, ("business_hours", 2))
        self.assertEqual(from_ts(due), utc(2026, 10, 26, 8))

    def test_statuses_of_a_ticket_by_the_clock(self):
        """Mon 2 Nov 2026 09:00 CET, High: response 8 business hours -> Mon 17:00
        CET = 16:00 UTC, at risk after 75 % (6 h) -> 15:00 CET = 14:00 UTC;
        resolution from the response deadline to the end of the next working day
        -> Tue 3 Nov 17:00 CET = 16:00 UTC (at risk after 75 % of the 9 working
        hours from Mon 17:00 -> Tue 14:45 CET = 13:45 UTC). At 10:00 on track, at
        15:30 the response is at risk, at 17:30 breached; a reply at 16:00 meets it."""
        ticket = facts()
        values = evaluate([ticket], RULES, timeline_for, ams_ts(2026, 11, 2, 10))[1]
        self.assertEqual(values["sla_policy_id"], 40)
        self.assertEqual(values["sla_response_deadline"], utc(2026, 11, 2, 16))
        self.assertEqual(values["sla_response_risk_date"], utc(2026, 11, 2, 14))
        self.assertEqual(values["sla_resolution_deadline"], utc(2026, 11, 3, 16))
        self.assertEqual(values["sla_resolution_risk_date"], utc(2026, 11, 3, 13, 45))
        self.assertEqual(values["sla_status"], "on_track")
        self.assertEqual(values["sla_next_check"], utc(2026, 11, 2, 14))
        self.assertFalse(values["sla_problem"])
        at_risk = evaluate([ticket], RULES, timeline_for, ams_ts(2026, 11, 2, 15, 30))
        self.assertEqual(at_risk[1]["sla_response_status"], "at_risk")
        self.assertEqual(at_risk[1]["sla_next_check"], utc(2026, 11, 2, 16))
        late = evaluate([ticket], RULES, timeline_for, ams_ts(2026, 11, 2, 17, 30))[1]
        self.assertEqual(late["sla_response_status"], "breached")
        self.assertEqual(late["sla_response_breached_date"], utc(2026, 11, 2, 16))
        replied = facts(first_response=ams_ts(2026, 11, 2, 16))
        met = evaluate([replied], RULES, timeline_for, ams_ts(2026, 11, 2, 17, 30))[1]
        self.assertEqual(met["sla_response_status"], "met")
        # resolution from the reply (Mon 16:00): end of Tue, 17:00 CET = 16:00 UTC
        self.assertEqual(met["sla_resolution_deadline"], utc(2026, 11, 3, 16))

    def test_why_a_covered_ticket_has_no_sla(self):
        """A running contract without calendar, a ticket without priority, and a
        priority no policy covers are flagged, not given deadlines."""
        result = evaluate(
            [
                facts(id=1, calendar_id=False),
                facts(id=2, priority_id=False),
                facts(id=3, priority_id=31),
                facts(id=4, active=False),
            ],
            RULES,
            timeline_for,
            ams_ts(2026, 11, 2, 10),
        )
        self.assertEqual(result[1]["sla_problem"], "no_calendar")
        self.assertEqual(result[2]["sla_problem"], "no_priority")
        self.assertEqual(result[3]["sla_problem"], "no_policy")
        self.assertFalse(result[4]["sla_problem"])
        for values in result.values():
            self.assertFalse(values["sla_response_deadline"])
            self.assertFalse(values["sla_status"])
