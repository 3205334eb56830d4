# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.end.wizard``: end a contract on a chosen date, its last day;
before the minimum term only with a reason (a contracts manager's override)."""

from odoo import api, fields, models


class SupportContractEndWizard(models.TransientModel):
    """End a contract: its last day, and the reason when the minimum term is cut."""

    _name = "support.contract.end.wizard"
    _description = "End a Support Contract"

    contract_id = fields.Many2one(
        comodel_name="support.contract", required=True, ondelete="cascade"
    )
    date_end = fields.Date(
        string="Last Day",
        required=True,
        default=fields.Date.context_today,
        help="The contract's last day, included: it is covered and billed. A day "
        "after today keeps the contract active until then; it ends the day after.",
    )
    min_term_end = fields.Date(related="contract_id.min_term_end")
    before_min_term = fields.Boolean(
        string="Before the Minimum Term", compute="_compute_before_min_term"
    )
    reason = fields.Text(
        help="Required to end the contract before its minimum term; logged in "
        "the contract's chatter.",
    )

    source_handover_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Source Code Handed Over To",
        help="The party the customer names to receive the source code with its "
        "history; the account manager is asked to hand it over by the last day.",
    )

    @api.model
    def default_get(self, fields_list):
        """The contract's end date when one is set (the End button ends it on that
        day), else today."""
        values = super().default_get(fields_list)
        contract = self.env["support.contract"].browse(values.get("contract_id"))
        if "date_end" in fields_list and contract.date_end:
            values["date_end"] = contract.date_end
        if "source_handover_partner_id" in fields_list:
            values["source_handover_partner_id"] = (
                contract.source_handover_partner_id.id
            )
        return values

    @api.depends("date_end", "min_term_end")
    def _compute_before_min_term(self):
        for wizard in self:
            wizard.before_min_term = bool(
                wizard.date_end
                and wizard.min_term_end
                and wizard.date_end < wizard.min_term_end
            )

    def action_end(self):
        self.ensure_one()
        self.contract_id.action_end(
            self.date_end,
            override_reason=self.reason,
            handover_partner=self.source_handover_partner_id,
        )
        return {"type": "ir.actions.act_window_close"}
