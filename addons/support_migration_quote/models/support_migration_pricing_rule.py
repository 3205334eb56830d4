# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.migration.pricing.rule`` (Migration Pricing Rule): how a migration (and the
maintenance priced by code size) is quoted.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.support_contract.tools.cloc_fee import cloc_blocks, cloc_fee


class SupportMigrationPricingRule(models.Model):
    """How a migration (and the maintenance priced by code size) is quoted.

    Components, each sold through its own product:
    - base: a fixed amount;
    - code: an amount per block of lines (1,000 by default), per started block or
      pro rata (e.g. 5,000.00 + 1,500.00 per 1,000 lines);
    - modules: hours per community module without a version for the target release,
      capped (4 h by default), at the hourly rate;
    - upgrade fee: a one-time fee charged when an upgrade starts;
    - maintenance: a monthly fee per block of lines (100 by default).
    """

    _name = "support.migration.pricing.rule"
    _description = "Migration Pricing Rule"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Only for quotations on this pricelist (its currency is the rule's). "
        "Empty: any quotation of the company, in the company's currency.",
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True, precompute=True
    )
    rounding = fields.Selection(
        [("block", "Per started block"), ("prorata", "Pro rata")],
        required=True,
        default="block",
        help="Per started block: 1,001 lines are two blocks of 1,000. Pro rata: "
        "1,001 lines are 1.001 blocks. Applies to the code amount and to the "
        "maintenance fee.",
    )
    base_amount = fields.Monetary(help="Fixed amount of every migration.")
    block_size = fields.Integer(string="Lines per Block", default=1000, required=True)
    block_amount = fields.Monetary(
        string="Amount per Block", help="Migration amount per block of lines."
    )
    module_hours = fields.Float(
        string="Hours per Community Module",
        default=4.0,
        help="Most hours quoted to migrate one community module that has no "
        "version for the target release (for example four hours).",
    )
    hourly_rate = fields.Monetary(
        help="Rate of the community module hours when the customer has no "
        "contract rate."
    )
    upgrade_fee = fields.Monetary(
        string="One-time Upgrade Fee",
        help="Charged when an upgrade starts, for administration and test and "
        "development instances.",
    )
    upgrade_fee_covered = fields.Boolean(
        string="Entitlement Covers the Upgrade Fee",
        help="When the contract includes the upgrade, the one-time fee is covered "
        "too. Off: the fee is charged on top of an included upgrade.",
    )
    maintenance_block_size = fields.Integer(
        string="Lines per Maintenance Block", default=100, required=True
    )
    maintenance_amount = fields.Monetary(
        string="Monthly Maintenance per Block",
        help="Monthly maintenance and support fee per block of lines. Zero: not "
        "quoted.",
    )
    base_product_id = fields.Many2one(
        "product.product",
        string="Base Product",
        required=True,
        default=lambda self: self.env.ref(
            "support_migration_quote.product_migration_base", raise_if_not_found=False
        ),
        domain=[("type", "=", "service")],
    )
    code_product_id = fields.Many2one(
        "product.product",
        string="Custom Code Product",
        required=True,
        default=lambda self: self.env.ref(
            "support_migration_quote.product_migration_code", raise_if_not_found=False
        ),
        domain=[("type", "=", "service")],
    )
    module_product_id = fields.Many2one(
        "product.product",
        string="Community Module Product",
        required=True,
        default=lambda self: self.env.ref(
            "support_migration_quote.product_migration_module",
            raise_if_not_found=False,
        ),
        domain=[("type", "=", "service")],
    )
    upgrade_fee_product_id = fields.Many2one(
        "product.product",
        string="Upgrade Fee Product",
        required=True,
        default=lambda self: self.env.ref(
            "support_migration_quote.product_migration_upgrade_fee",
            raise_if_not_found=False,
        ),
        domain=[("type", "=", "service")],
    )
    maintenance_product_id = fields.Many2one(
        "product.product",
        string="Maintenance Product",
        required=True,
        default=lambda self: self.env.ref(
            "support_migration_quote.product_migration_maintenance",
            raise_if_not_found=False,
        ),
        domain=[("type", "=", "service")],
    )
    quote_note = fields.Html(
        string="Terms",
        translate=True,
        help="Added to the quotation's terms (scope, what is excluded).",
    )

    _block_size_positive = models.Constraint(
        "CHECK (block_size > 0 AND maintenance_block_size > 0)",
        "The number of lines per block must be positive.",
    )
    _amounts_positive = models.Constraint(
        "CHECK (base_amount >= 0 AND block_amount >= 0 AND hourly_rate >= 0 "
        "AND upgrade_fee >= 0 AND maintenance_amount >= 0)",
        "The amounts of a migration pricing rule cannot be negative.",
    )
    _module_hours_positive = models.Constraint(
        "CHECK (module_hours >= 0)",
        "The hours per community module cannot be negative.",
    )

    @api.depends("pricelist_id.currency_id", "company_id.currency_id")
    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = (
                rule.pricelist_id.currency_id or rule.company_id.currency_id
            )

    @api.model
    def _get_rule(self, company, pricelist=None):
        """The rule for a quotation of ``company`` on ``pricelist``: the first rule
        of that pricelist, else the first rule without a pricelist."""
        domain = Domain("company_id", "=", company.id) & Domain(
            "pricelist_id", "in", [pricelist.id, False] if pricelist else [False]
        )
        rules = self.search(domain)
        return rules.filtered("pricelist_id")[:1] or rules[:1]

    def _blocks(self, lines, block_size):
        """Blocks of ``block_size`` lines: whole started blocks or a fraction (the
        rule of plans priced by custom code, ``support_contract.tools.cloc_fee``)."""
        self.ensure_one()
        return cloc_blocks(lines, block_size, self.rounding)

    def _get_quote_components(
        self,
        code_lines,
        module_count=0,
        module_hours=None,
        hourly_rate=None,
        upgrade_covered=False,
        include_migration=True,
        include_upgrade_fee=True,
        include_maintenance=True,
        maintenance_plan=None,
    ):
        """The priced components of a quote, in order (a hook for other rules).

        Each component is a dict: code, product (product.product), quantity,
        price_unit, amount (quantity x price_unit, rounded to the currency),
        covered (bool: included in the contract, shown but not charged), recurring
        (bool: a monthly fee, not a one-time amount) and the figures a description
        needs (lines, blocks, block_size, modules, hours). Components without an
        amount are left out.

        :param maintenance_plan: the support plan of the customer's contract; when
            it is priced per block of custom code, the maintenance line is its
            monthly fee (the same rule as the contract's billing)
        """
        self.ensure_one()
        if code_lines < 0 or module_count < 0:
            raise UserError(
                self.env._("Lines of code and module counts cannot be negative.")
            )
        hours = self.module_hours if module_hours is None else module_hours
        if hours < 0 or hours > self.module_hours:
            raise UserError(
                self.env._(
                    "The hours per community module must be between 0 and "
                    "%(cap)s (the cap of pricing rule %(rule)s).",
                    cap=self.module_hours,
                    rule=self.display_name,
                )
            )
        rate = self.hourly_rate if hourly_rate is None else hourly_rate
        currency = self.currency_id
        components = []

        def add(code, product, quantity, price_unit, covered=False, **figures):
            amount = currency.round(quantity * price_unit)
            if currency.is_zero(amount):
                return
            components.append(
                dict(
                    code=code,
                    product=product,
                    quantity=quantity,
                    price_unit=price_unit,
                    amount=amount,
                    covered=covered,
                    recurring=code == "maintenance",
                    **figures,
                )
            )

        if include_migration:
            add("base", self.base_product_id, 1, self.base_amount, upgrade_covered)
            blocks = self._blocks(code_lines, self.block_size)
            if self.rounding == "block":
                quantity, price_unit = blocks, self.block_amount
            else:
                quantity = 1
                price_unit = currency.round(blocks * self.block_amount)
            add(
                "code",
                self.code_product_id,
                quantity,
                price_unit,
                upgrade_covered,
                lines=code_lines,
                blocks=blocks,
                block_size=self.block_size,
            )
            add(
                "modules",
                self.module_product_id,
                module_count * hours,
                rate,
                upgrade_covered,
                modules=module_count,
                hours=hours,
            )
        if include_upgrade_fee:
            add(
                "upgrade_fee",
                self.upgrade_fee_product_id,
                1,
                self.upgrade_fee,
                upgrade_covered and self.upgrade_fee_covered,
            )
        if (
            include_maintenance
            and maintenance_plan
            and maintenance_plan.fee_mode == "cloc"
        ):
            # the fee the contract's billing charges for these lines
            blocks, fee = maintenance_plan._get_cloc_fee(code_lines)
            add(
                "maintenance",
                maintenance_plan.product_id,
                1,
                fee,
                lines=code_lines,
                blocks=blocks,
                block_size=maintenance_plan.cloc_block_size,
            )
        elif include_maintenance:
            blocks, fee = cloc_fee(
                code_lines,
                self.maintenance_block_size,
                self.maintenance_amount,
                rounding=self.rounding,
            )
            if self.rounding == "block":
                quantity, price_unit = blocks, self.maintenance_amount
            else:
                quantity, price_unit = 1, currency.round(fee)
            add(
                "maintenance",
                self.maintenance_product_id,
                quantity,
                price_unit,
                lines=code_lines,
                blocks=blocks,
                block_size=self.maintenance_block_size,
            )
        return components
