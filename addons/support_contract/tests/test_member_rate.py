# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestMemberRate(SupportContractCommon):
    """Contract holders pay their plan's member rate, 10 % off the normal hourly
    rate of 100.00, on overage hours, billable ticket types, change requests over
    their limit and services on their sale orders; the lines show the discount."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        cls.plan_light.write({"member_rate_mode": "percent", "member_discount": 10})
        cls.contract = cls._create_contract(reserved_hours=15)
        cls.contract.action_activate()

    def test_overage_and_billable_hours_at_member_rate(self):
        """March: 15 h credited, 20 h used: 5 h over, billed in April at 100.00
        less 10 % = 450.00; 3 h of a data import (billable type) at 90.00 =
        270.00. The reserved hours keep their band discount (6 %)."""
        self.contract._bill_month(date(2026, 3, 1))
        self._log(self._create_ticket(self.contract), date(2026, 3, 10), 20.0)
        billable = self._create_ticket(self.contract, ticket_type=self.type_billable)
        self._log(billable, date(2026, 3, 12), 3.0)
        invoice = self.contract._bill_month(date(2026, 4, 1)).invoice_id
        hour_lines = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.hour_product
        )
        self.assertEqual(
            sorted(
                (line.quantity, line.price_unit, line.discount) for line in hour_lines
            ),
            [(3.0, 100.0, 10.0), (5.0, 100.0, 10.0)],
        )
        self.assertEqual(sum(hour_lines.mapped("price_subtotal")), 720.0)
        reserved = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.bands[1].product_id
        )
        self.assertEqual(reserved.discount, 6.0)

    def test_no_member_rate_without_mode(self):
        self.plan_light.member_rate_mode = "none"
        self.contract._bill_month(date(2026, 3, 1))
        self._log(self._create_ticket(self.contract), date(2026, 3, 10), 20.0)
        invoice = self.contract._bill_month(date(2026, 4, 1)).invoice_id
        line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.hour_product
        )
        self.assertEqual((line.quantity, line.discount), (5.0, 0.0))

    def test_sale_order_services_at_member_rate(self):
        """An order of 4 support hours for the contract holder: 10 % off; the
        plan's own product keeps its price; another customer pays the normal
        rate."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.hour_product.id, "product_uom_qty": 4}
                    ),
                    Command.create({"product_id": self.plan_medium.product_id.id}),
                ],
            }
        )
        hours, plan = order.order_line
        self.assertEqual((hours.price_unit, hours.discount), (100.0, 10.0))
        self.assertEqual(hours.price_subtotal, 360.0)
        self.assertEqual(plan.discount, 0.0)
        stranger = self.env["res.partner"].create(
            {"name": "No Contract Ltd", "is_company": True}
        )
        other = self.env["sale.order"].create(
            {
                "partner_id": stranger.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.hour_product.id, "product_uom_qty": 4}
                    ),
                ],
            }
        )
        self.assertEqual(other.order_line.discount, 0.0)
