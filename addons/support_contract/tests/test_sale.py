# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestSale(SupportContractCommon):
    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reserved_product = cls.env.ref(
            "support_contract.product_product_reserved_hours"
        )
        cls.bands.product_id = cls.reserved_product
        cls.reserved_product.list_price = 100.0

    def _order(self, lines, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.contact).id,
                "company_id": self.company.id,
                "date_order": "2026-05-20 10:00:00",
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )

    def test_quotation_prices_reserved_hours_at_band(self):
        """15 reserved hours on a quotation: 15 x 100 at 6 % = 1,410.00."""
        order = self._order(
            [(self.plan_light.product_id, 1), (self.reserved_product, 15)]
        )
        line = order.order_line.filtered(
            lambda x: x.product_id == self.reserved_product
        )
        self.assertEqual(line.support_hour_band_id, self.bands[1])
        self.assertEqual(line.discount, 6.0)
        self.assertEqual(line.price_subtotal, 1410.0)

    @freeze_time("2026-05-20")
    def test_confirm_creates_then_amends(self):
        order = self._order(
            [
                (self.plan_light.product_id, 1),
                (self.addon_integration.product_id, 2),
                (self.reserved_product, 15),
            ]
        )
        order.action_confirm()
        contract = order.support_contract_id
        # a new contract for the customer's company, from the first of next
        # month: upcoming until then
        self.assertEqual(contract.partner_id, self.customer)
        self.assertEqual(contract.state, "upcoming")
        self.assertEqual(contract.date_start, date(2026, 6, 1))
        self.assertEqual(contract.plan_id, self.plan_light)
        self.assertEqual(contract.reserved_hours, 15)
        self.assertEqual(contract.addon_line_ids.addon_id, self.addon_integration)
        self.assertEqual(contract.addon_line_ids.quantity, 2)
        self.assertEqual(contract.sale_order_ids, order)
        # amendment: Medium, 25 h, Extended; the integrations are kept
        amendment = self._order(
            [
                (self.plan_medium.product_id, 1),
                (self.reserved_product, 25),
                (self.addon_extended.product_id, 1),
            ]
        )
        amendment.action_confirm()
        self.assertEqual(amendment.support_contract_id, contract)
        # nothing changes before next month
        self.assertEqual(contract.plan_id, self.plan_light)
        self.assertEqual(contract.reserved_hours, 15)
        waiting = contract.pending_amendment_ids
        self.assertEqual(waiting.date, date(2026, 6, 1))
        self.assertEqual(waiting.plan_id, self.plan_medium)
        self.assertEqual(waiting.reserved_hours, 25)
        self.assertEqual(waiting.reason, amendment.name)
        # the June billing applies it: Medium 500 + Extended 1,000
        # + 2 x 295 + 25 h x 100 x 0.91 (20-50 h band, 9 %) = 500 + 1,000 + 590
        # + 2,275 = 4,365
        # the daily run of 1 June starts the contract and bills June
        with freeze_time("2026-06-01 08:00:00"):
            self._run_billing()
        self.assertEqual(contract.state, "active")
        billing = contract.billing_ids
        self.assertEqual(billing.month, date(2026, 6, 1))
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(contract.reserved_hours, 25)
        self.assertEqual(
            contract.addon_ids, self.addon_integration | self.addon_extended
        )
        self.assertFalse(contract.pending_amendment_ids)
        self.assertEqual(waiting.state, "applied")
        self.assertEqual(billing.invoice_id.amount_untaxed, 4365.0)

    def test_plan_change_keeps_its_month_when_another_order_follows(self):
        """A plan change sold for 1 March stays in March when another order,
        confirmed on 2 March before the March billing run, changes the reserved
        hours from 1 April: March bills Medium with 15 h, April Medium with 25 h
        (the second order used to move the plan change to April)."""
        contract = self._create_contract(reserved_hours=15)
        contract.action_activate()
        with freeze_time("2026-02-20 10:00:00"):
            plan_order = self._order([(self.plan_medium.product_id, 1)])
            plan_order.action_confirm()
        plan_change = contract.amendment_ids
        with freeze_time("2026-03-02 10:00:00"):
            hours_order = self._order([(self.reserved_product, 25)])
            hours_order.action_confirm()
            self.assertEqual(
                (plan_change.date, plan_change.plan_id, plan_change.reason),
                (date(2026, 3, 1), self.plan_medium, plan_order.name),
            )
            hours_change = contract.amendment_ids - plan_change
            self.assertEqual(
                contract.pending_amendment_ids.ids, [plan_change.id, hours_change.id]
            )
            self.assertEqual(
                (hours_change.date, hours_change.reserved_hours, hours_change.reason),
                (date(2026, 4, 1), 25, hours_order.name),
            )
            self._run_billing()
        march = contract.billing_ids.filtered(lambda b: b.month == date(2026, 3, 1))
        self.assertTrue(march)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(contract.reserved_hours, 15)
        self.assertEqual(plan_change.state, "applied")
        self.assertEqual(plan_change.date_applied, date(2026, 3, 1))
        self.assertEqual(hours_change.state, "pending")
        with freeze_time("2026-04-01 08:00:00"):
            self._run_billing()
        self.assertEqual(contract.reserved_hours, 25)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(
            (hours_change.state, hours_change.date_applied),
            ("applied", date(2026, 4, 1)),
        )
        self.assertFalse(contract.pending_amendment_ids)

    def test_addon_without_plan_or_contract(self):
        order = self._order([(self.addon_extended.product_id, 1)])
        with self.assertError(UserError, "has no support contract: add a plan"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(
            self.env["support.contract"].search([("partner_id", "=", self.customer.id)])
        )

    def test_reserved_hours_on_free_plan_refused(self):
        order = self._order(
            [(self.plan_free.product_id, 1), (self.reserved_product, 5)]
        )
        with self.assertError(ValidationError, "does not allow reserved hours"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(
            self.env["support.contract"].search([("partner_id", "=", self.customer.id)])
        )

    def test_amendment_with_forbidden_addon_refused(self):
        contract = self._create_contract()
        contract.action_activate()
        order = self._order([(self.addon_medium_only.product_id, 1)])
        with self.assertError(ValidationError, "needs one of these plans: Medium"):
            order.action_confirm()
        self.assertFalse(contract.amendment_ids)
        self.assertEqual(order.state, "draft")
