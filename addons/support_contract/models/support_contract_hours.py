# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hours of a support contract: the reserved hours credited every month, the
band (volume discount) that holds them, and the balance of the hour ledger
(reserved hours credited, less hours consumed on tickets, plus excess hours billed;
unused hours roll over and never expire). Overage is billed at the normal hourly
rate by the monthly billing (``support_contract_invoicing.py``)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


# support.contract is split by concern, one file each (contract, hours, invoicing,
# lifecycle, agreement), so that a reader finds a rule by its subject
# pylint: disable=consider-merging-classes-inherited
class SupportContractHours(models.Model):
    _inherit = "support.contract"

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
        help="Band holding the reserved hours (from its lower bound up to but not "
        "including its upper bound; the highest band also holds its upper bound).",
    )
    reserved_discount = fields.Float(
        string="Reserved Hours Discount (%)", compute="_compute_hour_band_id"
    )
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

    @api.depends("ledger_line_ids.hours")
    def _compute_hour_balance(self):
        balances = self.env["support.hour.ledger"]._get_balances(self)
        for contract in self:
            contract.hour_balance = balances.get(contract.id, 0.0)

    @api.constrains("reserved_hours", "plan_id", "company_id")
    def _check_reserved_hours(self):
        for contract in self:
            contract._check_reserved_hours_on(contract.plan_id, contract.reserved_hours)

    def _check_reserved_hours_on(self, plan, hours):
        """The reserved-hour rules of this contract with ``plan`` and ``hours``, as
        it is or as its waiting amendment will make it (one rule for both): not
        negative, only on a plan that allows reserved hours, and held by a band
        of the company's scale (see support.hour.band._get_band).

        :return: the band holding ``hours`` (empty for 0 h)
        """
        self.ensure_one()
        if (
            float_compare(hours, 0.0, precision_digits=2) > 0
            and not plan.allows_reserved_hours
        ):
            raise ValidationError(
                self.env._(
                    "Plan %(plan)s does not allow reserved hours: choose a paid "
                    "plan or set the reserved hours to 0.",
                    plan=plan.name,
                )
            )
        return self.env["support.hour.band"]._get_band(hours, self.company_id)

    def action_view_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_contract.support_hour_ledger_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

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

    def _get_reserved_price(self):
        """Monthly price of the reserved hours: hours x rate x (1 - discount)."""
        self.ensure_one()
        gross = self.reserved_hours * self.hourly_rate
        return self.currency_id.round(
            gross * (1.0 - (self.hour_band_id.discount or 0.0) / 100.0)
        )
