# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, float_compare


class SupportContract(models.Model):
    """A customer's support contract: plan, add-ons and reserved hours per month."""

    _name = "support.contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Support Contract"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
        help="Commercial entity of the customer; contacts are replaced by their "
        "company.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        compute="_compute_pricelist_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
        help="Prices the plan, add-ons and hours, and sets the contract's currency.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Plan",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
    )
    addon_line_ids = fields.One2many(
        comodel_name="support.contract.addon",
        inverse_name="contract_id",
        string="Add-ons",
        copy=True,
    )
    addon_ids = fields.Many2many(
        comodel_name="support.addon",
        string="Add-on Products",
        compute="_compute_addon_ids",
        search="_search_addon_ids",
    )
    reserved_hours = fields.Float(
        string="Reserved Hours / Month",
        tracking=True,
        digits=(16, 2),
        help="Hours credited to the balance every month, billed at the discount of "
        "the band holding this number.",
    )
    hour_band_id = fields.Many2one(
        comodel_name="support.hour.band",
        string="Band",
        compute="_compute_hour_band_id",
        store=True,
        help="Band holding the reserved hours (lower bound excluded, upper bound "
        "included).",
    )
    reserved_discount = fields.Float(
        related="hour_band_id.discount", string="Reserved Hours Discount (%)"
    )
    hourly_rate = fields.Monetary(
        compute="_compute_hourly_rate",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Normal rate of an hour of support, from the pricelist.",
    )
    plan_price = fields.Monetary(
        string="Plan Fee", compute="_compute_amounts", help="Monthly plan fee."
    )
    addons_price = fields.Monetary(string="Add-ons Fee", compute="_compute_amounts")
    reserved_price = fields.Monetary(
        string="Reserved Hours Fee",
        compute="_compute_amounts",
        help="Reserved hours x hourly rate x (1 - band discount).",
    )
    monthly_amount = fields.Monetary(
        compute="_compute_amounts",
        help="What one month costs, excluding excess and separately billed hours.",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(string="End Date", tracking=True, copy=False)
    min_term_months = fields.Integer(
        string="Minimum Term (months)", default=12, tracking=True
    )
    min_term_end = fields.Date(
        string="Minimum Term Ends",
        compute="_compute_min_term_end",
        store=True,
        help="First day the contract may end on.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    key_user_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="support_contract_key_user_rel",
        column1="contract_id",
        column2="partner_id",
        string="Key Users",
        domain="[('commercial_partner_id', '=', partner_id)]",
        help="Contacts of the customer allowed to submit tickets and see the "
        "contract in the portal.",
    )
    calendar_id = fields.Many2one(related="plan_id.calendar_id", string="Availability")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        default=lambda self: self.env.user,
        tracking=True,
    )
    sale_order_ids = fields.One2many(
        comodel_name="sale.order",
        inverse_name="support_contract_id",
        string="Sale Orders",
    )
    sale_order_count = fields.Integer(compute="_compute_sale_order_count")
    ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="support_contract_id",
        string="Tickets",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    # What the customer runs, against the plan's limits.
    user_count = fields.Integer(
        string="Users", tracking=True, help="Latest count of the customer's users."
    )
    cloc_lines = fields.Integer(
        string="Custom Code (lines)",
        tracking=True,
        help="Latest measurement of the customer's custom code (odoo-bin cloc).",
    )
    cloc_date = fields.Date(string="Measured On")
    cloc_source = fields.Char(string="Measured From")
    limit_warning = fields.Char(compute="_compute_limit_warning")
    # One version upgrade per 12 months is included.
    upgrade_last_date = fields.Date(
        string="Last Included Upgrade",
        tracking=True,
        copy=False,
        help="When the included upgrade was last used.",
    )
    upgrade_available = fields.Boolean(
        string="Included Upgrade Available",
        compute="_compute_upgrade_available",
        help="No included upgrade was used in the last 12 months.",
    )
    upgrade_next_date = fields.Date(
        string="Next Included Upgrade", compute="_compute_upgrade_available"
    )
    note = fields.Html()

    _running_partner_uniq = models.UniqueIndex(
        "(partner_id, company_id) WHERE state IN ('active', 'suspended')",
        "A customer can have only one running contract per company.",
    )

    @api.depends("partner_id", "company_id")
    def _compute_pricelist_id(self):
        for contract in self:
            if not contract.partner_id:
                continue
            contract.pricelist_id = contract.partner_id.with_company(
                contract.company_id
            ).property_product_pricelist

    @api.depends("pricelist_id", "company_id")
    def _compute_currency_id(self):
        for contract in self:
            contract.currency_id = (
                contract.pricelist_id.currency_id or contract.company_id.currency_id
            )

    @api.depends("addon_line_ids.addon_id")
    def _compute_addon_ids(self):
        for contract in self:
            contract.addon_ids = contract.addon_line_ids.addon_id

    def _search_addon_ids(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        return [("addon_line_ids.addon_id", operator, value)]

    @api.depends("reserved_hours", "company_id")
    def _compute_hour_band_id(self):
        Band = self.env["support.hour.band"]
        for contract in self:
            band = Band.browse()
            if contract.reserved_hours > 0:
                band = Band.search(
                    [
                        ("company_id", "=", contract.company_id.id),
                        ("hours_from", "<", contract.reserved_hours),
                        ("hours_to", ">=", contract.reserved_hours),
                    ],
                    limit=1,
                )
            contract.hour_band_id = band

    @api.depends("pricelist_id", "currency_id", "company_id")
    def _compute_hourly_rate(self):
        for contract in self:
            contract.hourly_rate = contract._get_product_price(
                contract._get_hour_product()
            )

    @api.depends(
        "plan_id",
        "addon_line_ids.quantity",
        "addon_line_ids.addon_id",
        "reserved_hours",
        "hourly_rate",
        "hour_band_id",
        "pricelist_id",
        "currency_id",
    )
    def _compute_amounts(self):
        for contract in self:
            plan_price = contract._get_product_price(contract.plan_id.product_id)
            addons_price = sum(
                line.quantity * contract._get_product_price(line.addon_id.product_id)
                for line in contract.addon_line_ids
            )
            reserved_price = contract._get_reserved_price()
            contract.plan_price = plan_price
            contract.addons_price = contract.currency_id.round(addons_price)
            contract.reserved_price = reserved_price
            contract.monthly_amount = plan_price + addons_price + reserved_price

    @api.depends("date_start", "min_term_months")
    def _compute_min_term_end(self):
        for contract in self:
            contract.min_term_end = contract.date_start and (
                contract.date_start + relativedelta(months=contract.min_term_months)
            )

    @api.depends("user_count", "cloc_lines", "plan_id")
    def _compute_limit_warning(self):
        for contract in self:
            plan = contract.plan_id
            warnings = []
            if plan.user_limit and contract.user_count > plan.user_limit:
                warnings.append(
                    self.env._(
                        "%(count)s users exceed the %(limit)s users of plan %(plan)s.",
                        count=contract.user_count,
                        limit=plan.user_limit,
                        plan=plan.name,
                    )
                )
            if plan.cloc_max and contract.cloc_lines > plan.cloc_max:
                warnings.append(
                    self.env._(
                        "%(lines)s lines of custom code exceed the %(limit)s lines "
                        "of plan %(plan)s.",
                        lines=contract.cloc_lines,
                        limit=plan.cloc_max,
                        plan=plan.name,
                    )
                )
            contract.limit_warning = " ".join(warnings) or False

    @api.depends("upgrade_last_date")
    @api.depends_context("date")
    def _compute_upgrade_available(self):
        today = fields.Date.context_today(self)
        for contract in self:
            last = contract.upgrade_last_date
            contract.upgrade_next_date = last and last + relativedelta(months=12)
            contract.upgrade_available = not last or contract.upgrade_next_date <= today

    def _compute_sale_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("support_contract_id", "in", self.ids)],
                ["support_contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.sale_order_count = counts.get(contract, 0)

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("support_contract_id", "in", self.ids)],
                ["support_contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.ticket_count = counts.get(contract, 0)

    @api.constrains("reserved_hours", "plan_id", "company_id")
    def _check_reserved_hours(self):
        for contract in self:
            if float_compare(contract.reserved_hours, 0.0, precision_digits=2) < 0:
                raise ValidationError(
                    self.env._(
                        "Reserved hours cannot be negative (%(hours)s h on "
                        "%(contract)s).",
                        hours=contract.reserved_hours,
                        contract=contract.name,
                    )
                )
            if contract.reserved_hours and not contract.plan_id.allows_reserved_hours:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s does not allow reserved hours: choose a paid "
                        "plan or set the reserved hours to 0.",
                        plan=contract.plan_id.name,
                    )
                )
            if contract.reserved_hours and not contract.hour_band_id:
                raise ValidationError(
                    self.env._(
                        "No reserved-hour band of %(company)s holds %(hours)s h.",
                        company=contract.company_id.name,
                        hours=contract.reserved_hours,
                    )
                )

    @api.constrains("addon_line_ids", "plan_id")
    def _check_addons(self):
        for contract in self:
            for line in contract.addon_line_ids:
                line._check_addon_plan()

    @api.constrains("min_term_months", "user_count", "cloc_lines")
    def _check_positive(self):
        for contract in self:
            if (
                contract.min_term_months < 0
                or contract.user_count < 0
                or contract.cloc_lines < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Minimum term, user count and lines of custom code cannot "
                        "be negative."
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_commercial(self):
        for contract in self:
            if contract.partner_id != contract.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "A contract belongs to the customer's company "
                        "(%(company)s), not to the contact %(contact)s.",
                        company=contract.partner_id.commercial_partner_id.name,
                        contact=contract.partner_id.name,
                    )
                )

    @api.constrains("date_start", "date_end", "min_term_months")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = Partner.browse(
                    vals["partner_id"]
                ).commercial_partner_id.id
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].with_company(
                    vals.get("company_id") or self.env.company.id
                ).next_by_code("support.contract") or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            vals["partner_id"] = (
                self.env["res.partner"]
                .browse(vals["partner_id"])
                .commercial_partner_id.id
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(contract.state != "draft" for contract in self):
            raise UserError(
                self.env._("Only draft contracts can be deleted; end the others.")
            )

    def action_activate(self):
        self.ensure_one()
        if self.state not in ("draft", "suspended"):
            raise UserError(
                self.env._(
                    "Only a draft or suspended contract can be activated; "
                    "%(contract)s is %(state)s.",
                    contract=self.name,
                    state=self._fields["state"].convert_to_export(self.state, self),
                )
            )
        self.state = "active"
        return True

    def action_suspend(self):
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active contract can be suspended."))
        self.state = "suspended"
        return True

    def action_end(self, date_end=None):
        """End the contract on ``date_end`` (default today) after its minimum term."""
        self.ensure_one()
        date_end = date_end or fields.Date.context_today(self)
        if self.state == "ended":
            raise UserError(self.env._("Contract %s has ended already.", self.name))
        if self.state != "draft" and date_end < self.min_term_end:
            raise UserError(
                self.env._(
                    "Contract %(contract)s cannot end on %(date)s: its minimum term "
                    "of %(months)s months runs until %(min_end)s.",
                    contract=self.name,
                    date=date_end,
                    months=self.min_term_months,
                    min_end=self.min_term_end,
                )
            )
        self.write({"state": "ended", "date_end": date_end})
        return True

    def action_view_sale_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_support_contract_id": self.id,
        }
        return action

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_support_contract_id": self.id,
        }
        return action

    # Business methods

    @api.model
    def _get_hour_product(self):
        """The service product whose pricelist price is the normal hourly rate."""
        return (
            self.env.ref(
                "support_contract.product_product_support_hour",
                raise_if_not_found=False,
            )
            or self.env["product.product"]
        )

    def _get_product_price(self, product, quantity=1.0, date=None):
        """Price of ``product`` on this contract's pricelist, in its currency."""
        self.ensure_one()
        if not product:
            return 0.0
        date = date or fields.Date.context_today(self)
        product = product.with_company(self.company_id)
        if self.pricelist_id:
            price = self.pricelist_id._get_product_price(
                product, quantity, currency=self.currency_id, date=date
            )
        else:
            price = product.currency_id._convert(
                product.list_price, self.currency_id, self.company_id, date
            )
        return self.currency_id.round(price)

    def _get_reserved_price(self):
        """Monthly price of the reserved hours: hours x rate x (1 - discount)."""
        self.ensure_one()
        gross = self.reserved_hours * self.hourly_rate
        return self.currency_id.round(
            gross * (1.0 - (self.hour_band_id.discount or 0.0) / 100.0)
        )

    @api.model
    def _get_active_contract_for_partners(self, partners, company=None):
        """Map commercial partner ids to their active contract, in one query.

        :param partners: res.partner records (contacts are mapped to their
            commercial entity)
        :param company: restrict to this company; by default the contract of the
            current company wins over one of another allowed company.
        :return: dict {commercial partner id: support.contract}
        """
        commercial_ids = list(set(partners.commercial_partner_id.ids))
        if not commercial_ids:
            return {}
        domain = Domain("partner_id", "in", commercial_ids) & Domain(
            "state", "=", "active"
        )
        if company:
            domain &= Domain("company_id", "=", company.id)
        contracts = self.search(domain)
        preferred = company or self.env.company
        result = {}
        for contract in contracts.sorted(lambda c: (c.company_id != preferred, c.id)):
            result.setdefault(contract.partner_id.id, contract)
        return result

    def _lock_rows(self):
        """Lock the contracts' rows (billing, amendments) until the transaction ends."""
        if self.ids:
            self.env.execute_query(
                SQL(
                    "SELECT id FROM support_contract WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )

    def _set_addon_quantities(self, quantities):
        """Replace the add-on lines by ``{support.addon: quantity}``."""
        self.ensure_one()
        commands = [Command.clear()] + [
            Command.create({"addon_id": addon.id, "quantity": qty})
            for addon, qty in quantities.items()
            if qty
        ]
        self.addon_line_ids = commands
