# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.priority.matrix.cell`` (Cell of a Priority Matrix): the priority of one
row value x column value; its matrix stays complete whichever model is written.
"""

from odoo import api, fields, models

# set by the matrix while it writes its cells: the matrix checks itself once after
# all its commands (clearing and recreating its cells passes through gaps)
MATRIX_CHECKS_ITSELF = "support_priority_matrix_checks_itself"


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

    def _check_matrices(self, matrices):
        """A cell created, changed or deleted on its own must leave its matrices
        complete (the matrix's check only runs when the matrix is written)."""
        if not self.env.context.get(MATRIX_CHECKS_ITSELF):
            matrices.exists()._check_complete()

    @api.model_create_multi
    def create(self, vals_list):
        cells = super().create(vals_list)
        cells._check_matrices(cells.matrix_id)
        return cells

    def write(self, vals):
        matrices = self.matrix_id
        res = super().write(vals)
        self._check_matrices(matrices | self.matrix_id)
        return res

    def unlink(self):
        matrices = self.matrix_id
        res = super().unlink()
        self._check_matrices(matrices)
        return res
