# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.customer.escalation`` (Escalation by the Customer): a key user's
request to escalate a ticket, level 1 to the senior partner, level 2 to the managing
partner, each with its response target on the provider's calendar.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

LEVELS = [("1", "Senior partner"), ("2", "Managing partner")]


class SupportSlaCustomerEscalation(models.Model):
    """A key user asks for an escalation of a ticket with a reason: level 1 goes
    to the contract's senior partner, level 2 (only after level 1) to the
    managing partner. Each level must be answered within its own number of
    business hours of the provider's calendar."""

    _name = "support.sla.customer.escalation"
    _description = "Escalation by the Customer"
    _order = "ticket_id, level"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    contract_id = fields.Many2one(
        related="ticket_id.support_contract_id", store=True, index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    level = fields.Selection(selection=LEVELS, required=True, readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Asked By", required=True, readonly=True
    )
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Escalated To", required=True, readonly=True
    )
    request_date = fields.Datetime(
        string="Asked On", required=True, readonly=True, default=fields.Datetime.now
    )
    response_deadline = fields.Datetime(
        string="Answer Due",
        required=True,
        readonly=True,
        help="The level's response target in business hours of the provider's "
        "calendar, from the request.",
    )
    response_date = fields.Datetime(string="Answered On", readonly=True)
    response_status = fields.Selection(
        selection=[
            ("open", "Awaiting answer"),
            ("overdue", "Answer overdue"),
            ("met", "Answered in time"),
            ("late", "Answered late"),
        ],
        compute="_compute_response_status",
    )

    _ticket_level_uniq = models.Constraint(
        "unique (ticket_id, level)",
        "A ticket is escalated once per level.",
    )

    @api.depends("response_date", "response_deadline")
    def _compute_response_status(self):
        now = fields.Datetime.now()
        for escalation in self:
            if escalation.response_date:
                escalation.response_status = (
                    "met"
                    if escalation.response_date <= escalation.response_deadline
                    else "late"
                )
            else:
                escalation.response_status = (
                    "overdue" if now > escalation.response_deadline else "open"
                )

    def action_answered(self):
        """The escalation contact (or a support manager) notes the answer."""
        for escalation in self:
            if escalation.response_date:
                continue
            if escalation.user_id != self.env.user and not self.env.user.has_group(
                "support_contract.support_contract_group_manager"
            ):
                raise AccessError(
                    self.env._(
                        "Only %(user)s or a support manager notes the answer to "
                        "this escalation.",
                        user=escalation.user_id.name,
                    )
                )
            # sudo: the answer's moment is the suite's record (readonly field)
            escalation.sudo().response_date = fields.Datetime.now()
            escalation.ticket_id.sudo().message_post(
                body=self.env._(
                    "Escalation level %(level)s answered by %(user)s.",
                    level=escalation.level,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
