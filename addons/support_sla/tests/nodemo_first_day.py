# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A provider's first day in a database installed WITHOUT demo data: the starter
catalogue loaded into the main company, a plan sold on a quotation, a first ticket with
its deadlines.

Not a ``test_*.py`` file on purpose: it runs only in the database ``scripts/test``
builds without demo data (``<TEST_DB>_nodemo``, suite "nodemo" of a full run), and its
first assertion fails in a database that has demo data.
"""

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from .test_starter_catalogue import (
    STARTER_RECORDS,
    assert_first_ticket_deadlines,
    load_starter_catalogue,
    open_first_ticket,
)


@tagged("post_install", "-at_install")
class TestFirstDayWithoutDemoData(BaseCommon):
    def test_starter_catalogue_sells_a_plan_and_times_a_first_ticket(self):
        demo_modules = self.env["ir.module.module"].search(
            [("state", "=", "installed"), ("demo", "=", True)]
        )
        self.assertFalse(demo_modules.mapped("name"), "this database has demo data")
        self.assertFalse(self.env["support.plan"].search([]))
        self.assertFalse(self.env["support.priority"].search([]))
        company = self.env.ref("base.main_company")
        # the provider's company address with its country (CONFIGURE, step 2)
        company.country_id = self.env.ref("base.nl")
        admin = self.env.ref("base.user_admin")
        admin.tz = "Europe/Amsterdam"
        env = self.env(user=admin)
        wizard = load_starter_catalogue(env, company)
        self.assertEqual(wizard.created_count, STARTER_RECORDS)
        self.assertEqual(load_starter_catalogue(env, company).created_count, 0)

        light = env["support.plan"].search([("code", "=", "LIGHT")])
        extended = env["support.addon"].search([("code", "=", "EXT")])
        customer = env["res.partner"].create({"name": "Tulip B.V.", "is_company": True})
        contact = env["res.partner"].create(
            {"name": "Key User", "parent_id": customer.id, "email": "key@tulip.example"}
        )
        with freeze_time("2026-04-20 10:00:00"):
            order = env["sale.order"].create(
                {
                    "partner_id": contact.id,
                    "order_line": [
                        Command.create({"product_id": light.product_id.id}),
                        Command.create({"product_id": extended.product_id.id}),
                    ],
                }
            )
            self.assertEqual(order.amount_untaxed, 1250.0)
            order.action_confirm()
        contract = order.support_contract_id
        # sold on 20 April for 1 May: upcoming until the daily run of its start date
        self.assertEqual(contract.state, "upcoming")
        with freeze_time("2026-05-01 06:00:00"):
            env["support.contract"]._start_due_contracts()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.plan_id, light)
        self.assertEqual(str(contract.date_start), "2026-05-01")

        ticket = open_first_ticket(env, company, wizard.team_id, contact)
        self.assertEqual(ticket.support_contract_id, contract)
        assert_first_ticket_deadlines(self, ticket)
