# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.evaluation.objection`` (Evaluation Objection): a key user's written
objection to a discussed evaluation, within the objection period.
"""

from odoo import fields, models


class SupportSlaEvaluationObjection(models.Model):
    """A key user's objection in writing to a discussed evaluation (within the
    company's objection period after the meeting, seven days by default). It
    is recorded by the portal's form only and reopens the outcome."""

    _name = "support.sla.evaluation.objection"
    _description = "Evaluation Objection"
    _order = "create_date desc, id desc"

    evaluation_id = fields.Many2one(
        comodel_name="support.sla.evaluation",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Key User", required=True, readonly=True
    )
    text = fields.Text(string="Objection", required=True, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
