# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager
from datetime import datetime

import pytz
from freezegun import freeze_time

from odoo.fields import Command

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.support_contract.tests.common import SupportContractCommon

from ..tools.sla_timeline import from_ts, to_ts

# the SLA evaluation report (HTML and PDF)
EVALUATION_REPORT = "support_sla.action_report_sla_evaluation"

AMS = pytz.timezone("Europe/Amsterdam")


def ams(*args):
    """Amsterdam local time -> naive UTC datetime (what the ORM stores)."""
    local = AMS.localize(datetime(*args))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def utc(*args):
    return datetime(*args)


class SlaTestMixin:
    """Builders of the plans' calendars and matrices, and assertion helpers."""

    @classmethod
    def _setup_sla_calendars(cls):
        """Calendars of the tiered plans and of PrioritySupport, in Europe/Amsterdam."""
        cls.nl = cls.env.ref("base.nl")
        # Light and up: business days 08:00-17:00 CET, Dutch holidays, and
        # Liberation Day every year.
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
        # Extended availability: business days 07:00-23:00, holidays off.
        cls.cal_extended = cls._make_calendar(
            "Extended 07-23", {day: [(7, 23)] for day in range(5)}
        )
        cls.cal_extended.sla_holiday_country_id = cls.nl
        cls.cal_extended._sla_generate_holidays([2026])
        # Non-business 365: weekends (and holidays) 08:00-17:00.
        cls.cal_365 = cls._make_calendar(
            "365 weekends 08-17", {day: [(8, 17)] for day in range(7)}
        )
        # PrioritySupport: working days 09:00-17:00; Premium: incidents 06:00-23:00.
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

    @classmethod
    def _setup_sla_matrices(cls):
        """The tiered plans' impact x urgency and PrioritySupport's users x process."""
        Priority = cls.env["support.priority"]
        cls.p_critical, cls.p_high, cls.p_medium, cls.p_low = Priority.create(
            [
                {
                    "name": "Critical",
                    "code": "T-CRIT",
                    "sequence": 1,
                    "helpdesk_priority": "3",
                },
                {
                    "name": "High",
                    "code": "T-HIGH",
                    "sequence": 2,
                    "helpdesk_priority": "2",
                },
                {
                    "name": "Medium",
                    "code": "T-MED",
                    "sequence": 3,
                    "helpdesk_priority": "1",
                },
                {
                    "name": "Low",
                    "code": "T-LOW",
                    "sequence": 4,
                    "helpdesk_priority": "0",
                },
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
        cls.impact_multiple = cls.impact.value_ids.filtered(
            lambda v: v.name == "Multiple users"
        )
        cls.urgency_high = cls.urgency.value_ids.filtered(lambda v: v.name == "High")
        # Impact x urgency: high -> Critical, High, High; medium -> Medium, Medium,
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
        # Users x process: one user D,C,B; multiple users D, C, A; organisation C, B, A.
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

    def _call_kw(self, login, password, model, method, args, kwargs=None):
        """In an HttpCase: call `model.method(*args, **kwargs)` as `login` through
        the web client's JSON-RPC endpoint; the decoded JSON-RPC answer."""
        self.authenticate(login, password)
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": {
                        "context": {"allowed_company_ids": self.company.ids},
                        **(kwargs or {}),
                    },
                },
            },
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    @contextmanager
    def assertRefused(self, exception, pattern):
        """The block raises `exception` matching `pattern`; its writes are undone
        (assertRaises runs it in a savepoint)."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)

    def deadline(self, calendars, start, kind, value=0, pauses=()):
        """Deadline (naive UTC) on the calendars merged, for a clock from start."""
        timeline = calendars._sla_timeline(start)
        result = timeline.deadline(
            to_ts(start),
            (kind, value),
            [(to_ts(a), to_ts(b) if b else None) for a, b in pauses],
        )
        return from_ts(result) if result is not None else None

    def _evaluation_report(self, evaluation, pdf=False):
        """The SLA evaluation report of ``evaluation`` as its HTML text, or with
        ``pdf`` as (PDF bytes, kind) rendered by wkhtmltopdf."""
        Report = self.env["ir.actions.report"]
        if pdf:
            return Report.with_context(force_report_rendering=True)._render_qweb_pdf(
                EVALUATION_REPORT, evaluation.ids
            )
        return Report._render_qweb_html(EVALUATION_REPORT, evaluation.ids)[0].decode()


class SlaCalendarCommon(SlaTestMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla_calendars()


class SlaMatrixCommon(SlaTestMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla_matrices()


class SlaTicketCommon(SlaTestMixin, SupportContractCommon):
    """support_contract's catalogue with the tiered plans' and PrioritySupport's SLA.

    - Light (08:00-17:00 + Dutch holidays + Liberation Day): impact x
      urgency matrix; response Low 3 business days, Medium 2 business days, High 8
      business hours, Critical 10 business minutes through the emergency channel
      (8 business hours otherwise); resolution from the response: High end
      of the working day, Medium end of next working day, Low end of working day + 3.
      Add-ons Extended (07:00-23:00) and 365 (every day 08:00-17:00) widen the
      clocks of Critical tickets only.
    - PrioritySupport (09:00-17:00): users x process matrix for incidents,
      questions always D; A 2 h / 1 working day, B 4 h / 2 days, C 2 days, D 5 days
      (resolution planned); Premium (06:00-23:00 for incidents): A 1 h / 1 day, B 2 h
      / 1 day, C 1 day, D 3 days.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla_calendars()
        cls._setup_sla_matrices()
        (
            cls.cal_light
            | cls.cal_extended
            | cls.cal_365
            | cls.cal_003
            | cls.cal_premium
        ).company_id = cls.company
        Type = cls.env["support.ticket.type"]
        cls.type_defect = Type.create({"name": "Defect (test)"})
        cls.type_incident = Type.create({"name": "Incident (test)"})
        cls.type_question = Type.create(
            {
                "name": "Question (test)",
                "sla_priority_mode": "fixed",
                "sla_fixed_priority_ids": [Command.set(cls.p_d.ids)],
            }
        )
        # tiered plans (Light)
        cls.plan_light.write(
            {
                "calendar_id": cls.cal_light.id,
                "sla_matrix_id": cls.matrix_000.id,
                "sla_default_priority_id": cls.p_medium.id,
                "sla_resolution_start": "response",
            }
        )
        cls.addon_extended.write(
            {
                "calendar_id": cls.cal_extended.id,
                "sla_priority_ids": [Command.set(cls.p_critical.ids)],
                "sla_window": "working_days",
            }
        )
        cls.addon_365 = cls.env["support.addon"].create(
            {
                "name": "Non-business 365",
                "code": "T-365",
                "monthly_price": 1500.0,
                "company_id": cls.company.id,
                "calendar_id": cls.cal_365.id,
                "critical_only": True,
                "sla_window": "days_off",
            }
        )
        Policy = cls.env["support.sla.policy"]
        light = cls.plan_light.id
        Policy.create(
            [
                {
                    "plan_id": light,
                    "priority_id": cls.p_low.id,
                    "response_kind": "business_days",
                    "response_value": 3,
                    "resolution_kind": "day_end_plus",
                    "resolution_value": 3,
                },
                {
                    "plan_id": light,
                    "priority_id": cls.p_medium.id,
                    "response_kind": "business_days",
                    "response_value": 2,
                    "resolution_kind": "next_day_end",
                },
                {
                    "plan_id": light,
                    "priority_id": cls.p_high.id,
                    "response_kind": "business_hours",
                    "response_value": 8,
                    "resolution_kind": "day_end_plus",
                    "resolution_value": 0,
                },
                {
                    "plan_id": light,
                    "priority_id": cls.p_critical.id,
                    "emergency_only": True,
                    "response_kind": "business_minutes",
                    "response_value": 10,
                    "resolution_kind": "day_end_plus",
                    "resolution_value": 0,
                },
                {
                    "plan_id": light,
                    "priority_id": cls.p_critical.id,
                    "response_kind": "business_hours",
                    "response_value": 8,
                    "resolution_kind": "day_end_plus",
                    "resolution_value": 0,
                },
            ]
        )
        # PrioritySupport packages
        cls.plan_ps = cls.env["support.plan"].create(
            {
                "name": "PrioritySupport Small",
                "code": "T-PS-S",
                "monthly_price": 195.0,
                "company_id": cls.company.id,
                "calendar_id": cls.cal_003.id,
                "sla_matrix_id": cls.matrix_003.id,
                "sla_default_priority_id": cls.p_d.id,
            }
        )
        cls.addon_premium = cls.env["support.addon"].create(
            {
                "name": "PrioritySupport Premium",
                "code": "T-PREM",
                "monthly_price": 795.0,
                "company_id": cls.company.id,
                "calendar_id": cls.cal_premium.id,
                "plan_ids": [Command.set(cls.plan_ps.ids)],
                "sla_ticket_type_ids": [Command.set(cls.type_incident.ids)],
            }
        )
        ps = cls.plan_ps.id
        targets = {
            # priority: (response, resolution, premium response, premium resolution)
            cls.p_a: (("business_hours", 2), 1, ("business_hours", 1), 1),
            cls.p_b: (("business_hours", 4), 2, ("business_hours", 2), 1),
            cls.p_c: (("business_days", 2), 0, ("business_days", 1), 0),
            cls.p_d: (("business_days", 5), 0, ("business_days", 3), 0),
        }
        for priority, (resp, resol, p_resp, p_resol) in targets.items():
            for addon, (kind, value), days in (
                (False, resp, resol),
                (cls.addon_premium.id, p_resp, p_resol),
            ):
                Policy.create(
                    {
                        "plan_id": ps,
                        "priority_id": priority.id,
                        "addon_id": addon,
                        "response_kind": kind,
                        "response_value": value,
                        "resolution_kind": "business_days" if days else "none",
                        "resolution_value": days,
                    }
                )
        # stages
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_done.mail_template_id = False
        cls.stage_wait_customer = Stage.create(
            {
                "name": "Waiting for customer (test)",
                "sequence": 3,
                "sla_pause": "customer",
                "sla_resume_stage_id": cls.stage_progress.id,
                "company_id": False,
            }
        )
        cls.stage_wait_third = Stage.create(
            {
                "name": "Waiting for supplier (test)",
                "sequence": 3,
                "sla_pause": "third_party",
                "company_id": False,
            }
        )
        cls.stage_resolved = Stage.create(
            {
                "name": "Resolved (test)",
                "sequence": 4,
                "sla_resolved": True,
                "company_id": False,
            }
        )
        cls.company.sla_close_stage_id = cls.stage_done
        # people
        cls.agent = cls.env["res.users"].create(
            {
                "name": "Agent Alice",
                "login": "sla_agent_alice",
                "email": "alice@provider.example.com",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "group_ids": [
                    Command.link(
                        cls.env.ref("support_contract.support_contract_group_user").id
                    )
                ],
            }
        )
        cls.leader = cls.agent.copy(
            {"name": "Leader Lea", "login": "sla_leader_lea", "email": "lea@x.example"}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "SLA test team",
                "company_id": cls.company.id,
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.agent | cls.leader).ids)],
            }
        )
        cls.customer_ps = cls.env["res.partner"].create(
            {"name": "Priority Customer BV", "is_company": True}
        )
        cls.contact_ps = cls.env["res.partner"].create(
            {"name": "Piet Key User", "parent_id": cls.customer_ps.id}
        )
        cls.contract_light = cls._create_contract()
        cls.contract_light.action_activate()
        cls.contract_ps = cls._create_contract(
            partner=cls.customer_ps, plan=cls.plan_ps
        )
        cls.contract_ps.action_activate()

    @classmethod
    def _ticket(cls, partner=None, **vals):
        values = {
            "name": "Something is wrong",
            "description": "<p>Help</p>",
            "partner_id": (partner or cls.contact).id,
            "team_id": cls.team.id,
            "user_id": cls.agent.id,
            "stage_id": cls.stage_new.id,
            "company_id": cls.company.id,
        }
        values.update(vals)
        return cls.env["helpdesk.ticket"].create(values)

    def _triage(self, ticket, row, column, ticket_type=None):
        ticket.write(
            {
                "support_ticket_type_id": (ticket_type or self.type_defect).id,
                "sla_row_value_id": row.id,
                "sla_column_value_id": column.id,
            }
        )

    def _reply(self, ticket, author):
        return ticket.message_post(
            body="<p>Reply</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
        )

    @classmethod
    def _staff_reply(cls, ticket):
        """The agent answers the customer (the first response of the SLA)."""
        ticket.message_post(
            body="<p>Answer</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=cls.agent.partner_id.id,
        )

    @classmethod
    def _light_q4_2026_evaluation(cls):
        """Hours used by contract Light in Q4 2026 (14, 12.5 and 12 h against 15 h
        reserved a month) and its evaluation of that quarter."""
        for day, hours in (
            ("2026-10-15", 14.0),
            ("2026-11-15", 12.5),
            ("2026-12-15", 12.0),
        ):
            cls.env["support.hour.ledger"].create(
                {
                    "contract_id": cls.contract_light.id,
                    "date": day,
                    "kind": "consumption",
                    "name": "Support",
                    "hours": -hours,
                    "hours_logged": hours,
                }
            )
        # a quarter is evaluated once it has ended
        with freeze_time("2027-01-05 10:00:00"):
            return cls.env["support.sla.evaluation"].create(
                {"contract_id": cls.contract_light.id, "year": 2026, "quarter": "4"}
            )

    @staticmethod
    def _meeting(evaluation, key_users, outcome="positive"):
        """What the agent records of the evaluation meeting before marking it
        discussed: the key users who took part and the outcome."""
        evaluation.write(
            {
                "participant_partner_ids": [Command.set(key_users.ids)],
                "outcome": outcome,
            }
        )
