# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.end.wizard``, extended: the reason "early termination (two
negative evaluations)", the customer's right after the first contract year."""

from odoo import fields, models


class SupportContractEndWizard(models.TransientModel):
    _inherit = "support.contract.end.wizard"

    early_termination = fields.Boolean(
        string="Early Termination (Two Negative Evaluations)",
        help="The customer ends the SLA early on its right: two negative "
        "evaluations after the first contract year. The minimum term does not "
        "apply; half of the migration service invoiced under the contract is "
        "proposed as a draft credit note.",
    )
    early_termination_right = fields.Boolean(
        related="contract_id.early_termination_right"
    )
    early_termination_date = fields.Date(related="contract_id.early_termination_date")

    def action_end(self):
        self.ensure_one()
        if not self.early_termination:
            return super().action_end()
        self.contract_id._end_early(
            self.date_end,
            note=self.reason,
            handover_partner=self.source_handover_partner_id,
        )
        return {"type": "ir.actions.act_window_close"}
