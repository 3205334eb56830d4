# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import SupportMigrationQuoteCommon


@tagged("post_install", "-at_install")
class TestQuoteWizard(SupportMigrationQuoteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_measurement = cls._measure(
            cls.customer, 12000, date="2025-01-10 10:00:00"
        )
        cls.measurement = cls._measure(cls.customer, 20000, date="2026-03-02 10:00:00")

    def _wizard(self, user=None, **vals):
        return (
            self.env["support.migration.quote.wizard"]
            .with_user(user or self.manager)
            .create({"partner_id": self.customer_contact.id, **vals})
        )

    def test_defaults_and_breakdown(self):
        """The latest measurement and the company's first rule; 35,000.00."""
        wizard = self._wizard()
        self.assertEqual(wizard.measurement_id, self.measurement)
        self.assertEqual(wizard.rule_id, self.rule)
        self.assertEqual(wizard.code_lines, 20000)
        self.assertEqual(wizard.module_hours, 4.0)
        self.assertEqual(wizard.hourly_rate, 95.0)
        self.assertFalse(wizard.include_upgrade_fee)
        self.assertFalse(wizard.include_maintenance)
        self.assertEqual(wizard.base_amount, 5000.0)
        self.assertEqual(wizard.code_amount, 30000.0)
        self.assertEqual(wizard.one_time_total, 35000.0)
        self.assertEqual(wizard.monthly_total, 0.0)
        self.assertIn("20,000 lines of code", wizard.breakdown)
        self.assertIn("20 started blocks of 1,000 lines", wizard.breakdown)

    def test_form_updates_breakdown(self):
        with Form(
            self.env["support.migration.quote.wizard"].with_user(self.manager)
        ) as form:
            form.partner_id = self.customer
            self.assertEqual(form.one_time_total, 35000.0)
            form.community_module_count = 2
            # 2 modules x 4 h x 95.00 = 760.00
            self.assertEqual(form.one_time_total, 35760.0)
            self.assertIn("2 x 4.00 hours", form.breakdown)
            form.measurement_id = self.old_measurement
            # 5,000 + 12 x 1,500 + 760 = 23,760.00
            self.assertEqual(form.one_time_total, 23760.0)

    def test_create_quotation(self):
        """One sale.order line per component, signable in the portal."""
        # signature off by default: the quotation asks for one all the same
        self.env["res.company"].search([]).portal_confirmation_sign = False
        wizard = self._wizard(
            community_module_count=3, community_module_names="base_rest\nqueue_job"
        )
        action = wizard.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.customer_contact)
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.require_signature)
        self.assertEqual(order.migration_measurement_id, self.measurement)
        self.assertEqual(self.measurement.sale_order_ids, order)
        # base 1 x 5,000; code 20 x 1,500; modules 3 x 4 h = 12 h x 95
        self.assertEqual(
            [
                (ln.product_id, ln.product_uom_qty, ln.price_unit, ln.price_subtotal)
                for ln in order.order_line
            ],
            [
                (self.rule.base_product_id, 1, 5000.0, 5000.0),
                (self.rule.code_product_id, 20, 1500.0, 30000.0),
                (self.rule.module_product_id, 12, 95.0, 1140.0),
            ],
        )
        self.assertEqual(order.amount_untaxed, 36140.0)
        self.assertIn("queue_job", order.order_line[2].name)
        self.assertEqual(
            order.get_portal_url(),
            f"/my/orders/{order.id}?access_token={order.access_token}",
        )

    def test_quote_scandinavian_rule(self):
        """Maintenance for 20,000 lines: the one-time fee and 200 x 45.00 a month."""
        wizard = self._wizard(rule_id=self.rule_nordic.id)
        self.assertTrue(wizard.include_upgrade_fee)
        self.assertTrue(wizard.include_maintenance)
        self.assertEqual(wizard.one_time_total, 12500.0)
        self.assertEqual(wizard.monthly_total, 9000.0)
        order = self.env["sale.order"].browse(
            wizard.action_create_quotation()["res_id"]
        )
        self.assertEqual(
            [
                (ln.product_id, ln.product_uom_qty, ln.price_unit)
                for ln in order.order_line
            ],
            [
                (self.rule_nordic.upgrade_fee_product_id, 1, 12500.0),
                (self.rule_nordic.maintenance_product_id, 200, 45.0),
            ],
        )
        self.assertIn("per month", order.order_line[1].name)

    def test_pricelist_rule_in_its_currency(self):
        """A rule of a SEK pricelist quotes on that pricelist, in SEK."""
        sek = self.env.ref("base.SEK")
        sek.active = True
        pricelist = self.env["product.pricelist"].create(
            {"name": "SEK", "currency_id": sek.id}
        )
        self.rule_nordic.pricelist_id = pricelist
        wizard = self._wizard(rule_id=self.rule_nordic.id)
        order = self.env["sale.order"].browse(
            wizard.action_create_quotation()["res_id"]
        )
        self.assertEqual(order.pricelist_id, pricelist)
        self.assertEqual(order.currency_id, sek)
        self.assertEqual(order.order_line[0].price_unit, 12500.0)

    def test_bad_input_writes_nothing(self):
        orders = self.env["sale.order"].search_count([])
        other = self._measure(self.other_customer, 5000)
        cases = (
            ({"measurement_id": other.id}, "belongs to another customer"),
            ({"rule_id": False}, "No migration pricing rule"),
            ({"module_hours": 6.0, "community_module_count": 1}, "between 0 and 4.0"),
            (
                {"include_migration": False, "include_upgrade_fee": False},
                "Nothing to quote",
            ),
        )
        for vals, message in cases:
            with self.subTest(message=message):
                wizard = self._wizard(**vals)
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_create_quotation()
        wizard = self.env["support.migration.quote.wizard"].create(
            {"partner_id": self.other_customer.id}
        )
        wizard.measurement_id = False
        with self.assertRaisesRegex(UserError, "has no measurement"):
            wizard.action_create_quotation()
        self.assertEqual(self.env["sale.order"].search_count([]), orders)

    def test_agent_cannot_quote(self):
        """Agents measure; quoting (a sale.order) needs sales rights."""
        orders = self.env["sale.order"].search_count([])
        wizard = self._wizard(user=self.agent)
        self.assertEqual(wizard.one_time_total, 35000.0)
        with self.assertRaises(AccessError):
            wizard.action_create_quotation()
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        salesman = new_test_user(
            self.env,
            login="mq_agent_salesman",
            groups="support_contract.support_contract_group_user,"
            "sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        action = self._wizard(user=salesman).action_create_quotation()
        self.assertEqual(
            self.env["sale.order"].browse(action["res_id"]).user_id, salesman
        )

    def test_measurement_button(self):
        action = self.measurement.with_user(self.manager).action_quote_migration()
        self.assertEqual(action["res_model"], "support.migration.quote.wizard")
        self.assertEqual(
            action["context"]["default_measurement_id"], self.measurement.id
        )

    def test_maintenance_line_of_a_plan_priced_by_code(self):
        """A contract whose plan is priced per block of custom code: the
        quotation's maintenance line is the plan's monthly fee (the billing's rule):
        12,340 lines at 100-line blocks = 124 blocks x 2.50 = 310.00."""
        plan = self.env["support.plan"].create(
            {
                "name": "Maintenance by code",
                "company_id": self.company.id,
                "monthly_price": 0.01,
                "fee_mode": "cloc",
                "cloc_block_size": 100,
                "cloc_block_price": 2.5,
                "cloc_min_fee": 100.0,
            }
        )
        components = self.rule._get_quote_components(
            12340, include_migration=False, maintenance_plan=plan
        )
        (maintenance,) = components
        self.assertEqual(maintenance["code"], "maintenance")
        self.assertEqual(maintenance["blocks"], 124)
        self.assertEqual(maintenance["amount"], 310.0)
        self.assertEqual(maintenance["product"], plan.product_id)
        self.assertEqual(plan._get_cloc_fee(12340), (124, maintenance["amount"]))
        # without the plan: the rule's own rate, 124 blocks x 45.00
        (maintenance,) = self.rule_nordic._get_quote_components(
            12340, include_migration=False, include_upgrade_fee=False
        )
        self.assertEqual(
            (maintenance["quantity"], maintenance["amount"]), (124, 5580.0)
        )
