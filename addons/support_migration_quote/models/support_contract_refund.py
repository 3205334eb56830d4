# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract``, extended: when the customer ends the SLA early on its right
(two negative evaluations after the first contract year), half (50 %) of the
migration service invoiced under the contract is refunded. The credit note is
proposed as a draft for the accountants' review."""

from collections import defaultdict

from odoo import models
from odoo.fields import Command

# share of the migration service refunded on an early termination
REFUND_SHARE = 0.5


# support.contract is split by concern, one file each
# pylint: disable=consider-merging-classes-inherited
class SupportContract(models.Model):
    _inherit = "support.contract"

    def _on_early_termination(self):
        proposals = super()._on_early_termination()
        refund = self._propose_migration_refund()
        return [*proposals, refund] if refund else proposals

    def _migration_service_products(self):
        """The products of the migration service proper (base amount, custom code,
        community modules) of every pricing rule; the upgrade fee and the
        monthly maintenance are not the migration service."""
        rules = (
            self.env["support.migration.pricing.rule"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", [self.company_id.id, False])])
        )
        products = rules.base_product_id | rules.code_product_id
        products |= rules.module_product_id
        for component in ("base", "code", "module"):
            products |= (
                self.env.ref(
                    f"support_migration_quote.product_migration_{component}",
                    raise_if_not_found=False,
                )
                or products.browse()
            )
        return products

    def _migration_service_invoice_lines(self):
        """Posted customer invoice and credit note lines of the migration service
        sold under this contract: lines of the migration quotations (orders with a
        code measurement) linked to the contract, for a migration-service
        product."""
        self.ensure_one()
        # sudo: the contracts manager recording the termination need not be an
        # accountant; only this contract's migration lines are read
        return (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("move_id.state", "=", "posted"),
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    ("display_type", "=", "product"),
                    ("sale_line_ids.order_id.support_contract_id", "=", self.id),
                    (
                        "sale_line_ids.order_id.migration_measurement_id",
                        "!=",
                        False,
                    ),
                    ("product_id", "in", self._migration_service_products().ids),
                ]
            )
        )

    def _propose_migration_refund(self):
        """A draft credit note for half of the migration service invoiced under
        this contract (invoiced less credited, per product and taxes), for review;
        logged on the contract. None when nothing was invoiced.

        Invoiced 8,000.00 (base 2,000.00 + custom code 6,000.00), 1,000.00 of it
        credited since: the draft credits 1,000.00 + 2,500.00 = 3,500.00."""
        self.ensure_one()
        lines = self._migration_service_invoice_lines()
        amounts = defaultdict(float)
        partner = lines[:1].move_id.partner_id
        currency = lines[:1].currency_id
        for line in lines:
            sign = -1 if line.move_id.move_type == "out_refund" else 1
            amounts[line.product_id, line.tax_ids] += sign * line.price_subtotal
        invoice_lines = []
        for (product, taxes), amount in amounts.items():
            refund = currency.round(amount * REFUND_SHARE)
            if currency.compare_amounts(refund, 0) <= 0:
                continue
            invoice_lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "%(share)s %% of %(product)s (%(amount)s invoiced): "
                            "contract %(contract)s ended early",
                            share=int(REFUND_SHARE * 100),
                            product=product.display_name,
                            amount=currency.format(amount),
                            contract=self.name,
                        ),
                        "quantity": 1,
                        "price_unit": refund,
                        "tax_ids": [Command.set(taxes.ids)],
                    }
                )
            )
        if not invoice_lines:
            return None
        # sudo: proposed by the suite for the accountants' review (a draft)
        credit_note = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "currency_id": currency.id,
                    "support_contract_id": self.id,
                    "invoice_origin": self.name,
                    "ref": self.env._(
                        "Refund of half the migration service: early termination "
                        "of %(contract)s",
                        contract=self.name,
                    ),
                    "invoice_line_ids": invoice_lines,
                }
            )
        )
        self.message_post(
            body=self.env._(
                "Draft credit note %(credit_note)s proposed for review: %(amount)s, "
                "half of the migration service invoiced under this contract.",
                credit_note=credit_note._get_html_link(),
                amount=currency.format(credit_note.amount_untaxed),
            )
        )
        return credit_note
