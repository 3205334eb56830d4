# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SupportContractCommon

# a 1 x 1 PNG: what the portal's signature pad sends, in base64
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestChangeRequest(SupportContractCommon):
    """A change request is estimated (hours, amount at the customer's rate), sent to
    the contract's key users and worked on once one of them approved it; until then
    only the company's analysis allowance (2 h) can be logged. Approved above its
    maximum (8 h) it is billed on its own order, never from the reserved hours."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        cls.company.support_rfc_analysis_hours = 2.0
        # member rate: 10 % off the normal hourly rate of 100.00
        cls.plan_light.write({"member_rate_mode": "percent", "member_discount": 10})
        cls.contract = cls._create_contract(reserved_hours=15)
        cls.contract.action_activate()
        cls.contact.write({"email": "key.user@customer.test", "lang": "en_US"})
        cls.contract.key_user_ids = cls.contact
        cls.other_contact = cls.env["res.partner"].create(
            {
                "name": "Plain Contact",
                "parent_id": cls.customer.id,
                "email": "plain@customer.test",
            }
        )
        other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer Ltd", "is_company": True}
        )
        cls.other_key_user = cls.env["res.partner"].create(
            {
                "name": "Other Key User",
                "parent_id": other_customer.id,
                "email": "key@other.test",
            }
        )
        other = cls._create_contract(partner=other_customer)
        other.action_activate()
        other.key_user_ids = cls.other_key_user
        cls.agent = new_test_user(
            cls.env,
            login="rfc_agent",
            groups="helpdesk_mgmt.group_helpdesk_user,hr_timesheet.group_hr_timesheet_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def _estimate(self, ticket, hours, env=None):
        env = env or self.env
        return env["support.change.estimate"].create(
            {"ticket_id": ticket.id, "hours": hours, "description": "Delivery slots"}
        )

    def _sent(self, hours):
        ticket = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        estimate = self._estimate(ticket, hours)
        estimate.action_send_for_approval()
        return ticket, estimate

    def test_amount_at_the_customers_rate(self):
        """12.5 h at the normal rate of 100.00 less the member rate's 10 %:
        12.5 x 100.00 x 0.90 = 1,125.00."""
        ticket = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        estimate = self._estimate(ticket, 12.5)
        self.assertEqual(estimate.hourly_rate, 100.0)
        self.assertEqual(estimate.member_discount, 10.0)
        self.assertEqual(estimate.amount, 1125.0)
        self.assertTrue(estimate.over_limit)
        # without a member rate: 12.5 x 100.00
        self.plan_light.member_rate_mode = "none"
        other = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        self.assertEqual(self._estimate(other, 12.5).amount, 1250.0)

    def test_amount_frozen_once_sent(self):
        """Sent at 4 h x 100.00 less 10 % = 360.00: the key users approve that
        amount, even if the ticket's contract is taken away afterwards (without a
        contract the estimate would read 4 h x 100.00 = 400.00); a draft follows."""
        ticket, estimate = self._sent(4.0)
        draft = self._estimate(
            self._create_ticket(self.contract, ticket_type=self.type_rfc), 4.0
        )
        self.assertEqual(estimate.amount, 360.0)
        (ticket | draft.ticket_id).support_contract_id = False
        self.assertEqual(estimate.amount, 360.0)
        self.assertEqual(estimate.member_discount, 10.0)
        self.assertEqual(draft.amount, 400.0)

    def test_sent_to_the_key_users_in_their_language(self):
        """One message per language of the key users, from the ticket's chatter."""
        self.env["res.lang"]._activate_lang("nl_NL")
        dutch = self.env["res.partner"].create(
            {
                "name": "Sleutelgebruiker",
                "parent_id": self.customer.id,
                "email": "sleutel@customer.test",
                "lang": "nl_NL",
            }
        )
        self.contract.key_user_ids |= dutch
        ticket, estimate = self._sent(4.0)
        self.assertEqual(estimate.state, "sent")
        self.assertEqual(ticket.support_change_state, "sent")
        messages = ticket.message_ids.filtered(
            lambda m: m.subject and m.subject.startswith("Estimate for approval")
        )
        self.assertEqual(len(messages), 2)
        self.assertEqual(
            {tuple(m.partner_ids.ids) for m in messages},
            {(self.contact.id,), (dutch.id,)},
        )
        self.assertIn("04:00", messages[0].body)
        self.assertIn("360", messages[0].body)
        self.assertIn(f"/my/ticket/{ticket.id}", messages[0].body)

    def test_time_is_refused_beyond_the_analysis_allowance(self):
        """2 h of analysis may be logged before the approval; the entry that goes
        beyond is refused whole (nothing written); after the approval the work is
        logged."""
        ticket = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        first = self._log(ticket, date(2026, 1, 5), 1.5)
        with self.assertError(
            ValidationError, r"at most 02:00 hours of analysis .* \(02:30 with this"
        ):
            self._log(ticket, date(2026, 1, 5), 1.0)
        with self.assertError(ValidationError, "not approved"):
            first.unit_amount = 3.0
        self.assertEqual(ticket.timesheet_ids, first)
        self.assertEqual(first.unit_amount, 1.5)
        self.assertEqual(self.contract.hour_balance, -1.5)
        estimate = self._estimate(ticket, 6.0)
        estimate.action_send_for_approval()
        # sent is not approved
        with self.assertError(ValidationError, "not approved"):
            self._log(ticket, date(2026, 1, 6), 1.0)
        estimate.sudo()._customer_decide(
            self.contact, True, name="Key User", signature=SIGNATURE
        )
        self._log(ticket, date(2026, 1, 7), 4.5)
        self.assertEqual(ticket.support_hours_spent, 6.0)
        # within 8 h: support, from the reserved hours (no order)
        self.assertEqual(ticket.support_hours_policy, "reserved")
        self.assertFalse(estimate.sale_order_id)
        self.assertEqual(self.contract.hour_balance, -6.0)
        # an agent logging time meets the same rule
        other = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        with self.assertError(ValidationError, "not approved"):
            self.env["account.analytic.line"].with_user(self.agent).create(
                {
                    "helpdesk_ticket_id": other.id,
                    "date": date(2026, 1, 7),
                    "unit_amount": 2.5,
                    "name": "Too much analysis",
                    "employee_id": self.employee.id,
                }
            )

    def test_above_the_limit_is_quoted_and_kept_out_of_the_reserved_hours(self):
        """12 h (> 8 h) approved: an order of 12 h at 100.00 less 10 %, signed by
        the key user and confirmed; the ticket's hours consume nothing and the
        monthly billing leaves them to the order."""
        ticket, estimate = self._sent(12.0)
        estimate.sudo()._customer_decide(
            self.contact, True, name="Key User", signature=SIGNATURE
        )
        order = estimate.sale_order_id
        self.assertTrue(order)
        self.assertEqual(ticket.support_change_sale_order_id, order)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.signed_by, "Key User")
        self.assertEqual(order.origin, ticket.number)
        line = order.order_line
        self.assertEqual(
            (line.product_id, line.product_uom_qty, line.price_unit, line.discount),
            (self.hour_product, 12.0, 100.0, 10.0),
        )
        self.assertEqual(order.amount_untaxed, 1080.0)
        self.assertEqual(order.amount_untaxed, estimate.amount)
        self.assertEqual(ticket.support_hours_policy, "quoted")
        self._log(ticket, date(2026, 1, 12), 5.0)
        self._log(ticket, date(2026, 1, 13), 4.0)
        self.assertEqual(self.contract.hour_balance, 0.0)
        ledger = self.env["support.hour.ledger"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(ledger.mapped("hours"), [0.0, 0.0])
        self.assertTrue(all(ledger.mapped("billable_separately")))
        self.assertIn(order.name, ticket.timesheet_ids[0].support_hours_warning)
        billed = self.contract._get_separately_billable_timesheets(date(2026, 2, 1))
        self.assertFalse(billed.get(self.contract.id))

    def test_decisions_refused_with_nothing_written(self):
        ticket, estimate = self._sent(4.0)
        with self.assertError(AccessError, "key users"):
            estimate.sudo()._customer_decide(
                self.other_contact, True, name="Plain", signature=SIGNATURE
            )
        with self.assertError(AccessError, "key users"):
            estimate.sudo()._customer_decide(
                self.other_key_user, True, name="Other", signature=SIGNATURE
            )
        with self.assertError(UserError, "Sign with your name"):
            estimate.sudo()._customer_decide(self.contact, True, name="Key User")
        with self.assertError(UserError, "why you decline"):
            estimate.sudo()._customer_decide(self.contact, False, reason="  ")
        self.assertEqual(estimate.state, "sent")
        self.assertFalse(estimate.decided_by_id)
        estimate.sudo()._customer_decide(
            self.contact, True, name="Key User", signature=SIGNATURE
        )
        decided = estimate.decided_date
        with self.assertError(UserError, "is approved; it cannot be decided"):
            estimate.sudo()._customer_decide(
                self.contact, True, name="Key User", signature=SIGNATURE
            )
        with self.assertError(UserError, "is approved; it cannot be decided"):
            estimate.sudo()._customer_decide(self.contact, False, reason="Too much")
        self.assertEqual(estimate.state, "approved")
        self.assertEqual(estimate.decided_date, decided)
        self.assertFalse(estimate.decline_reason)
        self.assertEqual(ticket.support_change_state, "approved")

    def test_re_estimate_after_a_decline(self):
        ticket, estimate = self._sent(20.0)
        with self.assertError(UserError, "already has an estimate"):
            self._estimate(ticket, 10.0)
        estimate.sudo()._customer_decide(self.contact, False, reason="Too expensive")
        self.assertEqual(estimate.state, "declined")
        self.assertEqual(estimate.decline_reason, "Too expensive")
        self.assertFalse(estimate.sale_order_id)
        second = self._estimate(ticket, 10.0)
        self.assertEqual(ticket.support_change_estimate_id, second)
        self.assertEqual(ticket.support_change_state, "draft")
        second.action_send_for_approval()
        second.sudo()._customer_decide(
            self.contact, True, name="Key User", signature=SIGNATURE
        )
        self.assertEqual(ticket.support_change_state, "approved")
        self.assertEqual(second.sale_order_id.order_line.product_uom_qty, 10.0)

    def test_approval_is_the_approval_flows_own(self):
        """Staff cannot write an approval, a signature or a sent estimate's hours."""
        ticket = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        estimate = self._estimate(ticket, 4.0, env=self.env(user=self.agent))
        for vals in ({"state": "approved"}, {"signed_by": "Me"}):
            with self.assertError(AccessError, "cannot be written"):
                estimate.write(vals)
        with self.assertError(AccessError, "cannot be written"):
            self.env["support.change.estimate"].with_user(self.agent).create(
                {"ticket_id": ticket.id, "hours": 1.0, "state": "approved"}
            )
        estimate.action_send_for_approval()
        with self.assertError(UserError, "make a new estimate"):
            estimate.hours = 2.0
        self.assertEqual(estimate.hours, 4.0)
        with self.assertError(UserError, "not a change request"):
            self._estimate(self._create_ticket(self.contract), 1.0)
