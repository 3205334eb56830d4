# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.escalation`` (SLA Escalation Contact): who a breached ticket of a
contract escalates to, in order (the SLA terms.
"""

from odoo import fields, models


class SupportSlaEscalation(models.Model):
    """Who a breached ticket of a contract escalates to, in order (the SLA terms: a
    (senior) partner first, then the managing partner)."""

    _name = "support.sla.escalation"
    _description = "SLA Escalation Contact"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    role = fields.Char(
        required=True, translate=True, help="e.g. Senior partner, Managing partner."
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Contact",
        required=True,
        domain="[('share', '=', False)]",
        help="Gets an activity on the breached ticket.",
    )
    delay_hours = fields.Float(
        string="After (hours)",
        default=4.0,
        help="Hours after the breach at which this contact is asked to act.",
    )

    _delay_positive = models.Constraint(
        "CHECK (delay_hours >= 0)",
        "The escalation delay cannot be negative.",
    )
