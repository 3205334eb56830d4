# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.cloc.measurement.line`` (Custom Code Measurement Detail): lines of code of
one module (and one language, when known) in a measurement.
"""

from odoo import api, fields, models


class SupportClocMeasurementLine(models.Model):
    """Lines of code of one module (and one language, when known) in a measurement."""

    _name = "support.cloc.measurement.line"
    _description = "Custom Code Measurement Detail"
    _order = "measurement_id, module_name, language, id"

    measurement_id = fields.Many2one(
        "support.cloc.measurement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="measurement_id.company_id", store=True)
    module_name = fields.Char(string="Module", required=True)
    language = fields.Selection(
        [
            ("python", "Python"),
            ("javascript", "JavaScript"),
            ("xml", "XML"),
            ("css", "CSS"),
            ("scss", "SCSS"),
            ("other", "Other"),
        ],
        help="Empty when the measurement only knows modules (odoo-bin cloc "
        "without -v).",
    )
    file_count = fields.Integer(string="Files")
    code_lines = fields.Integer(string="Lines of Code")
    total_lines = fields.Integer(string="Lines")
    other_lines = fields.Integer(
        compute="_compute_other_lines", help="Blank and comment lines."
    )

    @api.depends("code_lines", "total_lines")
    def _compute_other_lines(self):
        for line in self:
            line.other_lines = line.total_lines - line.code_lines
