# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quarterly SLA evaluations in the portal: the evaluation's portal URL and whether a
key user can still object to it.
"""

from odoo import api, fields, models


class SupportSlaEvaluation(models.Model):
    _name = "support.sla.evaluation"
    _inherit = ["support.sla.evaluation", "portal.mixin"]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for evaluation in self:
            evaluation.access_url = f"/my/evaluations/{evaluation.id}"
        return res

    def _portal_can_object(self, partner):
        """Whether this partner can still object to the evaluation (shows the
        portal's form)."""
        self.ensure_one()
        # the objection rule with some text: the form asks for the text
        return self._objection_refusal(partner, "-") is None

    @api.model
    def _breach_figures(self, breach):
        """The evaluation also keeps when the reporter was told of the delay."""
        figures = super()._breach_figures(breach)
        figures["reporter_told"] = fields.Datetime.to_string(
            breach.ticket_id.support_delay_notified_date
        )
        return figures

    def _get_breaches(self):
        breaches = super()._get_breaches()
        for breach in breaches:
            breach["reporter_told"] = fields.Datetime.to_datetime(
                breach.get("reporter_told")
            )
        return breaches
