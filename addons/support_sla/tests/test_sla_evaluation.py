# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SlaTicketCommon, ams


@tagged("post_install", "-at_install")
class TestSlaEvaluation(SlaTicketCommon):
    """The quarterly evaluation of a contract (Q4 2026), its PDF and the analysis.

    Light contract, 10 h reserved a month. Mon 2 Nov 2026 09:00 CET three tickets:
    - "Met": High defect, answered 10:00 (due 17:00), resolved 15:00 (due 17:00);
    - "Late": Medium (untriaged), due Wed 4 Nov 09:00, answered Thu 5 Nov 12:00:
      response breached (breach recorded, cause noted), resolution still open;
    - "Paused": Medium, waiting for the customer 10:00-12:00 (2 business hours).
    Plus one ticket of 30 Sep (previous quarter). Hours used 14, 12.5 and 12 h in
    October, November and December.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_light.reserved_hours = 10.0
        _system, multiple, _single = cls.impact.value_ids
        high = cls.urgency.value_ids[0]
        with freeze_time(ams(2026, 9, 30, 10)):
            cls.t_september = cls._ticket(name="September")
            cls.env.flush_all()
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            cls.t_met = cls._ticket(name="Met")
            cls.t_met.write(
                {
                    "support_ticket_type_id": cls.type_defect.id,
                    "sla_row_value_id": multiple.id,
                    "sla_column_value_id": high.id,
                }
            )
            cls.t_late = cls._ticket(name="Late")
            cls.t_paused = cls._ticket(name="Paused")
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 2, 10))
            cls._staff_reply(cls.t_met)
            cls.t_paused.stage_id = cls.stage_wait_customer
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 2, 12))
            cls.t_paused.stage_id = cls.stage_progress
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 2, 15))
            cls.t_met.stage_id = cls.stage_done
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 5, 12))
            cls._staff_reply(cls.t_late)
            cls.env["support.sla.breach"].create(
                {
                    "ticket_id": cls.t_late.id,
                    "contract_id": cls.contract_light.id,
                    "target": "response",
                    "deadline": cls.t_late.sla_response_deadline,
                    "priority_id": cls.t_late.sla_priority_id.id,
                    "cause": "Key user on holiday",
                }
            )
            cls.env.flush_all()
        cls.evaluation = cls._light_q4_2026_evaluation()

    def test_ticket_statuses_of_the_fixture(self):
        self.assertEqual(self.t_met.sla_response_status, "met")
        self.assertEqual(self.t_met.sla_resolution_status, "met")
        self.assertEqual(self.t_late.sla_response_status, "breached")
        self.assertEqual(self.t_paused.sla_paused_hours, 2.0)

    @freeze_time("2027-01-10 10:00:00")
    def test_figures(self):
        evaluation = self.evaluation
        self.assertEqual(evaluation.date_from, date(2026, 10, 1))
        self.assertEqual(evaluation.date_to, date(2026, 12, 31))
        self.assertIn("2026 Q4", evaluation.name)
        # Q4: Met, Late, Paused (not September's)
        self.assertEqual(evaluation.ticket_count, 3)
        # responses measured: Met (met) and Late (breached) -> 1/2 = 50 %
        self.assertEqual(
            (evaluation.response_met, evaluation.response_measured), (1, 2)
        )
        self.assertEqual(evaluation.response_achievement, 50.0)
        # resolutions measured: Met only -> 100 %
        self.assertEqual(evaluation.resolution_achievement, 100.0)
        self.assertEqual(evaluation.breach_count, 1)
        self.assertEqual(evaluation.paused_hours, 2.0)
        # 3 x 10 h reserved; 14 + 12.5 + 12 = 38.5 h used, each month above 10 h
        # + 10 % = 11 h -> above three months in a row
        self.assertEqual(evaluation.reserved_hours, 30.0)
        self.assertEqual(evaluation.used_hours, 38.5)
        self.assertEqual(evaluation.fair_use, "above")
        # with a tolerance of 20 % December (12 h, not above 12 h) is within: no
        # flag
        evaluation.fair_use_tolerance = 20.0
        self.assertEqual(evaluation.fair_use, "ok")
        types, priorities, counts = evaluation._get_type_priority_table()
        self.assertEqual(counts[self.type_defect.id, self.p_high.id], 1)
        self.assertEqual(counts[False, self.p_medium.id], 2)
        self.assertEqual(types, self.type_defect)
        self.assertEqual(priorities, self.p_high | self.p_medium)

    @freeze_time("2027-01-10 10:00:00")
    def test_pdf_report_content(self):
        self.evaluation.advice = "<p>Plan a training for new key users.</p>"
        html = self._evaluation_report(self.evaluation)
        for text in (
            "Tulip",  # never: the customer of this contract is Customer Ltd
        ):
            self.assertNotIn(text, html)
        for text in (
            "Customer Ltd",
            "50.0",
            "100.0",
            "Key user on holiday",
            "Late",
            "Above the reservation three months in a row",
            "Plan a training for new key users.",
            "SLA evaluation <span>2026</span>",
            "2026-10",
            "12:30",  # 12.5 h used in November, as hours:minutes
        ):
            self.assertIn(text, html)
        # (a company without a document layout gets the layout wizard first)
        self.company.external_report_layout_id = self.env.ref(
            "web.external_layout_standard"
        )
        action = self.evaluation.action_print()
        self.assertEqual(action["report_name"], "support_sla.report_sla_evaluation")

    def test_analysis_view_figures(self):
        groups = self.env["support.sla.report"]._read_group(
            [
                ("contract_id", "=", self.contract_light.id),
                ("date", ">=", datetime(2026, 10, 1)),
            ],
            [],
            [
                "ticket_count:sum",
                "response_score:avg",
                "resolution_score:avg",
                "breach_count:sum",
                "paused_hours:sum",
            ],
        )
        # same figures as the evaluation: 3 tickets, 50 % and 100 %, 1 breach, 2 h
        self.assertEqual(groups[0], (3, 50.0, 100.0, 1, 2.0))

    def test_two_workers_create_a_quarter_quietly(self):
        """Two runs creating a quarter's evaluations at once (two database
        connections): the second leaves the quarter to the first, quietly (it
        waited for the first one's rows and failed on the unique constraint)."""
        contracts = self.env.ref("support_contract.support_contract_tulip_demo") | (
            self.env.ref("support_contract.support_contract_nordic_demo")
        )
        Evaluation = self.env["support.sla.evaluation"]
        # (a quarter is evaluated once it has ended)
        frozen = freeze_time("2031-04-05 08:00:00")
        frozen.start()
        self.addCleanup(frozen.stop)
        first = Evaluation._create_for_quarter(contracts, 2031, 1)
        self.assertEqual(first.contract_id, contracts)
        with (
            self._other_worker() as env,
            self.assertNoLogs("odoo", level="ERROR"),
        ):
            second = env["support.sla.evaluation"]._create_for_quarter(
                env["support.contract"].browse(contracts.ids), 2031, 1
            )
            self.assertFalse(second)
        self.assertEqual(
            Evaluation.search_count(
                [("contract_id", "in", contracts.ids), ("year", "=", 2031)]
            ),
            2,
        )

    def test_quarterly_action_counts_in_each_company_zone(self):
        """The quarterly action run for the main company (in UTC) drafts the
        evaluations of this Stockholm company's contracts by Stockholm's date: at
        23:30 Stockholm on 31 December 2026 (22:30 UTC) Q4 has not ended, at
        00:30 on 1 January 2027 (23:30 UTC, still 31 December by the main
        company's date) it has."""
        self.company.partner_id.tz = "Europe/Stockholm"
        main = self.env.ref("base.main_company")
        main.partner_id.tz = "UTC"
        Evaluation = (
            self.env["support.sla.evaluation"].with_company(main).with_context(tz="UTC")
        )
        q4 = [("contract_id", "=", self.contract_ps.id), ("year", "=", 2026)]
        q4.append(("quarter", "=", "4"))
        with freeze_time("2026-12-31 22:30:00"):
            Evaluation._cron_create_evaluations()
        self.assertFalse(Evaluation.search(q4))
        with freeze_time("2026-12-31 23:30:00"):
            Evaluation._cron_create_evaluations()
        self.assertTrue(Evaluation.search(q4))

    def test_quarter_creation_and_rules(self):
        Evaluation = self.env["support.sla.evaluation"]
        with freeze_time("2027-01-05 08:00:00"):
            Evaluation._cron_create_evaluations()
            evaluations = Evaluation.search(
                [("year", "=", 2026), ("quarter", "=", "4")]
            )
        # one per active contract (demo contracts included), the existing one kept
        ours = self.contract_light | self.contract_ps
        self.assertEqual(evaluations.contract_id & ours, ours)
        self.assertEqual(len(evaluations), len(evaluations.contract_id))
        self.assertFalse(
            evaluations.contract_id.filtered(lambda c: c.state != "active")
        )
        self.assertIn(self.evaluation, evaluations)
        with self.assertRefused(ValidationError, "not a year"):
            self.evaluation.year = 26
        self.assertEqual(self.evaluation.year, 2026)
        self.contract_light.key_user_ids = self.contact
        self._meeting(self.evaluation, self.contact)
        with freeze_time("2027-01-12 10:00:00"):
            self.evaluation.action_done()
        with self.assertRefused(UserError, "cannot be deleted"):
            self.evaluation.unlink()
        self.assertTrue(self.evaluation.exists())

    def test_portal_sees_discussed_evaluations_of_own_company(self):
        # a key user of the contract (support_portal narrows the rule to them)
        self.contract_light.key_user_ids = [Command.link(self.contact.id)]
        portal = new_test_user(
            self.env,
            login="sla_keyuser",
            groups="base.group_portal",
            partner_id=self.contact.id,
        )
        # a key user: support_portal shows evaluations to the contract's key users only
        self.evaluation.contract_id.key_user_ids = self.contact
        with freeze_time("2027-01-12 10:00:00"):
            other = self.env["support.sla.evaluation"].create(
                {"contract_id": self.contract_ps.id, "year": 2026, "quarter": "4"}
            )
        Evaluation = self.env["support.sla.evaluation"].with_user(portal)
        self.assertFalse(Evaluation.search([]))  # drafts are not shown
        ps_contact = self.env["res.partner"].create(
            {"name": "PS key user", "parent_id": self.contract_ps.partner_id.id}
        )
        self.contract_ps.key_user_ids = ps_contact
        self._meeting(self.evaluation, self.contact)
        self._meeting(other, ps_contact)
        with freeze_time("2027-01-12 10:00:00"):
            self.evaluation.action_done()
            other.action_done()
        self.assertEqual(Evaluation.search([]), self.evaluation)
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["name"])
