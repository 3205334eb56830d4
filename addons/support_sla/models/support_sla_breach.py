# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.breach`` (SLA Breach): a missed SLA target, recorded once, kept when
the ticket is reopened.
"""

from odoo import fields, models


class SupportSlaBreach(models.Model):
    """A missed SLA target, recorded once, kept when the ticket is reopened."""

    _name = "support.sla.breach"
    _description = "SLA Breach"
    _order = "deadline desc, id desc"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    contract_id = fields.Many2one(
        comodel_name="support.contract", string="Contract", index=True
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    target = fields.Selection(
        selection=[("response", "Response"), ("resolution", "Resolution")],
        required=True,
    )
    deadline = fields.Datetime(required=True)
    priority_id = fields.Many2one(comodel_name="support.priority", string="Priority")
    policy_id = fields.Many2one(comodel_name="support.sla.policy", string="Policy")
    ticket_type_id = fields.Many2one(
        comodel_name="support.ticket.type", string="Ticket Type"
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Assigned To")
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", string="Team")
    cause = fields.Text(
        help="Why the target was missed, for the quarterly evaluation.",
    )

    _ticket_target_uniq = models.Constraint(
        "unique (ticket_id, target)",
        "A ticket's target is breached once.",
    )

    def _compute_display_name(self):
        targets = dict(self._fields["target"]._description_selection(self.env))
        for breach in self:
            breach.display_name = (
                f"{breach.ticket_id.number or ''} {targets.get(breach.target, '')}"
            )
