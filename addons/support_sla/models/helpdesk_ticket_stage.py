# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpdesk stages, extended: whether a stage pauses the SLA clocks (waiting for the
customer or a third party), resolves the ticket, and where a customer reply moves a
waiting ticket.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sla_pause = fields.Selection(
        selection=[
            ("customer", "Waiting for the customer"),
            ("third_party", "Waiting for a third party"),
        ],
        string="Pauses SLA Clocks",
        help="Tickets in this stage wait for someone else: their response and "
        "resolution clocks stop, and the business time spent here moves the "
        "deadlines. Each pause is logged with this reason.",
    )
    sla_resolved = fields.Boolean(
        string="Resolved, Awaiting Confirmation",
        help="Reaching this stage meets the resolution target; the ticket closes by "
        "itself when the customer does not confirm within the configured period.",
    )
    sla_resume_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Customer Reply Moves To",
        domain="[('closed', '=', False), ('sla_pause', '=', False)]",
        help="When the customer replies (e-mail or portal) to a ticket in this stage, "
        "the ticket moves there and its clocks run again. Default: the first open "
        "stage of the team that does not pause.",
    )

    @api.constrains("sla_pause", "sla_resolved", "closed")
    def _check_sla_flags(self):
        for stage in self:
            if stage.sla_pause and (stage.sla_resolved or stage.closed):
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: a stage that pauses SLA clocks cannot be "
                        "resolved or closed.",
                        stage=stage.name,
                    )
                )
