# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.hour.ledger`` (Support Hour Ledger Line): one movement of a contract's hour
balance.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SupportHourLedger(models.Model):
    """One movement of a contract's hour balance.

    The balance is the sum of ``hours``: monthly credits of reserved hours (+),
    consumption by timesheets on covered tickets (-), excess hours billed at the
    normal rate (+, which brings a negative balance back to zero) and manual
    adjustments. Unused hours never expire: the balance simply carries over.
    Timesheets that do not consume (billable ticket types, change requests over
    their maximum) appear with 0 hours and ``billable_separately`` set.
    """

    _name = "support.hour.ledger"
    _description = "Support Hour Ledger Line"
    _order = "date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        required=True,
        ondelete="cascade",
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
    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        selection=[
            ("credit", "Reserved Hours"),
            ("consumption", "Timesheet"),
            ("excess", "Excess Billed"),
            ("adjustment", "Adjustment"),
        ],
        required=True,
    )
    name = fields.Char(string="Description", required=True)
    hours = fields.Float(
        string="Balance Change",
        digits=(16, 2),
        help="Change of the balance: positive adds hours, negative consumes them.",
    )
    hours_logged = fields.Float(
        string="Hours Worked",
        digits=(16, 2),
        help="Hours of the timesheet, whether they consume the balance or not.",
    )
    billable_separately = fields.Boolean(
        help="The work is billed at the normal rate instead of consuming hours."
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", index="btree_not_null", ondelete="set null"
    )
    timesheet_id = fields.Many2one(
        comodel_name="account.analytic.line",
        ondelete="cascade",
        index="btree_not_null",
    )
    billing_id = fields.Many2one(
        comodel_name="support.contract.billing",
        ondelete="cascade",
        index="btree_not_null",
    )

    _timesheet_uniq = models.UniqueIndex(
        "(timesheet_id) WHERE timesheet_id IS NOT NULL",
        "A timesheet appears only once in the hour ledger.",
    )
    _billing_kind_uniq = models.UniqueIndex(
        "(billing_id, kind) WHERE billing_id IS NOT NULL",
        "A monthly billing credits and bills excess hours only once.",
    )

    @api.model
    def _get_balances(self, contracts, date_to=None):
        """Balances of ``contracts`` in one query: {contract id: hours}.

        :param date_to: only movements dated before this date (excluded)
        """
        domain = [("contract_id", "in", contracts.ids)]
        if date_to:
            domain.append(("date", "<", date_to))
        groups = self.sudo()._read_group(domain, ["contract_id"], ["hours:sum"])
        return {contract.id: hours for contract, hours in groups}

    @api.model
    def _get_consumed_by_month(self, contracts, months):
        """Hours consumed in ``months`` (first days of months), in one query:
        {(contract id, first day of the month): hours}, positive."""
        if not contracts or not months:
            return {}
        domain = [
            ("contract_id", "in", contracts.ids),
            ("kind", "=", "consumption"),
            ("date", ">=", min(months)),
            ("date", "<", max(months) + relativedelta(months=1)),
        ]
        # sudo: the hours left are shown to whoever logs time on a covered ticket
        groups = self.sudo()._read_group(
            domain, ["contract_id", "date:month"], ["hours:sum"]
        )
        return {(contract.id, month): -hours for contract, month, hours in groups}
