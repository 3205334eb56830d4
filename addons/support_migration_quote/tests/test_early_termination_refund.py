# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Early termination on the customer's right (two negative evaluations after the
first contract year): half (50 %) of the migration service invoiced under the
contract is proposed as a draft credit note, for review."""

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportMigrationQuoteCommon


@freeze_time("2027-02-15 10:00:00")
@tagged("post_install", "-at_install")
class TestEarlyTerminationRefund(SupportMigrationQuoteCommon):
    """Rule "Migration service": 5,000.00 + 1,500.00 per 1,000 lines + 4 h x 95.00
    per community module. The customer's 2,500 lines and 2 modules, quoted under
    its contract (no included upgrade): base 5,000.00, custom code 3 x 1,500.00 =
    4,500.00, modules 8 h x 100.00 (the contract's hourly rate) = 800.00;
    10,300.00 of migration service. The same order also sells a month of
    maintenance (450.00): not the migration service. One block of custom code
    (1,500.00) was credited since: 8,800.00 invoiced, 4,400.00 refunded (base
    2,500.00, code 1,500.00, modules 400.00)."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract(upgrade_interval="none")
        cls.contract.action_activate()
        cls.measurement = cls._measure(cls.customer, 2500, date="2026-03-02 10:00:00")

    def _invoiced_migration(self, contract):
        wizard = self.env["support.migration.quote.wizard"].create(
            {
                "partner_id": contract.partner_id.id,
                "contract_id": contract.id,
                "measurement_id": self.measurement.id,
                "rule_id": self.rule.id,
                "community_module_count": 2,
            }
        )
        order = self.env["sale.order"].browse(
            wizard.action_create_quotation()["res_id"]
        )
        order.order_line = [
            Command.create(
                {
                    "product_id": self.rule_nordic.maintenance_product_id.id,
                    "product_uom_qty": 1,
                    "price_unit": 450.0,
                }
            )
        ]
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        return order, invoice

    def test_half_of_the_migration_service_is_proposed(self):
        order, invoice = self._invoiced_migration(self.contract)
        self.assertEqual(
            sorted(
                (line.product_id.default_code, line.quantity, line.price_unit)
                for line in invoice.invoice_line_ids
            ),
            [
                ("MIG-BASE", 1, 5000.0),
                ("MIG-CODE", 3, 1500.0),
                ("MIG-MAINT", 1, 450.0),
                ("MIG-MODULE", 8, 100.0),
            ],
        )
        code_line = order.order_line.filtered(
            lambda line: line.product_id == self.rule.code_product_id
        )
        credit = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": code_line.product_id.id,
                            "quantity": 1,
                            "price_unit": 1500.0,
                            "tax_ids": [Command.set(code_line.tax_ids.ids)],
                            "sale_line_ids": [Command.link(code_line.id)],
                        }
                    )
                ],
            }
        )
        credit.action_post()
        # a draft credit note does not count
        credit.copy()
        refund = self.contract._on_early_termination()[0]
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.support_contract_id, self.contract)
        self.assertEqual(refund.partner_id, invoice.partner_id)
        self.assertEqual(refund.amount_untaxed, 4400.0)
        self.assertEqual(
            sorted(
                (line.product_id.default_code, line.price_unit)
                for line in refund.invoice_line_ids
            ),
            [("MIG-BASE", 2500.0), ("MIG-CODE", 1500.0), ("MIG-MODULE", 400.0)],
        )
        self.assertIn("4,400.00", self.contract.message_ids[0].body)

    def test_other_contracts_and_nothing_invoiced(self):
        """A migration invoiced under another contract is not this contract's;
        a contract without invoiced migration gets no credit note."""
        other = self._create_contract(
            partner=self.other_customer, upgrade_interval="none"
        )
        other.action_activate()
        measurement = self._measure(self.other_customer, 2500)
        self.measurement = measurement
        self._invoiced_migration(other)
        refunds = self.env["account.move"].search_count(
            [("move_type", "=", "out_refund")]
        )
        self.assertEqual(self.contract._on_early_termination(), [])
        self.assertEqual(
            self.env["account.move"].search_count([("move_type", "=", "out_refund")]),
            refunds,
        )
