# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportPortalCommon


@tagged("post_install", "-at_install")
class TestKeyUserAccess(SupportPortalCommon):
    """Record rules for portal users: the access matrix at the ORM level."""

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_key_user_sees_all_tickets_of_the_customer(self):
        all_tickets = self.tickets_a | self.ticket_b
        self.assertEqual(self._visible(self.key_user_a, all_tickets), self.tickets_a)

    def test_other_contact_sees_submitted_and_followed_tickets(self):
        all_tickets = self.tickets_a | self.ticket_b
        self.assertEqual(
            self._visible(self.contact_a, all_tickets),
            self.ticket_a_contact | self.ticket_a_followed,
        )
        with self.assertRaises(AccessError):
            self.ticket_a_other.with_user(self.contact_a).read(["name"])

    def test_other_customer_sees_only_its_own(self):
        all_tickets = self.tickets_a | self.ticket_b
        self.assertEqual(self._visible(self.portal_b, all_tickets), self.ticket_b)
        for ticket in self.tickets_a:
            with self.assertRaises(AccessError):
                ticket.with_user(self.portal_b).read(["name", "description"])

    def test_key_user_of_ended_contract_is_a_plain_contact(self):
        # ended on its last day, once that day has passed (a later date is only
        # scheduled)
        with freeze_time(self.contract_a.min_term_end + timedelta(days=1)):
            self.contract_a.action_end(self.contract_a.min_term_end)
        self.assertEqual(self.contract_a.state, "ended")
        self.assertEqual(
            self._visible(self.key_user_a, self.tickets_a), self.ticket_a_key
        )

    def test_key_user_moved_to_another_customer_loses_access(self):
        """A key user's partner that moves to customer B no longer reads A's
        tickets through contract A (the rule also checks the commercial entity)."""
        self.key_user_a.partner_id.sudo().parent_id = self.customer_b
        self.assertFalse(
            self._visible(self.key_user_a, self.tickets_a - self.ticket_a_key)
        )

    def test_naming_a_key_user_takes_effect_at_once(self):
        self.assertFalse(self._visible(self.contact_a, self.ticket_a_other))
        self.contract_a.key_user_ids = [Command.link(self.contact_a.partner_id.id)]
        self.assertEqual(
            self._visible(self.contact_a, self.ticket_a_other), self.ticket_a_other
        )

    def test_contract_visible_to_key_users_only(self):
        contracts = self.contract_a | self.contract_b
        Contract = self.env["support.contract"]
        self.assertEqual(
            Contract.with_user(self.key_user_a).search([("id", "in", contracts.ids)]),
            self.contract_a,
        )
        self.assertFalse(
            Contract.with_user(self.contact_a).search([("id", "in", contracts.ids)])
        )
        self.assertEqual(
            Contract.with_user(self.portal_b).search([("id", "in", contracts.ids)]),
            self.contract_b,
        )
        with self.assertRaises(AccessError):
            self.contract_a.with_user(self.portal_b).read(["name", "monthly_amount"])
        with self.assertRaises(AccessError):
            self.contract_a.addon_line_ids.with_user(self.contact_a).read(["quantity"])
        # portal users never write a contract
        with self.assertRaises(AccessError):
            self.contract_a.with_user(self.key_user_a).write({"reserved_hours": 50})
        self.assertEqual(self.contract_a.reserved_hours, 15)

    def test_key_users_must_be_contacts_of_the_customer(self):
        # assertRaises (not assertRaisesRegex) rolls back to a savepoint
        with self.assertRaises(ValidationError) as error:
            self.contract_a.key_user_ids = [Command.link(self.portal_b.partner_id.id)]
        self.assertIn("must be contacts of Tulpen Test B.V.", str(error.exception))
        self.env.invalidate_all()
        self.assertEqual(self.contract_a.key_user_ids, self.key_user_a.partner_id)

    def test_user_limit_counts_key_users_and_warns_staff(self):
        """Plan Light allows 2 users (test data). A second key user stays within;
        a third exceeds it: a warning on the contract and one activity for the
        account manager, not repeated while the contract stays over the limit."""
        Partner = self.env["res.partner"]
        contacts = Partner.create(
            [
                {"name": f"Extra Contact {n}", "parent_id": self.customer_a.id}
                for n in range(3)
            ]
        )
        self.contract_a.key_user_ids = [Command.link(contacts[0].id)]
        self.assertEqual(self.contract_a.key_user_count, 2)
        self.assertFalse(self.contract_a.limit_warning)
        self.assertFalse(self.contract_a.activity_ids)

        self.contract_a.key_user_ids = [Command.link(contacts[1].id)]
        self.assertEqual(
            self.contract_a.limit_warning,
            "3 key users exceed the 2 users of plan Light.",
        )
        self.assertEqual(len(self.contract_a.activity_ids), 1)
        self.assertEqual(self.contract_a.activity_ids.user_id, self.contract_a.user_id)

        self.contract_a.key_user_ids = [Command.link(contacts[2].id)]
        self.assertEqual(len(self.contract_a.activity_ids), 1)
        # Medium allows 100 users: no warning any more
        self.contract_a.plan_id = self.plan_medium
        self.assertFalse(self.contract_a.limit_warning)

    def test_portal_access_wizard_lists_the_key_users(self):
        action = self.contract_a.action_grant_key_users_portal()
        wizard = self.env["portal.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.partner_ids, self.key_user_a.partner_id)

    def test_contract_access_url(self):
        self.assertEqual(
            self.contract_a.access_url, f"/my/contracts/{self.contract_a.id}"
        )

    def test_sla_records_follow_the_tickets(self):
        """Pauses and breaches of a ticket are read by whoever reads the ticket;
        ledger lines and evaluations by the contract's key users only."""
        self.ticket_a_other.stage_id = self.stage_waiting
        self.ticket_a_followed.stage_id = self.stage_waiting
        pauses = (self.ticket_a_other | self.ticket_a_followed).sla_pause_ids
        self.assertEqual(len(pauses), 2)
        breaches = self.env["support.sla.breach"].create(
            [
                {
                    "ticket_id": ticket.id,
                    "contract_id": self.contract_a.id,
                    "target": "response",
                    "deadline": "2026-01-05 10:00:00",
                }
                for ticket in (self.ticket_a_other, self.ticket_a_followed)
            ]
        )
        ledger = self.env["support.hour.ledger"].create(
            {
                "contract_id": self.contract_a.id,
                "date": "2026-01-01",
                "kind": "credit",
                "name": "Reserved hours January",
                "hours": 15.0,
            }
        )
        evaluation = self.env["support.sla.evaluation"].create(
            {
                "contract_id": self.contract_a.id,
                "year": 2026,
                "quarter": "1",
                "state": "done",
            }
        )
        for user, expected in (
            (self.key_user_a, (pauses, breaches, ledger, evaluation)),
            (
                self.contact_a,
                (
                    self.ticket_a_followed.sla_pause_ids,
                    breaches.filtered(lambda b: b.ticket_id == self.ticket_a_followed),
                    ledger.browse(),
                    evaluation.browse(),
                ),
            ),
            (
                self.portal_b,
                (
                    pauses.browse(),
                    breaches.browse(),
                    ledger.browse(),
                    evaluation.browse(),
                ),
            ),
        ):
            for records, visible in zip(
                (pauses, breaches, ledger, evaluation), expected, strict=True
            ):
                with self.subTest(user=user.login, model=records._name):
                    self.assertEqual(self._visible(user, records), visible)
