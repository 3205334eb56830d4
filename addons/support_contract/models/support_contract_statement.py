# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.statement`` (Support Contract Statement): a contract's month in
figures, read from its hour ledger and its monthly billing (a database view).

A month's row holds what that month cost: its fee, add-ons and reserved hours (pro
rata in a month begun or ended mid-month) from its own invoice, and the overage of
its hours, billed by the next month's invoice, or for the last month by the final
statement; no row for the month after the last one.
"""

from odoo import fields, models
from odoo.tools import SQL


class SupportContractStatement(models.Model):
    """A contract's month: fee, add-ons, hours reserved, used, rolled over, overage
    and the amount invoiced.

    A view over the hour ledger and the monthly billing (as Odoo's sales analysis
    is a view over order lines), so that the figures are always those of the
    ledger and the invoices, for the contract form and a pivot.
    """

    _name = "support.contract.statement"
    _description = "Support Contract Statement"
    _auto = False
    _order = "month desc, contract_id"
    _rec_name = "month"

    contract_id = fields.Many2one("support.contract", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True, help="First day of the month.")
    fee_amount = fields.Monetary(
        string="Plan Fee", readonly=True, help="Plan fee on the month's invoice."
    )
    addons_amount = fields.Monetary(
        string="Add-ons", readonly=True, help="Add-ons on the month's invoice."
    )
    reserved_amount = fields.Monetary(
        string="Reserved Hours Fee",
        readonly=True,
        help="Reserved hours on the month's invoice, at the band's discount.",
    )
    hours_reserved = fields.Float(digits=(16, 2), readonly=True)
    hours_used = fields.Float(
        digits=(16, 2),
        readonly=True,
        help="Hours logged on the contract's tickets in the month, billed "
        "separately or not.",
    )
    hours_overage = fields.Float(
        string="Overage Hours",
        digits=(16, 2),
        readonly=True,
        help="Hours beyond the balance, billed at the normal (member) rate.",
    )
    hours_rolled_over = fields.Float(
        string="Hours Left",
        digits=(16, 2),
        readonly=True,
        help="Balance at the end of the month, rolled over to the next one (unused "
        "hours never expire); on the last month, the reserved hours left.",
    )
    overage_amount = fields.Monetary(
        string="Overage",
        readonly=True,
        help="The month's hours over the reservation and hours billed separately, "
        "at the normal (member) rate: invoiced with the next month, or for the "
        "last month on the final statement.",
    )
    amount_invoiced = fields.Monetary(
        readonly=True,
        help="What the month was invoiced (untaxed): its fee, add-ons and reserved "
        "hours (pro rata in a month begun or ended), and its overage.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH ledger AS (
                SELECT contract_id,
                       date_trunc('month', date)::date AS month,
                       SUM(CASE WHEN kind = 'credit' THEN hours ELSE 0 END)
                           AS hours_reserved,
                       SUM(CASE WHEN kind = 'consumption' THEN hours_logged ELSE 0 END)
                           AS hours_used,
                       SUM(CASE WHEN kind = 'excess' THEN hours ELSE 0 END)
                           AS hours_overage,
                       SUM(hours) AS hours_change
                  FROM support_hour_ledger
                 GROUP BY contract_id, date_trunc('month', date)
            ),
            -- each billing's invoice lines, a credit note's counted negative
            billed AS (
                SELECT b.contract_id,
                       b.month,
                       b.is_final,
                       SUM(CASE WHEN aml.product_id IN (
                               SELECT product_id FROM support_plan)
                           THEN aml.price_subtotal * sign.factor ELSE 0 END)
                           AS fee_amount,
                       SUM(CASE WHEN aml.product_id IN (
                               SELECT product_id FROM support_addon)
                           THEN aml.price_subtotal * sign.factor ELSE 0 END)
                           AS addons_amount,
                       SUM(CASE WHEN aml.product_id IN (
                               SELECT product_id FROM support_hour_band)
                           THEN aml.price_subtotal * sign.factor ELSE 0 END)
                           AS reserved_amount,
                       SUM(aml.price_subtotal * sign.factor) AS amount_invoiced
                  FROM support_contract_billing b
                  JOIN account_move move ON move.id = b.invoice_id
                  JOIN account_move_line aml
                    ON aml.move_id = move.id AND aml.display_type = 'product'
                 CROSS JOIN LATERAL (
                       SELECT CASE WHEN move.move_type = 'out_refund'
                                   THEN -1 ELSE 1 END AS factor
                 ) sign
                 GROUP BY b.id, b.contract_id, b.month, b.is_final
            ),
            -- the fee, add-ons and reserved hours of a month are billed by its
            -- own run; what the final statement credits of them (days not run
            -- after a last day set later) counts in the last month
            invoiced AS (
                SELECT contract_id,
                       CASE WHEN is_final IS TRUE
                            THEN (month - INTERVAL '1 month')::date
                            ELSE month END AS month,
                       SUM(fee_amount) AS fee_amount,
                       SUM(addons_amount) AS addons_amount,
                       SUM(reserved_amount) AS reserved_amount
                  FROM billed
                 GROUP BY 1, 2
            ),
            -- the hours over the reservation and those billed separately are
            -- billed by the next month's run (or the final statement, the month
            -- after the last one): they count in the month they were logged in
            overage AS (
                SELECT contract_id,
                       (month - INTERVAL '1 month')::date AS month,
                       SUM(amount_invoiced - fee_amount - addons_amount
                           - reserved_amount) AS overage_amount
                  FROM billed
                 GROUP BY contract_id, (month - INTERVAL '1 month')::date
            ),
            months AS (
                SELECT contract_id, month FROM ledger
                 UNION
                SELECT contract_id, month FROM support_contract_billing
                 WHERE is_final IS NOT TRUE
                 UNION
                SELECT contract_id, month FROM overage WHERE overage_amount != 0
            )
            -- one row per contract and month, with an id that stays the same
            -- between reads (a row number would shift as other months appear)
            SELECT m.contract_id::bigint * 1000000
                   + EXTRACT(YEAR FROM m.month)::bigint * 100
                   + EXTRACT(MONTH FROM m.month)::bigint AS id,
                   m.contract_id,
                   c.company_id,
                   c.partner_id,
                   c.currency_id,
                   m.month,
                   COALESCE(i.fee_amount, 0) AS fee_amount,
                   COALESCE(i.addons_amount, 0) AS addons_amount,
                   COALESCE(i.reserved_amount, 0) AS reserved_amount,
                   COALESCE(l.hours_reserved, 0) AS hours_reserved,
                   COALESCE(l.hours_used, 0) AS hours_used,
                   COALESCE(l.hours_overage, 0) AS hours_overage,
                   SUM(COALESCE(l.hours_change, 0)) OVER (
                       PARTITION BY m.contract_id ORDER BY m.month
                   ) AS hours_rolled_over,
                   COALESCE(o.overage_amount, 0) AS overage_amount,
                   COALESCE(i.fee_amount + i.addons_amount + i.reserved_amount, 0)
                   + COALESCE(o.overage_amount, 0) AS amount_invoiced
              FROM months m
              JOIN support_contract c ON c.id = m.contract_id
              LEFT JOIN ledger l
                ON l.contract_id = m.contract_id AND l.month = m.month
              LEFT JOIN invoiced i
                ON i.contract_id = m.contract_id AND i.month = m.month
              LEFT JOIN overage o
                ON o.contract_id = m.contract_id AND o.month = m.month
            """
        )
