# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestTicketEscalation(HttpCase, SupportPortalMixin):
    """A key user escalates an open ticket from its portal page: level 1 to the
    senior partner, then level 2 to the managing partner; a contact who is no
    key user, another customer and a closed ticket are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.senior = new_test_user(
            cls.env,
            login="portal_sam_senior",
            name="Sam Senior",
            groups="support_contract.support_contract_group_user",
        )
        cls.managing = new_test_user(
            cls.env,
            login="portal_mona_managing",
            name="Mona Managing",
            groups="support_contract.support_contract_group_manager",
        )
        cls.contract_a.company_id.write(
            {
                "sla_escalation_senior_user_id": cls.senior.id,
                "sla_escalation_managing_user_id": cls.managing.id,
            }
        )

    def _escalate(self, ticket, reason="Production is down", level="1"):
        return self.url_open(
            f"/my/tickets/{ticket.id}/escalate",
            data={
                "reason": reason,
                "level": level,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
            method="POST",
        )

    def test_key_user_escalates_in_the_browser(self):
        self.start_tour(
            f"/my/ticket/{self.ticket_a_key.id}",
            "support_portal_ticket_escalation",
            login="key_user_a",
        )
        escalations = self.ticket_a_key.sla_customer_escalation_ids
        self.assertEqual(escalations.mapped("level"), ["1", "2"])
        self.assertEqual(escalations.user_id, self.senior | self.managing)
        self.assertEqual(escalations.partner_id, self.key_user_a.partner_id)
        self.assertEqual(self.ticket_a_key.sla_customer_escalation_level, 2)

    def test_not_offered_in_the_browser(self):
        """Bart, a contact of A who is no key user, reads his own ticket in
        Chromium: no escalation is offered; the URL behind the form refuses him
        and another customer (test_refused)."""
        self.start_tour(
            f"/my/ticket/{self.ticket_a_contact.id}",
            "support_portal_ticket_no_escalation",
            login="contact_a",
        )
        self.assertFalse(self.ticket_a_contact.sla_customer_escalation_ids)

    def test_refused(self):
        with mute_logger("odoo.http"):
            self._login("contact_a")
            # the key user's ticket: not even visible
            self.assertEqual(self._escalate(self.ticket_a_key).status_code, 404)
            # their own ticket: readable, but they are no key user
            response = self._escalate(self.ticket_a_contact)
            self.assertEqual(response.status_code, 400)
            self.assertIn("Only the contract&#39;s key users", response.text)
            self._login("portal_b")
            self.assertEqual(self._escalate(self.ticket_a_key).status_code, 404)
            self._login("key_user_a")
            response = self._escalate(self.ticket_a_key, level="2")
            self.assertEqual(response.status_code, 400)
            self.assertIn("level 1 now, not to level 2", response.text)
            response = self._escalate(self.ticket_a_key, reason=" ")
            self.assertEqual(response.status_code, 400)
            self.ticket_a_key.stage_id = self.env["helpdesk.ticket.stage"].search(
                [("closed", "=", True)], limit=1
            )
            response = self._escalate(self.ticket_a_key)
            self.assertEqual(response.status_code, 400)
            self.assertIn("reopen it first", response.text)
        self.assertFalse(self.ticket_a_key.sla_customer_escalation_ids)
        self.assertFalse(self.ticket_a_contact.sla_customer_escalation_ids)

    def test_form_follows_the_contract_key_users(self):
        """The page offers the form from the contract's key users as cached per
        process: a key user removed from the contract, or archived, is offered
        no form on the next page; added back, they are again."""
        ticket = self.ticket_a_contact
        self._login("contact_a")

        def offered():
            page = self.url_open(f"/my/ticket/{ticket.id}")
            self.assertEqual(page.status_code, 200)
            return "o_support_escalate_form" in page.text

        self.assertFalse(offered())
        contact = self.contact_a.partner_id
        self.contract_a.key_user_ids |= contact
        self.assertTrue(offered())
        self.contract_a.key_user_ids -= contact
        self.assertFalse(offered())
        # an archived key user (a contact without a user) is none
        other = self.other_contact_a
        self.contract_a.key_user_ids |= other
        self.assertTrue(self.contract_a._is_key_user(other))
        other.active = False
        self.assertFalse(self.contract_a._is_key_user(other))
        self.assertFalse(other in self.contract_a.key_user_ids)
