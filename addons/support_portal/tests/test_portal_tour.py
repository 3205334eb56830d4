# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged


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
