# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invoices, extended: the support contracts an invoice bills, for the portal invoice
rules (a contract's invoices are its key users')."""

from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # Stored for the portal invoice rules, which ask it on every read of an
    # invoice and of its lines. Through the contract and the path line_ids.
    # sale_line_ids.order_id.support_contract_id the rule joined the contract and
    # nested a subquery of four tables per invoice, twice: PostgreSQL took 2.2-6.6
    # ms to plan a count of a customer's invoices, 0.4 ms with this field and
    # 0.1 ms with account's own rule (bash scripts/bench load, benchmarks/README.md)
    support_billed_contract_ids = fields.Many2many(
        comodel_name="support.contract",
        relation="account_move_support_billed_contract_rel",
        column1="move_id",
        column2="contract_id",
        string="Billed Contracts",
        compute="_compute_support_billed_contract_ids",
        store=True,
        # computed before the insert, so that a batch of new invoices (the
        # monthly billing's 50) writes its relation rows in one query, not one
        # per invoice (billing benchmark: 5.6 -> 4.6 queries per contract)
        precompute=True,
        copy=False,
        help="Support contracts this invoice bills: the contract of its monthly "
        "billing and those of the sale orders its lines bill (the order that sold "
        "the contract, amendments, migration quotations).",
    )

    @api.depends(
        "support_contract_id", "line_ids.sale_line_ids.order_id.support_contract_id"
    )
    def _compute_support_billed_contract_ids(self):
        for move in self:
            move.support_billed_contract_ids = (
                move.support_contract_id
                | move.line_ids.sale_line_ids.order_id.support_contract_id
            )
