# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestReleasePortal(HttpCase, SupportPortalMixin):
    """A key user approves for production a change on acceptance from the ticket's
    page; a contact who is no key user, another customer and a ticket not on
    acceptance are refused, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.contract_a.environment_ids = [
            Command.create(
                {
                    "name": "Tulpen acceptance",
                    "kind": "acceptance",
                    "url": "https://acc.tulpen.test",
                }
            )
        ]
        cls.ticket = cls.ticket_a_contact

    def _approve(self):
        return self.url_open(
            f"/my/tickets/{self.ticket.id}/release/approve",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
            method="POST",
        )

    def test_key_user_approves_in_the_browser(self):
        self.ticket.action_release_to_acceptance()
        self.assertTrue(self.ticket.sla_paused)
        self.start_tour(
            f"/my/ticket/{self.ticket.id}", "support_portal_release", login="key_user_a"
        )
        self.assertEqual(self.ticket.support_release_state, "approved")
        self.assertEqual(
            self.ticket.support_release_approved_by_id, self.key_user_a.partner_id
        )
        self.assertFalse(self.ticket.sla_paused)

    def test_refused(self):
        with mute_logger("odoo.http"):
            self._login("key_user_a")
            # production before acceptance
            response = self._approve()
            self.assertEqual(response.status_code, 400)
            self.assertIn("is not on acceptance", response.text)
            self.assertFalse(self.ticket.support_release_state)
            self.ticket.action_release_to_acceptance()
            self._login("contact_a")
            page = self._get(f"/my/ticket/{self.ticket.id}")
            self.assertIn("https://acc.tulpen.test", page.text)
            self.assertNotIn("o_support_release_approve", page.text)
            response = self._approve()
            self.assertEqual(response.status_code, 400)
            self.assertIn("Only the contract&#39;s key users", response.text)
            self._login("portal_b")
            self.assertEqual(self._approve().status_code, 404)
            self.assertEqual(self.ticket.support_release_state, "acceptance")
            self._login("key_user_a")
            self.assertEqual(self._approve().status_code, 303)
            response = self._approve()
            self.assertEqual(response.status_code, 400)
            self.assertIn("is not on acceptance", response.text)
        self.assertEqual(self.ticket.support_release_state, "approved")
        self.assertEqual(
            self.ticket.support_release_approved_by_id, self.key_user_a.partner_id
        )
