# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.amendment``: a change sold for a running contract (another plan,
other reserved hours, add-ons added, changed or removed), with the first day of the
month it takes effect on, who asked for it and why. It waits until the monthly
billing of that month applies it; applied and cancelled amendments stay as the
contract's history. Each request is its own amendment with its own month: several
may wait at once, and the billing of a month applies those due, in order of month
then request (a later change of the same item wins over an earlier one)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import format_date


class SupportContractAmendment(models.Model):
    """A change of a running contract, from the first day of a month."""

    _name = "support.contract.amendment"
    _inherit = ["mail.thread"]
    _description = "Support Contract Amendment"
    _order = "date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    date = fields.Date(
        string="Takes Effect On",
        required=True,
        readonly=True,
        tracking=True,
        help="First day of the month from which the changes apply.",
    )
    state = fields.Selection(
        [
            ("pending", "Waiting"),
            ("applied", "Applied"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Next Plan",
        readonly=True,
        tracking=True,
        check_company=True,
        help="Empty: the plan stays.",
    )
    change_reserved_hours = fields.Boolean(readonly=True)
    reserved_hours = fields.Float(
        string="Next Reserved Hours",
        readonly=True,
        tracking=True,
        digits=(16, 2),
        help="Reserved hours per month from the amendment's month on.",
    )
    line_ids = fields.One2many(
        comodel_name="support.contract.amendment.line",
        inverse_name="amendment_id",
        string="Add-on Changes",
        readonly=True,
    )
    requested_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    reason = fields.Text(readonly=True, help="Why the contract changes, e.g. an order.")
    date_applied = fields.Date(string="Applied On", readonly=True, copy=False)

    @api.depends("contract_id.name", "date")
    def _compute_display_name(self):
        for amendment in self:
            amendment.display_name = self.env._(
                "%(contract)s from %(date)s",
                contract=amendment.contract_id.name,
                date=format_date(self.env, amendment.date),
            )

    @api.constrains(
        "plan_id",
        "reserved_hours",
        "change_reserved_hours",
        "line_ids",
        "state",
        "date",
    )
    def _check_next_contract(self):
        """The contract as it will be after each waiting amendment must be valid
        too: a change that waits is checked with the changes due before it, and
        the changes due after it are checked again (an earlier month may be
        requested later, a withdrawn change may leave a later one invalid)."""
        for contract in self.contract_id:
            for amendment in contract._get_waiting_amendments():
                amendment._check_next_contract_one()

    def _check_next_contract_one(self):
        self.ensure_one()
        contract = self.contract_id
        plan = self._get_next_plan()
        # the contract's own reserved-hour rules, on the contract as it will be
        contract._check_reserved_hours_on(plan, self._get_next_reserved_hours())
        for line in self.line_ids:
            if line.quantity < 0 or (not line.addon_id.per_unit and line.quantity > 1):
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s: %(qty)s is not a valid quantity "
                        "(0 removes it; only add-ons sold per unit take more "
                        "than 1).",
                        addon=line.addon_id.name,
                        qty=line.quantity,
                    )
                )
        for addon, quantity in self._get_next_addon_quantities().items():
            if quantity:
                addon._check_allowed_on_plan(plan, contract, pending=True)

    def _get_chain(self):
        """The contract's waiting amendments up to this one, in the order the
        billing applies them (month, then request)."""
        self.ensure_one()
        waiting = self.contract_id._get_waiting_amendments()
        key = self._apply_key()
        return waiting.filtered(lambda a: a._apply_key() <= key)

    def _apply_key(self):
        self.ensure_one()
        return (self.date, self._origin.id or 0)

    def _get_next_plan(self):
        """The plan once this amendment and those due before it apply."""
        self.ensure_one()
        plan = self.contract_id.plan_id
        for amendment in self._get_chain() | self:
            plan = amendment.plan_id or plan
        return plan

    def _get_next_reserved_hours(self):
        self.ensure_one()
        hours = self.contract_id.reserved_hours
        for amendment in self._get_chain() | self:
            if amendment.change_reserved_hours:
                hours = amendment.reserved_hours
        return hours

    def _get_next_addon_quantities(self):
        """{support.addon: quantity} as the contract will have them once this
        amendment and those due before it apply."""
        self.ensure_one()
        quantities = {
            line.addon_id: line.quantity for line in self.contract_id.addon_line_ids
        }
        for amendment in self._get_chain() | self:
            for line in amendment.line_ids:
                quantities[line.addon_id] = line.quantity
        return quantities

    def _apply(self, month):
        """Apply these waiting amendments to their contracts in ``month``, in
        order of month then request: a later change of the same item wins."""
        for amendment in self.sorted(lambda a: a._apply_key()):
            contract = amendment.contract_id
            vals = {}
            if amendment.plan_id:
                vals["plan_id"] = amendment.plan_id.id
            if amendment.change_reserved_hours:
                vals["reserved_hours"] = amendment.reserved_hours
            current = {line.addon_id: line for line in contract.addon_line_ids}
            commands = []
            for line in amendment.line_ids:
                old = current.get(line.addon_id)
                if old and line.quantity:
                    commands.append(Command.update(old.id, {"quantity": line.quantity}))
                elif old:
                    commands.append(Command.delete(old.id))
                elif line.quantity:
                    commands.append(
                        Command.create(
                            {"addon_id": line.addon_id.id, "quantity": line.quantity}
                        )
                    )
            if commands:
                vals["addon_line_ids"] = commands
            contract.write(vals)
        self.write({"state": "applied", "date_applied": month})

    def action_cancel(self):
        """Withdraw a waiting amendment: the contract stays as it is."""
        if any(amendment.state != "pending" for amendment in self):
            raise UserError(self.env._("Only a waiting amendment can be cancelled."))
        self.write({"state": "cancelled"})
        return True
