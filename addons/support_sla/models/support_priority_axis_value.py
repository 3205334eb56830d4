# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.priority.axis.value`` (Value of a Priority Matrix Axis)."""

from odoo import api, fields, models


class SupportPriorityAxisValue(models.Model):
    _name = "support.priority.axis.value"
    _description = "Value of a Priority Matrix Axis"
    _order = "axis_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    axis_id = fields.Many2one(
        comodel_name="support.priority.axis",
        string="Axis",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True,
        help="Shown to whoever triages, e.g. 'Affects an entire business unit'.",
    )
    row_cell_ids = fields.One2many(
        comodel_name="support.priority.matrix.cell",
        inverse_name="row_value_id",
        string="Cells as Row",
        help="Priorities of this value in matrices where its axis gives the rows.",
    )
    column_cell_ids = fields.One2many(
        comodel_name="support.priority.matrix.cell",
        inverse_name="column_value_id",
        string="Cells as Column",
        help="Priorities of this value in matrices where its axis gives the columns.",
    )

    @api.constrains("axis_id", "active", "row_cell_ids", "column_cell_ids")
    def _check_matrices_complete(self):
        matrices = self.env["support.priority.matrix"].search(
            [
                "|",
                ("row_axis_id", "in", self.axis_id.ids),
                ("column_axis_id", "in", self.axis_id.ids),
            ]
        )
        matrices._check_complete()
