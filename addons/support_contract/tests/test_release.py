# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestRelease(SupportContractCommon):
    """A change goes to production through acceptance: staff put it on the
    contract's acceptance environment and ask the key users to test it, a key user
    approves it for production, staff release it; nothing is skipped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        cls.contract = cls._create_contract()
        cls.contract.action_activate()
        cls.contact.email = "key.user@customer.test"
        cls.contract.write(
            {
                "key_user_ids": [Command.set(cls.contact.ids)],
                "environment_ids": [
                    Command.create(
                        {
                            "name": "Acceptance",
                            "kind": "acceptance",
                            "url": "https://acc.customer.test",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Production",
                            "kind": "production",
                            "url": "https://erp.customer.test",
                        }
                    ),
                ],
            }
        )
        cls.other_contact = cls.env["res.partner"].create(
            {"name": "Plain Contact", "parent_id": cls.customer.id}
        )
        cls.agent = new_test_user(
            cls.env,
            login="release_agent",
            groups="helpdesk_mgmt.group_helpdesk_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def test_through_acceptance_to_production(self):
        ticket = self._create_ticket(self.contract)
        self.assertEqual(ticket.support_release_environment_id.kind, "acceptance")
        self.assertEqual(ticket.support_release_url, "https://acc.customer.test")
        ticket.with_user(self.agent).action_release_to_acceptance()
        self.assertEqual(ticket.support_release_state, "acceptance")
        request = ticket.message_ids.filtered(
            lambda m: "https://acc.customer.test" in (m.body or "")
        )
        self.assertEqual(request.partner_ids, self.contact)
        ticket.sudo()._customer_approve_release(self.contact)
        self.assertEqual(ticket.support_release_state, "approved")
        self.assertEqual(ticket.support_release_approved_by_id, self.contact)
        ticket.with_user(self.agent).action_release_done()
        self.assertEqual(ticket.support_release_state, "released")
        self.assertTrue(ticket.support_released_date)

    def test_refused_with_nothing_written(self):
        ticket = self._create_ticket(self.contract)
        # production before acceptance: neither the key user nor staff
        with self.assertError(UserError, "not on acceptance"):
            ticket.sudo()._customer_approve_release(self.contact)
        with self.assertError(UserError, "once a key user approved it"):
            ticket.action_release_done()
        self.assertFalse(ticket.support_release_state)
        ticket.action_release_to_acceptance()
        with self.assertError(AccessError, "key users"):
            ticket.sudo()._customer_approve_release(self.other_contact)
        with self.assertError(UserError, "once a key user approved it"):
            ticket.action_release_done()
        self.assertEqual(ticket.support_release_state, "acceptance")
        self.assertFalse(ticket.support_release_approved_by_id)
        ticket.sudo()._customer_approve_release(self.contact)
        approved = ticket.support_release_approved_date
        # approved twice
        with self.assertError(UserError, "not on acceptance"):
            ticket.sudo()._customer_approve_release(self.contact)
        self.assertEqual(ticket.support_release_approved_date, approved)
        # the release step is the flow's own
        with self.assertError(AccessError, "cannot be written"):
            ticket.with_user(self.agent).support_release_state = "released"
        self.assertEqual(ticket.support_release_state, "approved")

    def test_no_acceptance_environment(self):
        self.contract.environment_ids.filtered(
            lambda env: env.kind == "acceptance"
        ).unlink()
        ticket = self._create_ticket(self.contract)
        with self.assertError(UserError, "no acceptance environment"):
            ticket.action_release_to_acceptance()
        self.assertFalse(ticket.support_release_state)
