# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.migration.quote.wizard`` (Quote a Migration): price a migration from a
measurement and create the sale.order quotation.
"""

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date, formatLang


class SupportMigrationQuoteWizard(models.TransientModel):
    """Price a migration from a measurement and create the sale.order quotation."""

    _name = "support.migration.quote.wizard"
    _inherit = ["support.customer.contract.mixin"]
    _description = "Quote a Migration"

    contract_id = fields.Many2one(
        help="The customer's support contract: its hourly rate prices the community "
        "modules and its included upgrade may cover the migration."
    )
    measurement_id = fields.Many2one(
        "support.cloc.measurement",
        compute="_compute_measurement_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="The measurement the quotation is priced on (the latest by default).",
    )
    code_lines = fields.Integer(related="measurement_id.code_lines")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        compute="_compute_pricelist_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    rule_id = fields.Many2one(
        "support.migration.pricing.rule",
        string="Pricing Rule",
        compute="_compute_rule_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('company_id', '=', company_id)]",
    )
    currency_id = fields.Many2one(related="rule_id.currency_id")
    include_migration = fields.Boolean(
        string="Migration",
        default=True,
        help="Base amount, custom code and community modules.",
    )
    include_upgrade_fee = fields.Boolean(
        string="Upgrade Fee",
        compute="_compute_includes",
        store=True,
        readonly=False,
        precompute=True,
    )
    include_maintenance = fields.Boolean(
        string="Monthly Maintenance",
        compute="_compute_includes",
        store=True,
        readonly=False,
        precompute=True,
    )
    community_module_count = fields.Integer(
        string="Community Modules to Migrate",
        help="Community modules in use that have no version for the target "
        "release: each is quoted at most the rule's hours.",
    )
    community_module_names = fields.Text(
        string="Which Modules", help="Listed on the quotation line."
    )
    module_hours = fields.Float(
        string="Hours per Module",
        compute="_compute_module_hours",
        store=True,
        readonly=False,
        precompute=True,
    )
    hourly_rate = fields.Monetary(
        compute="_compute_hourly_rate",
        store=True,
        readonly=False,
        precompute=True,
    )
    upgrade_covered = fields.Boolean(
        string="Upgrade Included",
        compute="_compute_upgrade_covered",
        help="The customer's contract includes this upgrade: the migration is "
        "quoted as covered.",
    )
    upgrade_covered_reason = fields.Char(
        string="Upgrade Entitlement", compute="_compute_upgrade_covered"
    )
    base_amount = fields.Monetary(compute="_compute_amounts")
    code_amount = fields.Monetary(string="Custom Code", compute="_compute_amounts")
    module_amount = fields.Monetary(
        string="Community Modules", compute="_compute_amounts"
    )
    upgrade_fee_amount = fields.Monetary(
        string="One-time Upgrade Fee", compute="_compute_amounts"
    )
    covered_amount = fields.Monetary(
        string="Covered by the Contract", compute="_compute_amounts"
    )
    one_time_total = fields.Monetary(
        string="One-time Total (Charged)", compute="_compute_amounts"
    )
    monthly_total = fields.Monetary(
        string="Monthly Maintenance Fee", compute="_compute_amounts"
    )
    breakdown = fields.Html(compute="_compute_amounts", sanitize=False)

    @api.depends("partner_id", "contract_id")
    def _compute_measurement_id(self):
        for wizard in self:
            if wizard.measurement_id.partner_id == wizard.commercial_partner_id:
                continue
            wizard.measurement_id = wizard.contract_id.cloc_measurement_id or (
                wizard.partner_id._get_latest_cloc_measurement()
                if wizard.partner_id
                else False
            )

    @api.depends("partner_id", "company_id", "contract_id")
    def _compute_pricelist_id(self):
        for wizard in self:
            wizard.pricelist_id = (
                wizard.contract_id.pricelist_id
                or wizard.partner_id.with_company(
                    wizard.company_id
                ).property_product_pricelist
            )

    @api.depends("company_id", "pricelist_id")
    def _compute_rule_id(self):
        rules = self.env["support.migration.pricing.rule"]
        for wizard in self:
            wizard.rule_id = rules._get_rule(wizard.company_id, wizard.pricelist_id)

    @api.depends("rule_id", "contract_id.plan_id.fee_mode")
    def _compute_includes(self):
        for wizard in self:
            currency = wizard.rule_id.currency_id
            wizard.include_upgrade_fee = bool(
                currency and not currency.is_zero(wizard.rule_id.upgrade_fee)
            )
            wizard.include_maintenance = bool(
                currency and not currency.is_zero(wizard.rule_id.maintenance_amount)
            ) or (wizard.contract_id.plan_id.fee_mode == "cloc")

    @api.depends("rule_id")
    def _compute_module_hours(self):
        for wizard in self:
            wizard.module_hours = wizard.rule_id.module_hours

    @api.depends("rule_id", "contract_id")
    def _compute_hourly_rate(self):
        for wizard in self:
            wizard.hourly_rate = wizard._get_default_hourly_rate()

    @api.depends("contract_id")
    def _compute_upgrade_covered(self):
        for wizard in self:
            covered, reason = wizard._get_upgrade_entitlement()
            wizard.upgrade_covered = covered
            wizard.upgrade_covered_reason = reason

    @api.depends(
        "rule_id",
        "measurement_id",
        "include_migration",
        "include_upgrade_fee",
        "include_maintenance",
        "community_module_count",
        "module_hours",
        "hourly_rate",
        "upgrade_covered",
    )
    def _compute_amounts(self):
        for wizard in self:
            totals = dict.fromkeys(
                ("base", "code", "modules", "upgrade_fee", "covered", "once", "month"),
                0.0,
            )
            components = []
            if wizard.rule_id and wizard.measurement_id:
                try:
                    components = wizard._get_components()
                except UserError:
                    components = []  # shown on the fields; raised on confirmation
            for component in components:
                totals[component["code"]] = component["amount"]
                if component["covered"]:
                    totals["covered"] += component["amount"]
                elif component["recurring"]:
                    totals["month"] += component["amount"]
                else:
                    totals["once"] += component["amount"]
            wizard.base_amount = totals["base"]
            wizard.code_amount = totals["code"]
            wizard.module_amount = totals["modules"]
            wizard.upgrade_fee_amount = totals["upgrade_fee"]
            wizard.covered_amount = totals["covered"]
            wizard.one_time_total = totals["once"]
            wizard.monthly_total = totals["month"]
            wizard.breakdown = wizard._render_breakdown(components)

    # hooks --------------------------------------------------------------------

    def _get_default_hourly_rate(self):
        """The rate of community module hours: the contract's normal hourly rate
        (in the rule's currency), else the rule's."""
        self.ensure_one()
        contract = self.contract_id
        rule = self.rule_id
        if contract.hourly_rate and rule:
            return contract.currency_id._convert(
                contract.hourly_rate,
                rule.currency_id,
                self.company_id,
                fields.Date.context_today(self),
            )
        return rule.hourly_rate

    def _get_upgrade_entitlement(self):
        """(covered, reason): whether the customer's contract includes the upgrade."""
        self.ensure_one()
        if not self.contract_id:
            return False, False
        return self.contract_id._get_upgrade_entitlement()

    def _get_components(self):
        self.ensure_one()
        return self.rule_id._get_quote_components(
            self.code_lines,
            module_count=self.community_module_count,
            module_hours=self.module_hours,
            hourly_rate=self.hourly_rate,
            upgrade_covered=self.upgrade_covered,
            include_migration=self.include_migration,
            include_upgrade_fee=self.include_upgrade_fee,
            include_maintenance=self.include_maintenance,
            maintenance_plan=self.contract_id.plan_id,
        )

    def _describe_component(self, component):
        """The text of a component on the breakdown and the quotation line."""
        self.ensure_one()
        env = self.env
        code = component["code"]
        measurement = self.measurement_id
        if code == "base":
            text = env._("Migration to the next Odoo release: base amount")
        elif code == "code":
            source = dict(
                measurement._fields["source"]._description_selection(env)
            ).get(measurement.source)
            if self.rule_id.rounding == "block":
                blocks = env._(
                    "%(blocks)s started blocks of %(size)s lines",
                    blocks=component["blocks"],
                    size=formatLang(env, component["block_size"], digits=0),
                )
            else:
                blocks = env._(
                    "pro rata, %(blocks)s blocks of %(size)s lines",
                    blocks=formatLang(env, component["blocks"], digits=3),
                    size=formatLang(env, component["block_size"], digits=0),
                )
            text = env._(
                "Custom code: %(lines)s lines of code (measured %(date)s, "
                "%(how)s), %(blocks)s",
                lines=formatLang(env, component["lines"], digits=0),
                date=format_date(env, measurement.date),
                how=source,
                blocks=blocks,
            )
        elif code == "modules":
            text = env._(
                "Community modules without a version for the target release: "
                "%(modules)s x %(hours)s hours (at most %(cap)s hours per module)",
                modules=component["modules"],
                hours=formatLang(env, component["hours"]),
                cap=formatLang(env, self.rule_id.module_hours),
            )
            if self.community_module_names:
                text += "\n" + self.community_module_names.strip()
        elif code == "upgrade_fee":
            text = env._(
                "One-time upgrade fee, charged when the upgrade starts "
                "(administration, test and development instances)"
            )
        elif code == "maintenance":
            text = env._(
                "Maintenance and support per month: %(lines)s lines of code, "
                "%(blocks)s blocks of %(size)s lines",
                lines=formatLang(env, component["lines"], digits=0),
                blocks=formatLang(
                    env,
                    component["blocks"],
                    digits=0 if self.rule_id.rounding == "block" else 2,
                ),
                size=formatLang(env, component["block_size"], digits=0),
            )
        else:
            text = component["product"].display_name
        if component["covered"]:
            text += "\n" + env._(
                "Covered: %(reason)s",
                reason=self.upgrade_covered_reason or env._("included in the contract"),
            )
        return text

    def _render_breakdown(self, components):
        self.ensure_one()
        if not components:
            return Markup("<p>%s</p>") % self.env._(
                "Nothing to quote: choose a measurement and a pricing rule."
            )
        rows = Markup()
        for component in components:
            amount = format_amount(self.env, component["amount"], self.currency_id)
            status = ""
            if component["covered"]:
                status = self.env._("covered")
            elif component["recurring"]:
                status = self.env._("per month")
            rows += Markup(
                "<tr><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            ) % (
                Markup("<br/>").join(
                    escape(part)
                    for part in self._describe_component(component).split("\n")
                ),
                amount,
                status,
            )
        return Markup("<table class='table table-sm'><tbody>%s</tbody></table>") % rows

    def _prepare_order_vals(self):
        self.ensure_one()
        vals = {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "migration_measurement_id": self.measurement_id.id,
            "support_contract_id": self.contract_id.id,
            "migration_upgrade_covered": self.upgrade_covered
            and self.include_migration,
            "require_signature": True,
            "origin": self.measurement_id.display_name,
        }
        pricelist = self.rule_id.pricelist_id or self.pricelist_id
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        if self.rule_id.quote_note:
            vals["note"] = self.rule_id.quote_note
        return vals

    def _prepare_order_line_vals(self, component, order):
        self.ensure_one()
        price_unit = component["price_unit"]
        if self.currency_id != order.currency_id:
            price_unit = self.currency_id._convert(
                price_unit, order.currency_id, order.company_id, order.date_order
            )
        product = component["product"]
        return {
            "product_id": product.id,
            "name": f"{product.display_name}\n{self._describe_component(component)}",
            "product_uom_qty": component["quantity"],
            "price_unit": price_unit,
            "discount": 100.0 if component["covered"] else 0.0,
        }

    def action_create_quotation(self):
        self.ensure_one()
        if not self.measurement_id:
            raise UserError(
                self.env._(
                    "%(partner)s has no measurement of custom code: measure it first.",
                    partner=self.partner_id.display_name,
                )
            )
        if self.contract_id and self.contract_id.partner_id != (
            self.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "Contract %(contract)s belongs to another customer.",
                    contract=self.contract_id.name,
                )
            )
        if self.measurement_id.partner_id != self.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Measurement %(measurement)s belongs to another customer.",
                    measurement=self.measurement_id.display_name,
                )
            )
        if not self.rule_id:
            raise UserError(
                self.env._(
                    "No migration pricing rule for %(company)s: create one under "
                    "Support > Configuration > Migration Pricing.",
                    company=self.company_id.display_name,
                )
            )
        components = self._get_components()
        if not components:
            raise UserError(
                self.env._(
                    "Nothing to quote: every component is excluded or has no amount."
                )
            )
        order = self.env["sale.order"].create(self._prepare_order_vals())
        order.order_line = [
            fields.Command.create(self._prepare_order_line_vals(component, order))
            for component in components
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "target": "current",
        }
