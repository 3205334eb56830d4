# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Life of a support contract: activation, suspension and end after the
minimum term; the included version upgrade (one per 12 months); and changes sold
for a running contract (plan, add-ons, reserved hours), which wait until the first
day of the month they take effect on, where the monthly billing applies them."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import float_compare, format_date


# support.contract is split by concern, one file each (contract, hours, invoicing,
# lifecycle, agreement), so that a reader finds a rule by its subject
# pylint: disable=consider-merging-classes-inherited
class SupportContractLifecycle(models.Model):
    _inherit = "support.contract"

    min_term_months = fields.Integer(
        string="Minimum Term (months)", default=12, tracking=True
    )
    min_term_end = fields.Date(
        string="Minimum Term Ends",
        compute="_compute_min_term_end",
        store=True,
        help="First day the contract may end on.",
    )
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

    @api.depends("date_start", "min_term_months")
    def _compute_min_term_end(self):
        for contract in self:
            contract.min_term_end = contract.date_start and (
                contract.date_start + relativedelta(months=contract.min_term_months)
            )

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
            contract.upgrade_next_date = last and last + relativedelta(months=months)
            contract.upgrade_available = not last or contract.upgrade_next_date <= today

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

    @api.constrains("date_start", "date_end", "min_term_months", "state")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )
            if (
                contract.state == "ended"
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
        self.write({"state": "ended", "date_end": date_end})
        return True

    def _get_upgrade_interval_months(self):
        """Months between two included upgrades; 0 when none is included (hook)."""
        self.ensure_one()
        return 12

    def _use_included_upgrade(self, date=None):
        """Record that the included upgrade (one per 12 months) is used.

        :raise UserError: when it was used less than 12 months ago
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
