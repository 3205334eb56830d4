# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Support plans: the tiers a provider sells for a monthly fee, with their limits
(users, lines of custom code), availability calendar, what they include, and how the
fee is priced (fixed, or per block of custom code) and what members pay for extra
hours.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.cloc_fee import cloc_fee


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
    # Monthly fee priced by custom code (maintenance agreements): a fee per block of
    # lines of the contract's latest accepted cloc measurement, at least a minimum.
    fee_mode = fields.Selection(
        selection=[
            ("fixed", "Fixed monthly fee"),
            ("cloc", "Per block of custom code"),
        ],
        string="Monthly Fee",
        default="fixed",
        required=True,
        help="Fixed: the product's sales price every month. Per block of custom "
        "code: the block price times the started blocks of lines of the contract's "
        "latest measurement (odoo-bin cloc), at least the minimum fee; a new "
        "measurement changes the fee from the next billing month.",
    )
    cloc_block_size = fields.Integer(
        string="Lines per Block",
        help="Lines of custom code per priced block (for example 100).",
    )
    cloc_block_price = fields.Monetary(
        string="Price per Block", help="Monthly fee per started block of lines."
    )
    cloc_min_fee = fields.Monetary(
        string="Minimum Monthly Fee",
        help="The monthly fee is never below this amount, however little code.",
    )
    # Member rates: contract holders pay less than the normal hourly rate.
    member_rate_mode = fields.Selection(
        selection=[
            ("none", "Normal rate"),
            ("percent", "Discount (%)"),
            ("pricelist", "Pricelist"),
        ],
        string="Member Rate",
        default="none",
        required=True,
        help="What contract holders pay for hours billed outside their reserved "
        "hours (overage, billable ticket types, change requests over the limit) "
        "and for service lines of their sale orders while the contract runs: a "
        "discount on the normal hourly rate, or the price of a pricelist shown as "
        "a discount on the normal rate.",
    )
    member_discount = fields.Float(
        string="Member Discount (%)", digits="Discount", default=0.0
    )
    member_pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        string="Member Pricelist",
        check_company=True,
        help="Prices of the hours for contract holders; the invoice line shows the "
        "normal rate and the discount this makes.",
    )

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0)) WHERE code IS NOT NULL",
        "A plan with this code already exists in this company.",
    )
    _cloc_range = models.Constraint(
        "CHECK (cloc_min >= 0 AND cloc_max >= 0 AND user_limit >= 0)",
        "User limit and lines of custom code cannot be negative.",
    )

    @api.depends("product_id.list_price", "fee_mode")
    def _compute_is_free(self):
        for plan in self:
            # a plan priced by custom code is never free
            plan.is_free = plan.fee_mode == "fixed" and plan.currency_id.is_zero(
                plan.product_id.list_price
            )

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

    @api.constrains(
        "fee_mode",
        "cloc_block_size",
        "cloc_block_price",
        "cloc_min_fee",
        "member_rate_mode",
        "member_discount",
        "member_pricelist_id",
    )
    def _check_pricing(self):
        """Prices per block of custom code and member rates that make sense."""
        for plan in self:
            name = plan.display_name
            refusals = [
                (
                    plan.cloc_block_size < 0 or plan.cloc_block_price < 0,
                    self.env._(
                        "Plan %(plan)s: the lines per block and the price per block "
                        "cannot be negative.",
                        plan=name,
                    ),
                ),
                (
                    plan.cloc_min_fee < 0,
                    self.env._(
                        "Plan %(plan)s: the minimum monthly fee cannot be negative.",
                        plan=name,
                    ),
                ),
                (
                    plan.fee_mode == "cloc" and not plan.cloc_block_size,
                    self.env._(
                        "Plan %(plan)s is priced per block of custom code: enter the "
                        "number of lines per block (for example 100).",
                        plan=name,
                    ),
                ),
                (
                    not 0.0 <= plan.member_discount <= 100.0,
                    self.env._(
                        "Plan %(plan)s: the member discount must lie between 0 "
                        "and 100 %%.",
                        plan=name,
                    ),
                ),
                (
                    plan.member_rate_mode == "pricelist"
                    and not plan.member_pricelist_id,
                    self.env._(
                        "Plan %(plan)s gives its members the prices of a pricelist: "
                        "choose the pricelist.",
                        plan=name,
                    ),
                ),
            ]
            for refused, message in refusals:
                if refused:
                    raise ValidationError(message)

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

    # Business methods

    def _get_cloc_fee(self, lines):
        """(blocks, monthly fee) of a plan priced by custom code for ``lines``.

        The same rule prices the maintenance line of a migration quotation.
        """
        self.ensure_one()
        blocks, fee = cloc_fee(
            lines, self.cloc_block_size, self.cloc_block_price, self.cloc_min_fee
        )
        return blocks, self.currency_id.round(fee)

    def _get_member_discount(self, normal_price, product, company, date=None):
        """Discount (%) a member of this plan gets on ``product`` at ``normal_price``.

        Percentage: the plan's discount. Pricelist: the discount that brings the
        normal price down to the pricelist's price (never a surcharge).
        """
        self.ensure_one()
        if self.member_rate_mode == "percent":
            return self.member_discount
        if self.member_rate_mode != "pricelist" or not normal_price:
            return 0.0
        pricelist = self.member_pricelist_id.with_company(company)
        member_price = pricelist._get_product_price(
            product.with_company(company),
            1.0,
            currency=pricelist.currency_id,
            date=date or fields.Date.context_today(self),
        )
        if member_price >= normal_price:
            return 0.0
        return round((1.0 - member_price / normal_price) * 100.0, 4)
