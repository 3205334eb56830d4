# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.billing`` (Support Contract Monthly Billing): the record that a
contract was billed for a month.
"""

from odoo import api, fields, models


class SupportContractBilling(models.Model):
    """The record that a contract was billed for a month.

    The unique index on (contract, month) is what makes billing idempotent: a
    second run, a run after a crash or a concurrent run cannot bill a month twice,
    because the billing row, the invoice and the ledger lines are written in one
    transaction (one savepoint per contract) and the database refuses a second row.
    """

    _name = "support.contract.billing"
    _description = "Support Contract Monthly Billing"
    _order = "month desc, id desc"
    _rec_name = "month"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    # precomputed: a new row is inserted with them, not updated after its insert
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, precompute=True
    )
    month = fields.Date(
        required=True, index=True, help="First day of the month billed."
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        readonly=True,
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
    )
    currency_id = fields.Many2one(related="invoice_id.currency_id")
    amount_untaxed = fields.Monetary(related="invoice_id.amount_untaxed")
    reserved_hours = fields.Float(
        digits=(16, 2),
        help="Reserved hours credited for the month; on a final statement, those "
        "taken back for the days not run (negative).",
    )
    excess_hours = fields.Float(
        digits=(16, 2),
        help="Hours consumed beyond the balance before this month, billed at the "
        "normal rate.",
    )
    is_final = fields.Boolean(
        string="Final Statement",
        readonly=True,
        help="The settlement after the contract's last day: hours over the "
        "reservation and hours billed separately, logged up to the end date; and a "
        "credit for the days not run when the last day was set after its month was "
        "billed. The run of the month after the last day bills it; when that run "
        "cannot, each monthly run of the following eleven months tries again, and "
        "the statement is dated the month it is billed in.",
    )
    separate_hours = fields.Float(
        string="Separately Billed Hours",
        digits=(16, 2),
        help="Hours on billable ticket types and change requests over their maximum.",
    )

    _contract_month_uniq = models.UniqueIndex(
        "(contract_id, month)",
        "A contract is billed only once per month.",
    )

    @api.depends("contract_id", "month")
    def _compute_display_name(self):
        for billing in self:
            billing.display_name = (
                f"{billing.contract_id.name} "
                f"{billing.month and billing.month.strftime('%Y-%m') or ''}"
            )
