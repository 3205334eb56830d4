# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestAccess(SupportContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="contract_agent",
            groups="support_contract.support_contract_group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.manager = new_test_user(
            cls.env,
            login="contract_manager",
            groups="support_contract.support_contract_group_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.contract = cls._create_contract(reserved_hours=15)
        cls.contract.action_activate()
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "is_company": True}
        )
        cls.other_contract = cls._create_contract(partner=cls.other_customer)
        cls.other_contract.action_activate()
        cls.portal = new_test_user(
            cls.env,
            login="contract_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        # A key user of the customer: what a portal user sees of the contract is the
        # same whether support_portal (which limits contracts to key users) is
        # installed or not.
        cls.contract.key_user_ids = cls.contact

    def test_agent_cannot_change_prices(self):
        plan = self.plan_light.with_user(self.agent)
        self.assertEqual(plan.monthly_price, 250.0)
        with self.assertRaises(AccessError):
            plan.monthly_price = 1.0
        with self.assertRaises(AccessError):
            self.plan_light.product_id.with_user(self.agent).list_price = 1.0
        with self.assertRaises(AccessError):
            self.addon_extended.with_user(self.agent).monthly_price = 1.0
        with self.assertRaises(AccessError):
            self.bands[1].with_user(self.agent).discount = 50.0
        with self.assertRaises(AccessError):
            self.contract.with_user(self.agent).hourly_rate = 1.0
        self.assertEqual(self.plan_light.monthly_price, 250.0)
        self.assertEqual(self.bands[1].discount, 6.0)
        self.assertEqual(self.contract.hourly_rate, 100.0)
        # the agent does see the contract and the balance
        self.assertEqual(self.contract.with_user(self.agent).hour_balance, 0.0)

    def test_agent_logs_hours(self):
        """An agent logs hours on a ticket; the ledger follows without the agent
        having write access to it."""
        self.env["hr.employee"].create(
            {
                "name": "Agent",
                "user_id": self.agent.id,
                "company_id": self.company.id,
            }
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Printer",
                    "description": "<p>x</p>",
                    "partner_id": self.contact.id,
                    "company_id": self.company.id,
                }
            )
        )
        self.assertEqual(ticket.support_contract_id, self.contract)
        self.env["account.analytic.line"].with_user(self.agent).create(
            {
                "helpdesk_ticket_id": ticket.id,
                "name": "Driver",
                "unit_amount": 1.25,
                "date": "2026-02-02",
            }
        )
        self.assertEqual(self.contract.with_user(self.agent).hour_balance, -1.25)
        with self.assertRaises(AccessError):
            self.contract.ledger_line_ids.with_user(self.agent).hours = 0.0
        # staff may put the ticket on another contract
        ticket.support_contract_id = self.other_contract
        self.assertEqual(self.contract.hour_balance, 0.0)
        self.assertEqual(self.other_contract.hour_balance, -1.25)

    def test_views_load_for_agent(self):
        """The agent opens contracts, ledger, billing-free views and tickets."""
        for model, view_types in (
            ("support.contract", ["list", "form", "kanban", "pivot", "search"]),
            ("support.hour.ledger", ["list", "graph", "pivot", "search"]),
            ("support.plan", ["list", "form"]),
            ("helpdesk.ticket", ["list", "form", "search"]),
        ):
            views = (
                self.env[model]
                .with_user(self.agent)
                .get_views([(False, view_type) for view_type in view_types])
            )
            self.assertEqual(set(views["views"]), set(view_types), model)
        form = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("support_contract_id", form)
        self.assertIn("timesheet_ids", form)

    def test_manager_changes_prices(self):
        self.plan_light.with_user(self.manager).monthly_price = 260.0
        self.assertEqual(self.plan_light.product_id.list_price, 260.0)
        plan = (
            self.env["support.plan"]
            .with_user(self.manager)
            .create({"name": "Manager plan", "monthly_price": 99.0})
        )
        self.assertEqual(plan.product_id.list_price, 99.0)
        with self.assertRaises(AccessError):
            self.env["support.plan"].with_user(self.agent).create(
                {"name": "Agent plan", "monthly_price": 1.0}
            )

    def test_portal_sees_own_contract_only(self):
        Contract = self.env["support.contract"].with_user(self.portal)
        self.assertEqual(Contract.search([]), self.contract)
        self.assertEqual(
            self.contract.with_user(self.portal).plan_id.name, self.plan_light.name
        )
        with self.assertRaises(AccessError):
            self.other_contract.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.contract.with_user(self.portal).reserved_hours = 20
        Ledger = self.env["support.hour.ledger"]
        Ledger.create(
            [
                {
                    "contract_id": contract.id,
                    "date": "2026-01-01",
                    "kind": "adjustment",
                    "hours": 1,
                    "name": "x",
                }
                for contract in self.contract | self.other_contract
            ]
        )
        self.assertEqual(
            Ledger.with_user(self.portal).search([]).contract_id, self.contract
        )
