# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The axes of a priority matrix (impact, urgency, users affected, process criticality)
and their values.
"""

from odoo import fields, models


class SupportPriorityAxis(models.Model):
    _name = "support.priority.axis"
    _description = "Axis of a Priority Matrix"
    _order = "name, id"

    name = fields.Char(
        required=True,
        translate=True,
        help="What the axis measures, e.g. Impact, Urgency, Users affected.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    description = fields.Text(translate=True)
    value_ids = fields.One2many(
        comodel_name="support.priority.axis.value",
        inverse_name="axis_id",
        string="Values",
    )
