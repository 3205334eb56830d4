# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import (
    SQL,
    float_compare,
    float_is_zero,
    format_date,
    ormcache,
    split_every,
)

_logger = logging.getLogger(__name__)

#: Fields of a contract that decide which contract a ticket falls under.
CONTRACT_LOOKUP_FIELDS = {"partner_id", "company_id", "state"}


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
        domain=[("pending", "=", False)],
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
        help="Band holding the reserved hours (lower bound excluded, upper bound "
        "included).",
    )
    reserved_discount = fields.Float(
        string="Reserved Hours Discount (%)", compute="_compute_hour_band_id"
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
    date_end = fields.Date(
        string="End Date",
        tracking=True,
        copy=False,
        help="The contract's last day, included (a contract of 1 January to 31 "
        "December covers and bills 31 December).",
    )
    min_term_months = fields.Integer(
        string="Minimum Term (months)", default=12, tracking=True
    )
    min_term_end = fields.Date(
        string="Minimum Term Ends",
        compute="_compute_min_term_end",
        store=True,
        help="Last day of the minimum term, the earliest end date: 12 months from "
        "1 January 2026 end on 31 December 2026 (the end date is the contract's "
        "last day).",
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
    over_plan_limit = fields.Boolean(
        string="Over Plan Limits",
        compute="_compute_limit_warning",
        search="_search_over_plan_limit",
        help="More users or lines of custom code than the plan allows.",
    )
    # One version upgrade per contract year is included (the first year from the
    # start date).
    upgrade_last_date = fields.Date(
        string="Last Included Upgrade",
        tracking=True,
        copy=False,
        help="When the included upgrade was last used.",
    )
    upgrade_available = fields.Boolean(
        string="Included Upgrade Available",
        compute="_compute_upgrade_available",
        help="No included upgrade was used in the current contract year (the "
        "first from the start date; 1 March 2026 - 28 February 2027, then 1 March "
        "2027 - 29 February 2028, ...).",
    )
    upgrade_next_date = fields.Date(
        string="Next Included Upgrade", compute="_compute_upgrade_available"
    )
    note = fields.Html()
    # Amendments sold on a quotation take effect on the first of the next month.
    pending_date = fields.Date(
        string="Changes Take Effect On",
        copy=False,
        readonly=True,
        help="First day of the month from which the pending changes apply.",
    )
    pending_plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Next Plan",
        copy=False,
        readonly=True,
        check_company=True,
    )
    pending_reserved_hours = fields.Float(
        string="Next Reserved Hours", copy=False, readonly=True, digits=(16, 2)
    )
    has_pending_reserved_hours = fields.Boolean(copy=False, readonly=True)
    pending_addon_line_ids = fields.One2many(
        comodel_name="support.contract.addon",
        inverse_name="contract_id",
        string="Next Add-ons",
        readonly=True,
        domain=[("pending", "=", True)],
    )
    # Hours and billing
    ledger_line_ids = fields.One2many(
        comodel_name="support.hour.ledger",
        inverse_name="contract_id",
        string="Hour Ledger",
    )
    hour_balance = fields.Float(
        compute="_compute_hour_balance",
        digits=(16, 2),
        help="Reserved hours credited, less hours consumed, plus excess hours "
        "billed. Unused hours never expire.",
    )
    billing_ids = fields.One2many(
        comodel_name="support.contract.billing",
        inverse_name="contract_id",
        string="Monthly Billings",
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        string="Invoices",
        compute="_compute_invoice_ids",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_ids")

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
        bands = {}  # one search per company and number of hours, not per contract
        for contract in self:
            band = Band.browse()
            if contract.reserved_hours > 0:
                key = (contract.company_id, contract.reserved_hours)
                if key not in bands:
                    bands[key] = Band._find_band(
                        contract.reserved_hours, contract.company_id
                    )
                band = bands[key]
            contract.hour_band_id = band
            contract.reserved_discount = band.discount

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
            # the end date is the contract's last day: 12 months from 1 January
            # end on 31 December
            contract.min_term_end = contract.date_start and (
                contract.date_start
                + relativedelta(months=contract.min_term_months, days=-1)
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
            contract.over_plan_limit = bool(warnings)

    def _search_over_plan_limit(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        # the limits are the plan's: compared in Python over the contracts whose
        # plan has a limit (a few hundred at most)
        limited = self.search(
            ["|", ("plan_id.user_limit", ">", 0), ("plan_id.cloc_max", ">", 0)]
        )
        over = limited.filtered("over_plan_limit")
        wanted = (operator == "in") == (True in value)
        return [("id", "in" if wanted else "not in", over.ids)]

    @api.depends("upgrade_last_date")
    @api.depends_context("date")
    def _compute_upgrade_available(self):
        today = fields.Date.to_date(self.env.context.get("date")) or (
            fields.Date.context_today(self)
        )
        for contract in self:
            months = contract._get_upgrade_interval_months()
            if not months:
                contract.upgrade_next_date = False
                contract.upgrade_available = False
                continue
            last = contract.upgrade_last_date
            # the first day of the contract period after the one of the last
            # upgrade (an upgrade before the start belongs to no period of it)
            contract.upgrade_next_date = last and contract._upgrade_period_start(
                last, months, following=True
            )
            contract.upgrade_available = not last or contract.upgrade_next_date <= today

    def _upgrade_period_start(self, day, months, following=False):
        """First day of the contract period of `months` months holding `day`
        (periods count from the start date: the contract years for 12), or of the
        next period with `following`. A day before the start: the start."""
        self.ensure_one()
        start = self.date_start or day
        if day < start:
            return start
        index = ((day.year - start.year) * 12 + day.month - start.month) // months
        # from the start date each time (31 January + 1 month = 28 February)
        if start + relativedelta(months=index * months) > day:
            index -= 1
        return start + relativedelta(months=(index + following) * months)

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

    @api.depends("ledger_line_ids.hours")
    def _compute_hour_balance(self):
        balances = self.env["support.hour.ledger"]._get_balances(self)
        for contract in self:
            contract.hour_balance = balances.get(contract.id, 0.0)

    @api.depends("billing_ids.invoice_id")
    def _compute_invoice_ids(self):
        billings = self.env["support.contract.billing"].search(
            [("contract_id", "in", self.ids), ("invoice_id", "!=", False)]
        )
        by_contract = billings.grouped("contract_id")
        Billing = self.env["support.contract.billing"]
        for contract in self:
            invoices = by_contract.get(contract, Billing).invoice_id
            contract.invoice_ids = invoices
            contract.invoice_count = len(invoices)

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

    @api.constrains(
        "pending_plan_id",
        "pending_reserved_hours",
        "has_pending_reserved_hours",
        "pending_addon_line_ids",
    )
    def _check_pending(self):
        """The contract as it will be next month must be valid too."""
        for contract in self.filtered("pending_date"):
            plan = contract.pending_plan_id or contract.plan_id
            hours = (
                contract.pending_reserved_hours
                if contract.has_pending_reserved_hours
                else contract.reserved_hours
            )
            if float_compare(hours, 0.0, precision_digits=2) < 0:
                raise ValidationError(
                    self.env._("Reserved hours cannot be negative (%(h)s h).", h=hours)
                )
            if hours and not plan.allows_reserved_hours:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s does not allow reserved hours: choose a paid "
                        "plan or set the reserved hours to 0.",
                        plan=plan.name,
                    )
                )
            if hours:
                self.env["support.hour.band"]._get_band(hours, contract.company_id)
            for line in contract.pending_addon_line_ids:
                if line.quantity < 0 or (
                    not line.addon_id.per_unit and line.quantity > 1
                ):
                    raise ValidationError(
                        self.env._(
                            "Add-on %(addon)s: %(qty)s is not a valid quantity "
                            "(0 removes it; only add-ons sold per unit take more "
                            "than 1).",
                            addon=line.addon_id.name,
                            qty=line.quantity,
                        )
                    )
            for addon, quantity in contract._get_next_addon_quantities().items():
                if quantity:
                    addon._check_allowed_on_plan(plan, contract, pending=True)

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

    @api.constrains("date_start", "date_end", "min_term_months", "state")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )
            if (
                contract.state != "draft"
                and contract.date_end
                and contract.date_end < contract.min_term_end
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s cannot end on %(date)s: its minimum "
                        "term of %(months)s months runs until %(min_end)s.",
                        contract=contract.name,
                        date=format_date(self.env, contract.date_end),
                        months=contract.min_term_months,
                        min_end=format_date(self.env, contract.min_term_end),
                    )
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
        contracts = super().create(vals_list)
        if any(contract.state == "active" for contract in contracts):
            self.env.registry.clear_cache()  # _active_contract_id
        return contracts

    def write(self, vals):
        if vals.get("partner_id"):
            vals["partner_id"] = (
                self.env["res.partner"]
                .browse(vals["partner_id"])
                .commercial_partner_id.id
            )
        if CONTRACT_LOOKUP_FIELDS & set(vals):
            self.env.registry.clear_cache()  # _active_contract_id
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()  # _active_contract_id
        return super().unlink()

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
        """End the contract on ``date_end`` (default: its end date if one is set,
        else today) after its minimum term. The end date is the contract's last day:
        a date after today keeps the contract active until then and only schedules
        the end, which the daily scheduled action carries out the day after
        (``_cron_end_contracts``)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        date_end = date_end or self.date_end or today
        if self.state == "ended":
            raise UserError(self.env._("Contract %s has ended already.", self.name))
        if self.state == "draft":
            raise UserError(
                self.env._(
                    "Contract %s never started: delete it instead of ending it.",
                    self.name,
                )
            )
        if date_end < self.min_term_end:
            raise UserError(
                self.env._(
                    "Contract %(contract)s cannot end on %(date)s: its minimum term "
                    "of %(months)s months runs until %(min_end)s.",
                    contract=self.name,
                    date=format_date(self.env, date_end),
                    months=self.min_term_months,
                    min_end=format_date(self.env, self.min_term_end),
                )
            )
        if date_end > today:
            self.date_end = date_end
            return True
        self.write({"state": "ended", "date_end": date_end})
        return True

    @api.model
    def _cron_end_contracts(self):
        """Scheduled action: end the contracts whose end date (their last day,
        included) has passed; a contract ending on 31 December ends on 1 January."""
        contracts = self.search(
            [
                ("state", "in", ("active", "suspended")),
                ("date_end", "<", fields.Date.context_today(self)),
            ]
        )
        contracts.write({"state": "ended"})

    def action_view_sale_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_support_contract_id": self.id,
        }
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    def action_view_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_hour_ledger_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_bill_current_month(self):
        """Bill this month now (the scheduled action would do it as well)."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active contract is billed."))
        month = fields.Date.context_today(self).replace(day=1)
        billing = self._bill_month(month)
        if not billing:
            raise UserError(
                self.env._(
                    "%(contract)s was billed for %(month)s already.",
                    contract=self.name,
                    month=format_date(self.env, month, date_format="MMMM y"),
                )
            )
        return self.action_view_invoices()

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

    def _get_product_price(self, product, quantity=1.0, date=None, cache=None):
        """Price of ``product`` on this contract's pricelist, in its currency.

        :param cache: optional dict kept by the caller for one computation over
            many contracts (monthly billing): contracts sharing pricelist,
            currency and company get the price computed once.
        """
        self.ensure_one()
        if not product:
            return 0.0
        date = date or fields.Date.context_today(self)
        if cache is not None:
            key = (
                "price",
                self.pricelist_id.id,
                self.currency_id.id,
                self.company_id.id,
                product.id,
                quantity,
                date,
            )
            if key not in cache:
                cache[key] = self._get_product_price(product, quantity, date)
            return cache[key]
        # prices and rates of the contract's company, whatever the current one
        product = product.with_company(self.company_id)
        if self.pricelist_id:
            price = self.pricelist_id.with_company(self.company_id)._get_product_price(
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
    @ormcache("commercial_partner_id", "company_id")
    def _active_contract_id(self, commercial_partner_id, company_id):
        """Id of the active contract of a commercial entity in a company (0: none).

        Cached per process: every ticket created looks its contract up, contracts
        change seldom; creating, deleting or changing the partner, company or state
        of a contract clears the cache (and a rolled back transaction's entries).
        """
        # sudo: the cache is shared by all users, it must not depend on the
        # record rules of the one who fills it
        contract = self.sudo().search(
            [
                ("partner_id", "=", commercial_partner_id),
                ("company_id", "=", company_id),
                ("state", "=", "active"),
            ],
            order="id",
            limit=1,
        )
        return contract.id

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
        if company and len(commercial_ids) == 1:
            # one customer (a ticket coming in): the per-process cache, no query
            contract_id = self._active_contract_id(commercial_ids[0], company.id)
            return {commercial_ids[0]: self.browse(contract_id)} if contract_id else {}
        # several customers: one query for all of them
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

    def _lock_free_rows(self):
        """Lock the rows of these contracts that no other transaction holds; return
        those contracts (a contract another worker is billing is left to it)."""
        if not self.ids:
            return self
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM support_contract WHERE id IN %s FOR UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        return self.browse(sorted(row[0] for row in rows))

    def _lock_rows(self):
        """Lock the contracts' rows (billing, amendments) until the transaction ends."""
        if self.ids:
            self.env.execute_query(
                SQL(
                    "SELECT id FROM support_contract WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )

    @api.model
    def _addon_line_commands(self, quantities):
        """Commands replacing the add-on lines by ``{support.addon: quantity}``
        (a quantity of 0 removes the add-on)."""
        return [Command.clear()] + [
            Command.create({"addon_id": addon.id, "quantity": qty})
            for addon, qty in quantities.items()
            if qty
        ]

    def _get_upgrade_interval_months(self):
        """Months between two included upgrades; 0 when none is included (hook)."""
        self.ensure_one()
        return 12

    def _use_included_upgrade(self, date=None):
        """Record that the included upgrade (one per contract year) is used.

        :raise UserError: when it was used in the same contract year already
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        contract = self.with_context(date=date)
        if not contract.upgrade_available:
            raise UserError(
                self.env._(
                    "Contract %(contract)s used its included upgrade on %(last)s; "
                    "the next one is included from %(next)s.",
                    contract=self.name,
                    last=format_date(self.env, self.upgrade_last_date),
                    next=format_date(self.env, contract.upgrade_next_date),
                )
            )
        self.upgrade_last_date = date

    def _get_next_addon_quantities(self):
        """{support.addon: quantity} as it will be once pending changes apply."""
        self.ensure_one()
        quantities = {line.addon_id: line.quantity for line in self.addon_line_ids}
        for line in self.pending_addon_line_ids:
            quantities[line.addon_id] = line.quantity
        return quantities

    def _amend(self, plan=None, reserved_hours=None, addon_quantities=None, date=None):
        """Record changes sold for this contract.

        A draft contract changes at once; a running one from ``date`` (the first
        day of next month by default): the monthly billing applies them.

        :param addon_quantities: {support.addon: quantity}; 0 removes the add-on,
            add-ons not named are kept.
        """
        self.ensure_one()
        addon_quantities = addon_quantities or {}
        if self.state == "draft":
            vals = {}
            if plan:
                vals["plan_id"] = plan.id
            if reserved_hours is not None:
                vals["reserved_hours"] = reserved_hours
            quantities = {line.addon_id: line.quantity for line in self.addon_line_ids}
            quantities.update(addon_quantities)
            vals["addon_line_ids"] = self._addon_line_commands(quantities)
            self.write(vals)
            return
        if self.state == "ended":
            raise UserError(
                self.env._("Contract %s has ended: it cannot be amended.", self.name)
            )
        date = date or (
            fields.Date.context_today(self).replace(day=1) + relativedelta(months=1)
        )
        vals = {"pending_date": date}
        if plan and plan != self.plan_id:
            vals["pending_plan_id"] = plan.id
        if reserved_hours is not None:
            vals["pending_reserved_hours"] = reserved_hours
            vals["has_pending_reserved_hours"] = True
        pending = {line.addon_id: line for line in self.pending_addon_line_ids}
        commands = []
        for addon, qty in addon_quantities.items():
            if addon in pending:
                commands.append(Command.update(pending[addon].id, {"quantity": qty}))
            else:
                commands.append(
                    Command.create(
                        {"addon_id": addon.id, "quantity": qty, "pending": True}
                    )
                )
        if commands:
            vals["pending_addon_line_ids"] = commands
        self.write(vals)
        self.message_post(
            body=self.env._(
                "Changes recorded; they take effect on %(date)s.",
                date=format_date(self.env, date),
            )
        )

    def _apply_pending_changes(self, month):
        """Apply the changes due on or before ``month`` (first day of a month)."""
        for contract in self.filtered(
            lambda c: c.pending_date and c.pending_date <= month
        ):
            vals = {
                "pending_date": False,
                "pending_plan_id": False,
                "pending_reserved_hours": 0.0,
                "has_pending_reserved_hours": False,
            }
            if contract.pending_plan_id:
                vals["plan_id"] = contract.pending_plan_id.id
            if contract.has_pending_reserved_hours:
                vals["reserved_hours"] = contract.pending_reserved_hours
            current = {line.addon_id: line for line in contract.addon_line_ids}
            commands = []
            for line in contract.pending_addon_line_ids:
                old = current.get(line.addon_id)
                if old:
                    commands.append(Command.delete(old.id))
                if line.quantity:
                    commands.append(Command.update(line.id, {"pending": False}))
                else:
                    commands.append(Command.delete(line.id))
            if commands:
                vals["addon_line_ids"] = commands
            contract.write(vals)

    # Monthly billing

    @api.model
    def _get_billable_domain(self, month):
        """Contracts to bill for ``month`` (first day of a month): active ones,
        and ended ones until their end date, their last day (a contract ended in
        October on 31 December is billed for November and December)."""
        month_end = month + relativedelta(months=1, days=-1)
        return Domain.AND(
            [
                [
                    ("state", "in", ("active", "ended")),
                    ("date_start", "<=", month_end),
                ],
                Domain("date_end", "=", False) | Domain("date_end", ">=", month),
                # an ended contract always has its end date
                Domain("state", "=", "active") | Domain("date_end", "!=", False),
            ]
        )

    @api.model
    def _cron_bill_month(self, month=None, batch_size=50):
        """Scheduled action: bill every active contract for the current month.

        Commits after each batch through the cron progress API, so that a crash
        loses at most one batch, which the next run bills again (the months
        already billed are skipped); two runs at once share the contracts (see
        ``_bill_month``).
        """
        month = (month or fields.Date.context_today(self)).replace(day=1)
        contracts = self.search(self._get_billable_domain(month))
        contracts._bill_month(month, batch_size=batch_size, commit=True)

    def _bill_month(self, month, batch_size=50, commit=False):
        """Bill these contracts for ``month``; skip those billed already.

        Each batch is written in a savepoint: a failing batch is retried
        contract by contract, and a contract that fails is logged and left for
        the next run with nothing written.

        :return: the support.contract.billing records created
        """
        month = fields.Date.to_date(month).replace(day=1)
        Billing = self.env["support.contract.billing"]
        billed = Billing.search(
            [("contract_id", "in", self.ids), ("month", "=", month)]
        ).contract_id
        todo = self - billed
        created = Billing
        Cron = self.env["ir.cron"]
        if commit:
            Cron._commit_progress(remaining=len(todo))
        for batch_ids in split_every(batch_size, todo.ids):
            # Another worker billing the same month (a second run, a manual one)
            # holds the rows of its batch: skip them rather than wait and then
            # collide with its billings. The lock comes first in the transaction
            # (after the previous batch's commit), so the billings that worker
            # committed before are seen here and not billed twice.
            batch = self.browse(batch_ids)._lock_free_rows()
            batch -= Billing.search(
                [("contract_id", "in", batch.ids), ("month", "=", month)]
            ).contract_id
            if not batch:
                if commit and not Cron._commit_progress(len(batch_ids)):
                    break  # out of time: the scheduler runs the action again
                continue
            try:
                with self.env.cr.savepoint():
                    created |= batch._bill_month_batch(month)
            except Exception:  # noqa: BLE001 - isolate the contract that fails
                if len(batch) == 1:
                    _logger.exception("Billing %s for %s failed", batch.name, month)
                else:
                    for contract in batch:
                        try:
                            with self.env.cr.savepoint():
                                created |= contract._bill_month_batch(month)
                        except Exception:  # noqa: BLE001
                            _logger.exception(
                                "Billing %s for %s failed", contract.name, month
                            )
            if commit and not Cron._commit_progress(len(batch_ids)):
                break
        return created

    def _bill_month_batch(self, month):
        """Bill these contracts for ``month`` (no one billed for it yet)."""
        Billing = self.env["support.contract.billing"].sudo()
        Ledger = self.env["support.hour.ledger"].sudo()
        self._lock_rows()
        self._apply_pending_changes(month)
        # the database refuses a second billing of the month (unique index)
        billings = Billing.create(
            [{"contract_id": contract.id, "month": month} for contract in self]
        )
        balances = Ledger._get_balances(self, date_to=month)
        separate = self._get_separately_billable_timesheets(month)
        invoice_vals = {}
        ledger_vals = []
        # prices and bands shared by the contracts of the batch
        cache = {}
        for contract, billing in zip(self, billings, strict=True):
            excess = -min(balances.get(contract.id, 0.0), 0.0)
            timesheets = separate.get(contract.id, self.env["account.analytic.line"])
            lines = contract._prepare_billing_invoice_lines(
                month, excess, timesheets, cache=cache
            )
            products = self.env["product.product"].browse(
                [vals["product_id"] for vals in lines]
            )
            same_currency = contract.currency_id == contract.company_id.currency_id
            for vals, product in zip(lines, products, strict=True):
                # an explicit unit keeps the price from being recomputed
                vals.setdefault("product_uom_id", product.uom_id.id)
                if same_currency:
                    # The amounts Odoo's tax synchronisation would write on each
                    # line right after creating it (sign -1: a customer invoice
                    # credits income), given up front: the synchronisation still
                    # recomputes them and writes only the lines that differ
                    # (price-included taxes, global rounding), and the one write
                    # per line it saves is most of the cost of an invoice.
                    amount = -contract.currency_id.round(
                        vals["price_unit"]
                        * (1 - vals.get("discount", 0.0) / 100.0)
                        * vals["quantity"]
                    )
                    vals.setdefault("amount_currency", amount)
                    vals.setdefault("balance", amount)
            billing_vals = {
                "reserved_hours": contract.reserved_hours,
                "excess_hours": excess,
                "separate_hours": sum(timesheets.mapped("unit_amount")),
            }
            billing.write(billing_vals)
            if contract.reserved_hours:
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": month,
                        "kind": "credit",
                        "hours": contract.reserved_hours,
                        "name": self.env._(
                            "Reserved hours %(month)s",
                            month=format_date(self.env, month, date_format="MMMM y"),
                        ),
                    }
                )
            if not float_is_zero(excess, precision_digits=2):
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": month - relativedelta(days=1),
                        "kind": "excess",
                        "hours": excess,
                        "name": self.env._("Excess hours billed at the normal rate"),
                    }
                )
            if lines:
                invoice_vals[billing] = contract._prepare_billing_invoice(month, lines)
            if timesheets:
                timesheets.sudo().write({"support_billing_id": billing.id})
        Ledger.create(ledger_vals)
        for company, company_billings in (
            Billing.concat(*invoice_vals).grouped("company_id").items()
        ):
            # no creation message nor followers per invoice: the billing row and
            # the contract's chatter are the trail, and they cost a lot at volume
            invoices = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .with_context(
                    mail_create_nolog=True,
                    mail_create_nosubscribe=True,
                    mail_notrack=True,
                    tracking_disable=True,
                )
                .create([invoice_vals[billing] for billing in company_billings])
            )
            for billing, invoice in zip(company_billings, invoices, strict=True):
                billing.invoice_id = invoice
        return billings

    def _get_separately_billable_timesheets(self, month):
        """{contract id: timesheets} billed at the normal rate, not yet billed."""
        timesheets = (
            self.env["account.analytic.line"]
            .sudo()
            .search(
                [
                    ("support_contract_id", "in", self.ids),
                    ("support_billing_id", "=", False),
                    ("date", "<", month),
                    (
                        "helpdesk_ticket_id.support_hours_policy",
                        "in",
                        ("billable", "rfc"),
                    ),
                ],
                order="date, id",
            )
        )
        result = defaultdict(lambda: self.env["account.analytic.line"])
        for contract, lines in timesheets.grouped("support_contract_id").items():
            result[contract.id] = lines
        return result

    def _prepare_billing_invoice(self, month, lines):
        """Values of the month's invoice (hook)."""
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.address_get(["invoice"])["invoice"],
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": month,
            "invoice_origin": self.name,
            "support_contract_id": self.id,
            "invoice_user_id": self.user_id.id,
            "invoice_line_ids": [Command.create(vals) for vals in lines],
        }

    def _prepare_billing_invoice_lines(self, month, excess, timesheets, cache=None):
        """Invoice lines of ``month``: plan, add-ons, reserved, excess, separate.

        :param cache: optional dict shared by the contracts of a billing batch
            (see :meth:`_get_product_price`)
        """
        self.ensure_one()
        cache = {} if cache is None else cache
        label = format_date(self.env, month, date_format="MMMM y")
        lines = []
        plan = self.plan_id
        if not plan.is_free:
            lines.append(
                {
                    "product_id": plan.product_id.id,
                    "name": self.env._(
                        "Support plan %(plan)s, %(month)s", plan=plan.name, month=label
                    ),
                    "quantity": 1.0,
                    "price_unit": self._get_product_price(
                        plan.product_id, date=month, cache=cache
                    ),
                }
            )
        for line in self.addon_line_ids:
            addon = line.addon_id
            lines.append(
                {
                    "product_id": addon.product_id.id,
                    "name": self.env._(
                        "%(addon)s, %(month)s", addon=addon.name, month=label
                    ),
                    "quantity": line.quantity,
                    "price_unit": self._get_product_price(
                        addon.product_id, date=month, cache=cache
                    ),
                }
            )
        if self.reserved_hours:
            # the scale as it is today (raises when no band holds the hours)
            band_key = ("band", self.reserved_hours, self.company_id.id)
            if band_key not in cache:
                cache[band_key] = self.env["support.hour.band"]._get_band(
                    self.reserved_hours, self.company_id
                )
            band = cache[band_key]
            lines.append(
                {
                    "product_id": band.product_id.id,
                    "name": self.env._(
                        "Reserved hours %(month)s (band %(band)s)",
                        month=label,
                        band=band.name,
                    ),
                    "quantity": self.reserved_hours,
                    "price_unit": self.hourly_rate,
                    "discount": band.discount,
                }
            )
        hour_product = self._get_hour_product()
        if not float_is_zero(excess, precision_digits=2):
            lines.append(
                {
                    "product_id": hour_product.id,
                    "name": self.env._(
                        "Excess hours until %(date)s at the normal rate",
                        date=format_date(self.env, month - relativedelta(days=1)),
                    ),
                    "quantity": excess,
                    "price_unit": self.hourly_rate,
                }
            )
        for ticket, ticket_timesheets in timesheets.grouped(
            "helpdesk_ticket_id"
        ).items():
            hours = sum(ticket_timesheets.mapped("unit_amount"))
            policy = dict(
                ticket._fields["support_hours_policy"]._description_selection(self.env)
            )[ticket.support_hours_policy]
            lines.append(
                {
                    "product_id": hour_product.id,
                    "name": f"{ticket.number} {ticket.name} ({policy})",
                    "quantity": hours,
                    "price_unit": self.hourly_rate,
                }
            )
        return lines
