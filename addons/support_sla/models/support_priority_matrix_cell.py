# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.priority.matrix.cell`` (Cell of a Priority Matrix)."""

from odoo import fields, models


class SupportPriorityMatrixCell(models.Model):
    _name = "support.priority.matrix.cell"
    _inherit = ["support.sla.rule.cache.mixin"]
    _description = "Cell of a Priority Matrix"
    _order = "matrix_id, row_value_id, column_value_id"

    matrix_id = fields.Many2one(
        comodel_name="support.priority.matrix",
        string="Matrix",
        required=True,
        ondelete="cascade",
        index=True,
    )
    row_value_id = fields.Many2one(
        comodel_name="support.priority.axis.value",
        string="Row",
        required=True,
        ondelete="cascade",
    )
    column_value_id = fields.Many2one(
        comodel_name="support.priority.axis.value",
        string="Column",
        required=True,
        ondelete="cascade",
    )
    priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Priority",
        required=True,
        ondelete="restrict",
    )

    _cell_uniq = models.Constraint(
        "unique (matrix_id, row_value_id, column_value_id)",
        "A matrix has one priority per row and column.",
    )
