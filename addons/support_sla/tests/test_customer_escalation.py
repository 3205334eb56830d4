# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Escalation by the customer: a key user escalates a ticket to the senior partner
(level 1), then to the managing partner (level 2); each level's answer is due in
business hours of the provider's calendar, tracked, notified and counted in the
quarter's evaluation."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SlaTicketCommon, ams


@tagged("post_install", "-at_install")
class TestCustomerEscalation(SlaTicketCommon):
    """The provider works Monday to Friday 08:00-17:00 Europe/Amsterdam (Dutch
    holidays). Level 1 (Sam Senior) is answered within 4 business hours, level 2
    (Mona Managing) within 8. Ticket "Down" of contract Light, Mon 2 Nov 2026
    09:00 CET; its key user is the ticket's contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.senior = new_test_user(
            cls.env,
            login="sla_sam_senior",
            name="Sam Senior",
            groups="support_contract.support_contract_group_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.managing = new_test_user(
            cls.env,
            login="sla_mona_managing",
            name="Mona Managing",
            groups="support_contract.support_contract_group_manager",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.company.write(
            {
                "resource_calendar_id": cls.cal_light.id,
                "sla_escalation_senior_user_id": cls.senior.id,
                "sla_escalation_managing_user_id": cls.managing.id,
                "sla_escalation_senior_hours": 4.0,
                "sla_escalation_managing_hours": 8.0,
            }
        )
        cls.contract_light.key_user_ids = cls.contact
        with freeze_time(ams(2026, 11, 2, 9)):
            cls.ticket = cls._ticket(name="Down")
            cls.env.flush_all()

    def test_level_1_then_level_2(self):
        with freeze_time(ams(2026, 11, 2, 10)):
            first = self.ticket._customer_escalate(
                self.contact, "Production is down", level="1"
            )
            self.env.flush_all()
        self.assertEqual(first.user_id, self.senior)
        # 4 business hours from Mon 10:00: Mon 14:00
        self.assertEqual(first.response_deadline, ams(2026, 11, 2, 14))
        self.assertEqual(self.ticket.sla_customer_escalation_level, 1)
        message = self.ticket.message_ids.filtered(
            lambda m: "Production is down" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.contact)
        self.assertIn("Sam Senior", message.body)
        self.assertIn(self.senior.partner_id, message.notified_partner_ids)
        activity = self.ticket.activity_ids.filtered(lambda a: a.user_id == self.senior)
        self.assertEqual(activity.date_deadline, datetime(2026, 11, 2).date())
        # still not satisfied at 16:00: level 2, 8 business hours -> Tue 15:00
        with freeze_time(ams(2026, 11, 2, 16)):
            second = self.ticket._customer_escalate(
                self.contact, "No answer yet", level="2"
            )
            self.assertEqual(first.response_status, "overdue")
        self.assertEqual(second.user_id, self.managing)
        self.assertEqual(second.response_deadline, ams(2026, 11, 3, 15))
        self.assertEqual(self.ticket.sla_customer_escalation_level, 2)
        # the managing partner answers in time; the senior partner's answer is late
        with freeze_time(ams(2026, 11, 3, 9)):
            second.with_user(self.managing).action_answered()
            first.with_user(self.senior).action_answered()
        self.assertEqual(second.response_status, "met")
        self.assertEqual(first.response_status, "late")

    def test_refused(self):
        stranger = self.env["res.partner"].create(
            {"name": "Not a key user", "parent_id": self.contact.parent_id.id}
        )
        with freeze_time(ams(2026, 11, 2, 10)):
            with self.assertRefused(AccessError, "Only the contract's key users"):
                self.ticket._customer_escalate(stranger, "Me too")
            with self.assertRefused(UserError, "level 1 now, not to level 2"):
                self.ticket._customer_escalate(self.contact, "Straight up", level="2")
            with self.assertRefused(UserError, "Tell us why"):
                self.ticket._customer_escalate(self.contact, "  ")
            self.ticket._customer_escalate(self.contact, "Down", level="1")
            with self.assertRefused(UserError, "level 2 now, not to level 1"):
                self.ticket._customer_escalate(self.contact, "Again", level="1")
            self.ticket._customer_escalate(self.contact, "Still down", level="2")
            with self.assertRefused(UserError, "already escalated to the managing"):
                self.ticket._customer_escalate(self.contact, "More")
            other = self._ticket(name="Closed one")
            other.stage_id = self.stage_done
            with self.assertRefused(UserError, "is closed; reopen it first"):
                other._customer_escalate(self.contact, "Why closed?")
            # an agent cannot note the senior partner's answer for them
            with self.assertRefused(AccessError, "Only Sam Senior or a support"):
                self.ticket.sla_customer_escalation_ids[0].with_user(
                    self.agent
                ).action_answered()
        # nobody fakes the level
        with self.assertRefused(AccessError, "cannot be written"):
            self.ticket.with_user(self.agent).write(
                {"sla_customer_escalation_level": 0}
            )
        self.assertEqual(self.ticket.sla_customer_escalation_level, 2)
        self.assertEqual(len(self.ticket.sla_customer_escalation_ids), 2)
        self.assertFalse(other.sla_customer_escalation_ids)
        self.assertEqual(
            self.ticket.sla_customer_escalation_ids.mapped("response_date"),
            [False, False],
        )

    def test_contract_overrides_the_company(self):
        self.contract_light.escalation_senior_user_id = self.managing
        with freeze_time(ams(2026, 11, 2, 10)):
            escalation = self.ticket._customer_escalate(self.contact, "Down")
        self.assertEqual(escalation.user_id, self.managing)
        self.company.sla_escalation_managing_user_id = False
        with (
            freeze_time(ams(2026, 11, 2, 11)),
            self.assertRefused(UserError, "No one is set up"),
        ):
            self.ticket._customer_escalate(self.contact, "Up", level="2")

    def test_counted_in_the_evaluation(self):
        with freeze_time(ams(2026, 11, 2, 10)):
            self.ticket._customer_escalate(self.contact, "Down")
            self.ticket._customer_escalate(self.contact, "Still down")
        with freeze_time("2027-01-05 10:00:00"):
            evaluation = self.env["support.sla.evaluation"].create(
                {"contract_id": self.contract_light.id, "year": 2026, "quarter": "4"}
            )
        self.assertEqual(evaluation.escalation_count, 2)
