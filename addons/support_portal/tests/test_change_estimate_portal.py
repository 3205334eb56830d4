# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SupportPortalMixin

SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestChangeEstimatePortal(HttpCase, SupportPortalMixin):
    """A key user approves (signed) or declines a change request's estimate on the
    ticket's page; a contact who is no key user and another customer are refused
    on the same URLs, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.type_change = cls.env["support.ticket.type"].create(
            {"name": "Portal test change", "is_change_request": True}
        )
        # the contact's own ticket: readable by the contact and the key user
        cls.ticket = cls.ticket_a_contact
        cls.ticket.support_ticket_type_id = cls.type_change
        cls.estimate = cls.env["support.change.estimate"].create(
            {
                "ticket_id": cls.ticket.id,
                "hours": 10.0,
                "description": "A delivery slot at checkout",
            }
        )
        cls.estimate.action_send_for_approval()

    def _accept(self, estimate=None, signature=SIGNATURE):
        estimate = estimate or self.estimate
        return self.make_jsonrpc_request(
            f"/my/tickets/{estimate.ticket_id.id}/estimates/{estimate.id}/accept",
            {"name": "Anna Key", "signature": signature},
        )

    def _decline(self, reason="Too expensive"):
        return self.url_open(
            f"/my/tickets/{self.ticket.id}/estimates/{self.estimate.id}/decline",
            data={"reason": reason, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
            method="POST",
        )

    def test_key_user_approves_in_the_browser(self):
        self.start_tour(
            f"/my/ticket/{self.ticket.id}",
            "support_portal_change_estimate",
            login="key_user_a",
        )
        estimate = self.estimate
        self.assertEqual(estimate.state, "approved")
        self.assertEqual(estimate.signed_by, "Anna Key")
        self.assertEqual(estimate.decided_by_id, self.key_user_a.partner_id)
        self.assertTrue(estimate.signature)
        # 10 h over the type's 8 h: billed on its own order
        self.assertEqual(estimate.sale_order_id.order_line.product_uom_qty, 10.0)
        self.assertFalse(self.ticket.sla_paused)

    def test_the_page_shows_the_estimate_to_readers_only_key_users_decide(self):
        self._login("contact_a")
        page = self._get(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_support_estimate_waiting", page.text)
        self.assertIn("Paused: awaiting your approval", page.text)
        self.assertNotIn("o_support_estimate_accept", page.text)
        self._login("key_user_a")
        page = self._get(f"/my/ticket/{self.ticket.id}")
        self.assertIn("o_support_estimate_accept", page.text)

    def test_refused(self):
        with mute_logger("odoo.http"):
            # a contact who reads the ticket but is no key user
            self._login("contact_a")
            self.assertIn("Only the contract's key users", self._accept()["error"])
            response = self._decline()
            self.assertEqual(response.status_code, 400)
            self.assertIn("Only the contract&#39;s key users", response.text)
            # another customer's key user: not even visible
            self._login("portal_b")
            with self.assertRaises(JsonRpcException):
                self._accept()
            self.assertEqual(self._decline().status_code, 404)
            self.assertEqual(self.estimate.state, "sent")
            self.assertFalse(self.estimate.decided_by_id)
            # the key user: a bad signature, then approved, then not twice
            self._login("key_user_a")
            self.assertTrue(self._accept(signature="bm90IGFuIGltYWdl")["error"])
            self.assertEqual(self.estimate.state, "sent")
            self.assertTrue(self._accept()["force_refresh"])
            decided = self.estimate.decided_date
            self.assertIn("cannot be decided again", self._accept()["error"])
            response = self._decline()
            self.assertEqual(response.status_code, 400)
            self.assertIn("cannot be decided again", response.text)
        self.assertEqual(self.estimate.state, "approved")
        self.assertEqual(self.estimate.decided_date, decided)
        self.assertEqual(len(self.estimate.sale_order_id), 1)

    def test_key_user_declines(self):
        self._login("key_user_a")
        with mute_logger("odoo.http"):
            response = self._decline(reason=" ")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.estimate.state, "sent")
        response = self._decline()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.estimate.state, "declined")
        self.assertEqual(self.estimate.decline_reason, "Too expensive")
        self.assertFalse(self.estimate.sale_order_id)
        page = self._get(f"/my/ticket/{self.ticket.id}")
        self.assertIn("o_support_estimate_declined", page.text)
