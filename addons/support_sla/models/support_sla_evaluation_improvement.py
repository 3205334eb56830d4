# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.evaluation.improvement`` (Agreed Improvement): an improvement agreed
in a negative evaluation, with its owner and deadline, followed as an activity.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportSlaEvaluationImprovement(models.Model):
    """An improvement agreed with the customer's key users after a negative
    evaluation: what, who (a member of the provider's staff) and by when; when
    the evaluation is marked discussed it becomes an activity of its owner."""

    _name = "support.sla.evaluation.improvement"
    _description = "Agreed Improvement"
    _order = "deadline, id"

    evaluation_id = fields.Many2one(
        comodel_name="support.sla.evaluation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char(string="Improvement", required=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        required=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Date(required=True)
    activity_id = fields.Many2one(
        comodel_name="mail.activity", readonly=True, ondelete="set null"
    )
    done = fields.Boolean(
        compute="_compute_done",
        help="The owner marked the activity done.",
    )

    @api.depends("activity_id")
    def _compute_done(self):
        for improvement in self:
            improvement.done = bool(
                improvement.evaluation_id.state == "done"
                and not improvement.activity_id
            )

    @api.constrains("deadline", "evaluation_id")
    def _check_deadline(self):
        for improvement in self:
            if improvement.deadline <= improvement.evaluation_id.date_to:
                raise ValidationError(
                    self.env._(
                        "The deadline of improvement %(name)s must lie after the "
                        "evaluated quarter (%(end)s).",
                        name=improvement.name,
                        end=improvement.evaluation_id.date_to,
                    )
                )

    def _schedule_activities(self):
        """An activity on the evaluation for each improvement's owner, due on its
        deadline."""
        for improvement in self.filtered(lambda i: not i.activity_id):
            # sudo: the activity is the suite's follow-up of the meeting; the
            # owner may be another agent than the one recording it
            improvement.sudo().activity_id = (
                improvement.evaluation_id.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=improvement.deadline,
                    summary=improvement.name,
                    user_id=improvement.user_id.id,
                )
            )
