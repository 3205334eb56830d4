# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quarterly SLA evaluations in the portal: the evaluation's portal URL and the PDF's
file name.
"""

import re

from odoo import models


class SupportSlaEvaluation(models.Model):
    _name = "support.sla.evaluation"
    _inherit = ["support.sla.evaluation", "portal.mixin"]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for evaluation in self:
            evaluation.access_url = f"/my/evaluations/{evaluation.id}"
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return re.sub(r"\W+", "_", self.name or "SLA_evaluation")
