# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's right to end the SLA early: after the first contract year, two
negative evaluations (discussed, outcome negative). A contracts manager records
the termination with that reason in the End wizard; without the right it is
refused and nothing is written."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SlaTicketCommon


@tagged("post_install", "-at_install")
class TestEarlyTermination(SlaTicketCommon):
    """Contract Light from 1 January 2026, minimum term 24 months (until 31
    December 2027): its first contract year ends on 31 December 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="early_end_manager",
            groups="support_contract.support_contract_group_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.contract = cls.contract_light
        cls.contract.write({"min_term_months": 24, "user_id": cls.agent.id})
        cls.key_user = cls.env["res.partner"].create(
            {
                "name": "Kim Key User",
                "parent_id": cls.contract.partner_id.id,
                "email": "kim@customer.example.com",
            }
        )
        cls.contract.key_user_ids = cls.key_user
        cls.successor = cls.env["res.partner"].create(
            {"name": "Next Partner B.V.", "is_company": True}
        )

    def _evaluation(self, year, quarter, outcome, discussed):
        """The evaluation of a quarter, discussed on ``discussed`` with this
        outcome (a negative one with an agreed improvement)."""
        with freeze_time(discussed):
            evaluation = self.env["support.sla.evaluation"].create(
                {"contract_id": self.contract.id, "year": year, "quarter": quarter}
            )
            evaluation.write(
                {
                    "participant_partner_ids": [Command.set(self.key_user.ids)],
                    "outcome": outcome,
                    "discussed_date": discussed,
                    "improvement_ids": [
                        Command.create(
                            {
                                "name": "Answer within the response time",
                                "user_id": self.agent.id,
                                "deadline": "2027-12-31",
                            }
                        )
                    ]
                    if outcome == "negative"
                    else [],
                }
            )
            evaluation.action_done()
        return evaluation

    def _has_right(self, day):
        with freeze_time(day):
            self.contract.invalidate_recordset(["early_termination_right"])
            right = self.contract.early_termination_right
            found = self.env["support.contract"].search(
                [("early_termination_right", "=", True)]
            )
            not_found = self.env["support.contract"].search(
                [("early_termination_right", "=", False)]
            )
        self.assertEqual(self.contract in found, right)
        self.assertEqual(self.contract in not_found, not right)
        return right

    def _end_early(self, day, user=None, reason=""):
        with freeze_time(day):
            wizard = (
                self.env["support.contract.end.wizard"]
                .with_user(user or self.manager)
                .with_context(default_contract_id=self.contract.id)
                .create(
                    {
                        "date_end": day,
                        "early_termination": True,
                        "reason": reason,
                        "source_handover_partner_id": self.successor.id,
                    }
                )
            )
            return wizard.action_end()

    def test_right_after_the_first_year_and_the_second_negative(self):
        """Q1 2026 negative (discussed 10 April), Q2 positive: one negative
        evaluation gives no right, also after the first year. Q3 negative
        (discussed 12 October, month 10): two, but at month 11 (15 December
        2026) still no right; from 1 January 2027, the first day after the first
        contract year, the customer may end the SLA early. An objection reopens
        the outcome of Q3: the right is gone."""
        self._evaluation(2026, "1", "negative", "2026-04-10")
        self._evaluation(2026, "2", "positive", "2026-07-09")
        self.assertFalse(self._has_right("2027-02-01"))
        self.assertFalse(self.contract.early_termination_date)
        third = self._evaluation(2026, "3", "negative", "2026-10-12")
        self.assertEqual(self.contract.early_termination_date, date(2027, 1, 1))
        self.assertFalse(self._has_right("2026-12-15"))
        self.assertFalse(self._has_right("2026-12-31"))
        self.assertTrue(self._has_right("2027-01-01"))
        with freeze_time("2026-10-14"):
            third._object(self.key_user, "We disagree with the outcome.")
        self.assertFalse(self.contract.early_termination_date)
        self.assertFalse(self._has_right("2027-01-01"))

    def test_second_negative_after_the_first_year(self):
        """The readme's example shifted to this contract (1 January 2026):
        negative evaluations of Q1 2027 (discussed 12 April 2027) and Q2 2027
        (discussed 8 July 2027) give the right from 8 July 2027."""
        self._evaluation(2027, "1", "negative", "2027-04-12")
        self.assertFalse(self._has_right("2027-07-07"))
        self._evaluation(2027, "2", "negative", "2027-07-08")
        self.assertEqual(self.contract.early_termination_date, date(2027, 7, 8))
        self.assertTrue(self._has_right("2027-07-08"))

    def test_end_early_with_the_right(self):
        """With the right, the manager ends the contract on 15 February 2027,
        before its 24-month term, with the reason: the contract ends, the reason
        is recorded, billing stops after the last day, and the account manager is
        asked to hand the source code over to the party the customer named."""
        self._evaluation(2026, "2", "negative", "2026-07-09")
        self._evaluation(2026, "3", "negative", "2026-10-12")
        self._end_early("2027-02-15", reason="Customer's letter of 3 February")
        contract = self.contract
        self.assertEqual(contract.state, "ended")
        self.assertEqual(contract.date_end, date(2027, 2, 15))
        self.assertTrue(contract.ended_early)
        self.assertEqual(
            contract.min_term_override_reason,
            "Early termination (two negative evaluations): Customer's letter of 3 "
            "February",
        )
        self.assertEqual(contract.source_handover_partner_id, self.successor)
        handover = contract.activity_ids.filtered(
            lambda a: a.summary == "Hand over the source code"
        )
        self.assertEqual(handover.user_id, self.agent)
        self.assertEqual(handover.date_deadline, date(2027, 2, 15))
        self.assertIn("Next Partner B.V.", str(handover.note))
        # billed through the last day, not after it (the existing end rules:
        # March's run makes only the final statement, April's nothing once it
        # is billed)
        period, _share = contract._get_billing_share(date(2027, 2, 1))
        self.assertEqual(period, (date(2027, 2, 1), date(2027, 2, 15)))
        self.assertIsNone(contract._get_billing_share(date(2027, 3, 1))[0])
        self.assertTrue(contract._bill_month(date(2027, 3, 1)).is_final)
        self.assertNotIn(
            contract,
            contract.search(contract._get_billable_domain(date(2027, 4, 1))),
        )

    def assertNothingWritten(self):
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(self.contract.date_end)
        self.assertFalse(self.contract.ended_early)
        self.assertFalse(self.contract.min_term_override_reason)
        self.assertFalse(self.contract.source_handover_partner_id)
        self.assertFalse(self.contract.activity_ids)

    def test_refused_with_one_negative_evaluation(self):
        """One negative evaluation, after the first year: refused with the
        reason, nothing written."""
        self._evaluation(2026, "3", "negative", "2026-10-12")
        with self.assertRaises(UserError) as caught:
            self._end_early("2027-02-15")
        self.assertIn(
            "only after the first contract year (from 01/01/2027) and two "
            "negative evaluations (1 so far)",
            str(caught.exception),
        )
        self.assertNothingWritten()

    def test_refused_at_month_eleven_with_two(self):
        """Two negative evaluations at month 11 (1 December 2026): refused,
        nothing written."""
        self._evaluation(2026, "2", "negative", "2026-07-09")
        self._evaluation(2026, "3", "negative", "2026-10-12")
        with self.assertRaises(UserError) as caught:
            self._end_early("2026-12-01")
        self.assertIn("(2 so far)", str(caught.exception))
        self.assertNothingWritten()

    def test_agent_cannot_end_early(self):
        """Only a contracts manager records an early termination."""
        self._evaluation(2026, "2", "negative", "2026-07-09")
        self._evaluation(2026, "3", "negative", "2026-10-12")
        with self.assertRaises(UserError):
            self._end_early("2027-02-15", user=self.agent)
        self.assertEqual(self.contract.state, "active")
