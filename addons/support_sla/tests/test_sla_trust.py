# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Computed truth cannot be written: an agent calling the JSON-RPC endpoint of the
web client (/web/dataset/call_kw) cannot fake a ticket's SLA result, move a
recorded breach or change an evaluation once discussed with the customer."""

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import SlaTicketCommon, ams

AGENT_PASSWORD = "sla_agent_alice_pw"
MANAGER_PASSWORD = "sla_manager_mia_pw"


@tagged("post_install", "-at_install")
class TestSlaTrust(SlaTicketCommon, HttpCase):
    """Light contract, a Medium ticket of Mon 2 Nov 2026 09:00 CET (response due
    Wed 4 Nov 09:00) answered late on Thu 5 Nov 12:00: response breached, the
    breach recorded; its Q4 2026 evaluation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.password = AGENT_PASSWORD
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Manager Mia",
                "login": "sla_manager_mia",
                "password": MANAGER_PASSWORD,
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "group_ids": [
                    Command.link(
                        cls.env.ref(
                            "support_contract.support_contract_group_manager"
                        ).id
                    )
                ],
            }
        )
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            cls.ticket = cls._ticket(name="Late")
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 5, 12))
            cls._staff_reply(cls.ticket)
            cls.env["helpdesk.ticket"]._cron_sla_check(commit=False)
            cls.env.flush_all()
        cls.breach = cls.ticket.sla_breach_ids
        cls.evaluation = cls._light_q4_2026_evaluation()

    def _as_agent(self, model, method, args, kwargs=None):
        return self._call_kw(
            self.agent.login, AGENT_PASSWORD, model, method, args, kwargs
        )

    def _as_manager(self, model, method, args, kwargs=None):
        return self._call_kw(
            self.manager.login, MANAGER_PASSWORD, model, method, args, kwargs
        )

    def assertRpcRefused(self, answer, exception, text):
        self.assertIn("error", answer, f"the call was not refused: {answer}")
        data = answer["error"]["data"]
        self.assertEqual(data["name"], exception)
        self.assertIn(text, data["message"])

    def test_fixture(self):
        self.assertEqual(self.ticket.sla_response_status, "breached")
        self.assertEqual(self.ticket.sla_response_deadline, ams(2026, 11, 4, 9))
        self.assertEqual(len(self.breach), 1)
        self.assertEqual(self.breach.deadline, ams(2026, 11, 4, 9))

    @freeze_time("2027-01-10 10:00:00")
    def test_agent_cannot_fake_the_sla_of_a_ticket(self):
        met_before = self.evaluation.response_met
        for vals in (
            {"sla_response_deadline": "2099-12-31 12:00:00"},
            {"sla_resolution_deadline": "2099-12-31 12:00:00"},
            {"sla_status": "met"},
            {"sla_response_status": "met"},
            {"sla_response_breached_date": False},
            {"sla_first_response_date": "2026-11-02 09:30:00"},
            {"sla_response_breach_logged": False, "sla_escalation_level": 0},
            # hidden among fields the agent may write
            {"name": "Late (renamed)", "sla_response_status": "met"},
        ):
            with self.subTest(vals=vals):
                answer = self._as_agent(
                    "helpdesk.ticket", "write", [self.ticket.ids, vals]
                )
                self.assertRpcRefused(
                    answer, "odoo.exceptions.AccessError", "cannot be written"
                )
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.name, "Late")
        self.assertEqual(self.ticket.sla_response_status, "breached")
        self.assertEqual(self.ticket.sla_status, "breached")
        self.assertEqual(self.ticket.sla_response_deadline, ams(2026, 11, 4, 9))
        self.assertEqual(self.ticket.sla_first_response_date, ams(2026, 11, 5, 12))
        self.evaluation.invalidate_recordset()
        self.assertEqual(self.evaluation.response_met, met_before)
        # what the agent may write still goes through
        answer = self._as_agent(
            "helpdesk.ticket", "write", [self.ticket.ids, {"name": "Late (renamed)"}]
        )
        self.assertIs(answer.get("result"), True, answer)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.name, "Late (renamed)")

    @freeze_time(ams(2026, 11, 9, 10))
    def test_agent_cannot_create_a_ticket_with_a_faked_sla(self):
        vals = {
            "name": "New",
            "description": "<p>Help</p>",
            "partner_id": self.contact.id,
            "team_id": self.team.id,
            "company_id": self.company.id,
        }
        # a status "met" given with the ticket would be kept for good (a target
        # met is frozen)
        for forged in (
            {"sla_status": "met", "sla_response_status": "met"},
            {"sla_response_deadline": "2099-12-31 12:00:00"},
            {"sla_start_date": "2099-12-30 12:00:00"},
        ):
            with self.subTest(forged=forged):
                answer = self._as_agent(
                    "helpdesk.ticket", "create", [{**vals, **forged}]
                )
                self.assertRpcRefused(
                    answer, "odoo.exceptions.AccessError", "cannot be written"
                )
        self.assertFalse(self.env["helpdesk.ticket"].search([("name", "=", "New")]))
        answer = self._as_agent("helpdesk.ticket", "create", [vals])
        ticket = self.env["helpdesk.ticket"].browse(answer["result"])
        # Medium: 2 business days from Mon 9 Nov 10:00 CET
        self.assertEqual(ticket.sla_response_deadline, ams(2026, 11, 11, 10))
        self.assertEqual(ticket.sla_response_status, "on_track")

    def test_agent_cannot_move_a_recorded_breach(self):
        for vals in (
            {"deadline": "2099-12-31 12:00:00"},
            {"cause": "Nobody's fault"},
        ):
            with self.subTest(vals=vals):
                answer = self._as_agent(
                    "support.sla.breach", "write", [self.breach.ids, vals]
                )
                self.assertRpcRefused(
                    answer, "odoo.exceptions.AccessError", "not allowed to modify"
                )
        answer = self._as_agent("support.sla.breach", "unlink", [self.breach.ids])
        self.assertRpcRefused(
            answer, "odoo.exceptions.AccessError", "not allowed to delete"
        )
        self.breach.invalidate_recordset()
        self.assertEqual(self.breach.deadline, ams(2026, 11, 4, 9))
        self.assertFalse(self.breach.cause)
        # the manager notes the cause for the evaluation
        answer = self._as_manager(
            "support.sla.breach",
            "write",
            [self.breach.ids, {"cause": "Key user on holiday"}],
        )
        self.assertIs(answer.get("result"), True, answer)

    @freeze_time("2027-01-10 10:00:00")
    def test_discussed_evaluation_is_locked(self):
        evaluation = self.evaluation
        # before it is discussed: the advice, nothing else
        answer = self._as_agent(
            "support.sla.evaluation",
            "write",
            [evaluation.ids, {"advice": "<p>Plan a training.</p>"}],
        )
        self.assertIs(answer.get("result"), True, answer)
        answer = self._as_agent(
            "support.sla.evaluation",
            "write",
            [evaluation.ids, {"fair_use_tolerance": 50.0}],
        )
        self.assertRpcRefused(
            answer, "odoo.exceptions.AccessError", "corrected by a support manager"
        )
        # the meeting: the key user who took part and the outcome
        self.contract_light.key_user_ids = self.contact
        answer = self._as_agent(
            "support.sla.evaluation",
            "write",
            [
                evaluation.ids,
                {
                    "participant_partner_ids": [[6, 0, self.contact.ids]],
                    "outcome": "positive",
                },
            ],
        )
        self.assertIs(answer.get("result"), True, answer)
        answer = self._as_agent(
            "support.sla.evaluation", "action_done", [evaluation.ids]
        )
        self.assertIs(answer.get("result"), True, answer)
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "done")
        # discussed: locked for the agent, advice included, and not reopened by them
        for method, args in (
            ("write", [evaluation.ids, {"advice": "<p>Changed afterwards</p>"}]),
            ("write", [evaluation.ids, {"state": "draft"}]),
            ("write", [evaluation.ids, {"quarter": "3"}]),
            ("action_draft", [evaluation.ids]),
        ):
            with self.subTest(method=method, args=args):
                answer = self._as_agent("support.sla.evaluation", method, args)
                self.assertRpcRefused(
                    answer, "odoo.exceptions.AccessError", "support manager"
                )
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "done")
        self.assertEqual(evaluation.quarter, "4")
        self.assertIn("Plan a training", evaluation.advice)
        self.assertEqual(evaluation.fair_use_tolerance, 10.0)
        # a manager corrects it; the correction is in the chatter
        answer = self._as_manager(
            "support.sla.evaluation",
            "write",
            [evaluation.ids, {"advice": "<p>Plan a training in January.</p>"}],
        )
        self.assertIs(answer.get("result"), True, answer)
        evaluation.invalidate_recordset()
        self.assertIn("January", evaluation.advice)
        note = evaluation.message_ids[:1]
        self.assertIn("Corrected after it was discussed by Manager Mia", note.body)
        self.assertIn("Advice", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)
