# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bank statement lines, extended: undoing a reconciliation also undoes the contract
billing it paid.
"""

from odoo import models


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    def action_undo_reconciliation(self):
        # account.move.line.write() calls this on an empty recordset for every
        # journal item it writes; on nothing it does nothing, yet it runs payment
        # and move unlink() machinery. Returning early keeps the monthly billing
        # of many contracts (a few item writes per invoice) fast.
        if not self:
            return None
        return super().action_undo_reconciliation()
