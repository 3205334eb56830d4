# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.plan`` (Support Plan): a support tier."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportPlan(models.Model):
    """A support tier: what the customer gets for a monthly fee."""

    _name = "support.plan"
    _inherit = ["support.catalogue.mixin"]
    _description = "Support Plan"
    _order = "sequence, id"
    _check_company_auto = True

    user_limit = fields.Integer(
        help="Highest number of users of the customer's database; 0 = no limit."
    )
    cloc_min = fields.Integer(
        string="Custom Code From (lines)",
        help="Lowest count of lines of custom code (odoo-bin cloc) the plan is for.",
    )
    cloc_max = fields.Integer(
        string="Custom Code To (lines)",
        help="Highest count of lines of custom code the plan is for; 0 = no limit.",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Availability",
        check_company=True,
        help="Working time the provider promises to be available in.",
    )
    is_free = fields.Boolean(
        compute="_compute_is_free",
        store=True,
        help="The plan costs nothing per month: hours are billed at the normal rate, "
        "no reserved hours and no add-ons.",
    )
    includes_sla = fields.Boolean(string="Response Time SLA")
    includes_monitoring = fields.Boolean(string="Proactive Monitoring")
    includes_hotline = fields.Boolean(string="Emergency Hotline")
    allows_reserved_hours = fields.Boolean(
        compute="_compute_allows_reserved_hours",
        store=True,
        readonly=False,
        help="Customers on this plan can reserve hours at a discount.",
    )
    allows_addons = fields.Boolean(
        compute="_compute_allows_addons",
        store=True,
        readonly=False,
        string="Allows Add-ons",
    )
    contract_count = fields.Integer(compute="_compute_contract_count")

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0)) WHERE code IS NOT NULL",
        "A plan with this code already exists in this company.",
    )
    _cloc_range = models.Constraint(
        "CHECK (cloc_min >= 0 AND cloc_max >= 0 AND user_limit >= 0)",
        "User limit and lines of custom code cannot be negative.",
    )

    @api.depends("product_id.list_price")
    def _compute_is_free(self):
        for plan in self:
            plan.is_free = plan.currency_id.is_zero(plan.product_id.list_price)

    @api.depends("is_free")
    def _compute_allows_reserved_hours(self):
        for plan in self:
            plan.allows_reserved_hours = not plan.is_free

    @api.depends("is_free")
    def _compute_allows_addons(self):
        for plan in self:
            plan.allows_addons = not plan.is_free

    def _compute_contract_count(self):
        counts = dict(
            self.env["support.contract"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.contract_count = counts.get(plan, 0)

    @api.constrains("cloc_min", "cloc_max")
    def _check_cloc_range(self):
        for plan in self:
            if plan.cloc_max and plan.cloc_max < plan.cloc_min:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: the highest line count (%(max)s) is below "
                        "the lowest (%(min)s).",
                        plan=plan.display_name,
                        max=plan.cloc_max,
                        min=plan.cloc_min,
                    )
                )

    @api.constrains("is_free", "allows_reserved_hours", "allows_addons")
    def _check_free_plan(self):
        for plan in self:
            if plan.is_free and (plan.allows_reserved_hours or plan.allows_addons):
                raise ValidationError(
                    self.env._(
                        "The free plan %(plan)s cannot offer reserved hours or "
                        "add-ons.",
                        plan=plan.display_name,
                    )
                )

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_contract_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
