# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Priority matrices: a row axis by a column axis, each cell giving a priority; a
matrix must be complete before tickets are triaged with it.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .support_priority_matrix_cell import MATRIX_CHECKS_ITSELF


class SupportPriorityMatrix(models.Model):
    _name = "support.priority.matrix"
    _description = "Priority Matrix"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    row_axis_id = fields.Many2one(
        comodel_name="support.priority.axis",
        string="Rows",
        required=True,
        ondelete="restrict",
        help="First axis, e.g. Impact or users affected.",
    )
    column_axis_id = fields.Many2one(
        comodel_name="support.priority.axis",
        string="Columns",
        required=True,
        ondelete="restrict",
        help="Second axis, e.g. Urgency or process criticality.",
    )
    cell_ids = fields.One2many(
        comodel_name="support.priority.matrix.cell",
        inverse_name="matrix_id",
        string="Cells",
        copy=True,
    )
    priority_ids = fields.Many2many(
        comodel_name="support.priority",
        string="Priorities",
        compute="_compute_priority_ids",
    )
    note = fields.Html(translate=True)

    @api.depends("cell_ids.priority_id")
    def _compute_priority_ids(self):
        for matrix in self:
            matrix.priority_ids = matrix.cell_ids.priority_id

    @api.model_create_multi
    def create(self, vals_list):
        matrices = super(
            SupportPriorityMatrix, self.with_context(**{MATRIX_CHECKS_ITSELF: True})
        ).create(vals_list)
        return matrices.with_env(self.env)

    def write(self, vals):
        return super(
            SupportPriorityMatrix, self.with_context(**{MATRIX_CHECKS_ITSELF: True})
        ).write(vals)

    @api.constrains("row_axis_id", "column_axis_id", "cell_ids")
    def _check_complete(self):
        """Every active row value x column value has exactly one cell."""
        for matrix in self:
            if matrix.row_axis_id == matrix.column_axis_id:
                raise ValidationError(
                    self.env._(
                        "The priority matrix %(matrix)s needs two different axes.",
                        matrix=matrix.name,
                    )
                )
            rows = matrix.row_axis_id.value_ids
            columns = matrix.column_axis_id.value_ids
            if not rows or not columns:
                raise ValidationError(
                    self.env._(
                        "The priority matrix %(matrix)s needs values on both axes.",
                        matrix=matrix.name,
                    )
                )
            present = {
                (cell.row_value_id, cell.column_value_id): cell
                for cell in matrix.cell_ids
            }
            for cell in matrix.cell_ids:
                if (
                    cell.row_value_id.axis_id != matrix.row_axis_id
                    or cell.column_value_id.axis_id != matrix.column_axis_id
                ):
                    raise ValidationError(
                        self.env._(
                            "The priority matrix %(matrix)s has a cell %(row)s / "
                            "%(column)s that does not belong to its axes %(rows)s and "
                            "%(columns)s.",
                            matrix=matrix.name,
                            row=cell.row_value_id.name,
                            column=cell.column_value_id.name,
                            rows=matrix.row_axis_id.name,
                            columns=matrix.column_axis_id.name,
                        )
                    )
            missing = [
                f"{row.name} / {column.name}"
                for row in rows
                for column in columns
                if (row, column) not in present
            ]
            if missing:
                raise ValidationError(
                    self.env._(
                        "The priority matrix %(matrix)s has no priority for: "
                        "%(cells)s. Every %(rows)s x %(columns)s combination needs "
                        "one.",
                        matrix=matrix.name,
                        cells=", ".join(missing),
                        rows=matrix.row_axis_id.name,
                        columns=matrix.column_axis_id.name,
                    )
                )

    def _get_priority(self, row_value, column_value):
        """Priority of a cell, or an empty recordset."""
        self.ensure_one()
        for cell in self.cell_ids:
            if cell.row_value_id == row_value and cell.column_value_id == column_value:
                return cell.priority_id
        return self.env["support.priority"]
