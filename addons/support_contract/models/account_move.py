# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invoices, extended: the support contract an invoice bills, and a link to it."""

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support Contract",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Contract whose monthly billing created this invoice.",
    )

    def action_view_support_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.support_contract_id.id,
            "view_mode": "form",
        }
