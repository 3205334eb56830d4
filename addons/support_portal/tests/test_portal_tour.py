# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create(
            {"name": "Tour Customer B.V.", "is_company": True}
        )
        cls.key_user = new_test_user(
            cls.env,
            login="tour_key_user",
            groups="base.group_portal",
            name="Tour Key User",
        )
        cls.key_user.partner_id.parent_id = customer
        cls.env["helpdesk.ticket"].create(
            {
                "name": "Printer does not print invoices",
                "description": "<p>Since this morning.</p>",
                "partner_id": cls.key_user.partner_id.id,
            }
        )

    def test_key_user_reaches_tickets(self):
        """In a real browser, a key user goes from /my to the ticket list."""
        self.start_tour("/my", "support_portal_home", login="tour_key_user")


@tagged("post_install", "-at_install")
class TestConfiguratorTour(HttpCase, SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()

    def test_prospect_gets_a_quotation(self):
        """In a real browser, an anonymous prospect configures Light + 15 hours +
        Extended and gets a quotation: Light 250.00 + 15 h x 100.00 x (1 - 6 %) =
        1,410.00 + Extended 1,000.00 = 2,660.00 a month, excluding taxes."""
        self.start_tour("/support/plans", "support_portal_configurator")
        order = self.env["sale.order"].search(
            [("partner_id.email", "=", "pia@prospect.example.com")]
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_untaxed, 2660.0)
        self.assertEqual(order.partner_id.parent_id.name, "Prospect B.V.")
        self.assertTrue(order.require_signature)


@tagged("post_install", "-at_install")
class TestSubmitTicketTour(HttpCase, SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()

    def test_key_user_submits_a_ticket(self):
        """In a real browser, a key user submits a ticket and sees its deadline. The
        ticket gets contract A, priority High (multiple users x urgency high) and a
        response deadline 8 business hours after its creation."""
        self.start_tour("/my", "support_portal_submit_ticket", login="key_user_a")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Warehouse scanners cannot log in")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.sla_priority_id, self.p_high)
        self.assertEqual(ticket.support_ticket_type_id, self.type_defect)
        expected = self.calendar.plan_hours(
            8, ticket.sla_start_date, compute_leaves=True
        )
        self.assertEqual(
            ticket.sla_response_deadline, expected.replace(tzinfo=None, microsecond=0)
        )
