# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The support contract itself: who it is for, which plan and add-ons it holds,
when it starts, its state, its key users and what the customer runs against the
plan's limits (users, lines of custom code). Also the lookup of a customer's active
contract that every incoming ticket uses. Hours, billing and the contract's life
(activation, end, amendments) extend this model in ``support_contract_hours.py``,
``support_contract_invoicing.py`` and ``support_contract_lifecycle.py``."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, ormcache

from ..tools.row_locks import lock_free_rows

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
    )
    addon_ids = fields.Many2many(
        comodel_name="support.addon",
        string="Add-on Products",
        compute="_compute_addon_ids",
        search="_search_addon_ids",
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
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("upcoming", "Upcoming"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        help="Upcoming: activated, its start date lies ahead; it becomes active on "
        "its start date (the daily billing run starts it) and is billed from then.",
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
    # stored: the dashboard's "over their plan limits" is one indexed condition,
    # not every limited contract read and compared in Python on each opening
    over_plan_limit = fields.Boolean(
        string="Over Plan Limits",
        compute="_compute_over_plan_limit",
        store=True,
        index=True,
        help="More users or lines of custom code than the plan allows.",
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

    @api.depends("user_count", "cloc_lines", "plan_id.user_limit", "plan_id.cloc_max")
    def _compute_over_plan_limit(self):
        for contract in self:
            plan = contract.plan_id
            contract.over_plan_limit = bool(
                (plan.user_limit and contract.user_count > plan.user_limit)
                or (plan.cloc_max and contract.cloc_lines > plan.cloc_max)
            )

    @api.depends("user_count", "cloc_lines", "plan_id.user_limit", "plan_id.cloc_max")
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

    def _is_key_user(self, partner):
        """Whether ``partner`` is one of the contract's (active) key users."""
        self.ensure_one()
        return partner in self.key_user_ids

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
        return lock_free_rows(self)

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

    def _portal_entitlement_lines(self):
        """What the contract includes beyond its plan and hours, as the customer's
        key users read it on the portal contract page: a list of dicts with
        ``label``, ``value`` and an optional ``note``, in the reader's language.

        An addon that sells an entitlement adds its line here (support_migration_quote:
        the included upgrade), so the portal shows it without depending on that
        addon."""
        self.ensure_one()
        return []
