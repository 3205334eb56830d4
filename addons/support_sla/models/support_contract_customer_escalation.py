# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contracts, extended with who a customer's escalation goes to: the senior partner
(level 1) and the managing partner (level 2), the company's unless set here.
"""

from odoo import fields, models


class SupportContract(models.Model):
    _inherit = "support.contract"  # pylint: disable=consider-merging-classes-inherited

    escalation_senior_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Senior Partner",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Level 1 of an escalation asked by the customer; empty: the company's.",
    )
    escalation_managing_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Managing Partner",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Level 2 of an escalation asked by the customer; empty: the company's.",
    )

    def _customer_escalation_user(self, level):
        """Who level "1" (senior partner) or "2" (managing partner) goes to."""
        self.ensure_one()
        if level == "1":
            return (
                self.escalation_senior_user_id
                or self.company_id.sla_escalation_senior_user_id
            )
        return (
            self.escalation_managing_user_id
            or self.company_id.sla_escalation_managing_user_id
        )
