# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.addon`` (Support Contract Add-on): an add-on on a contract, with
the number of units it is sold for.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportContractAddon(models.Model):
    """An add-on on a contract, with the number of units it is sold for."""

    _name = "support.contract.addon"
    _description = "Support Contract Add-on"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    addon_id = fields.Many2one(
        comodel_name="support.addon",
        string="Add-on",
        required=True,
        check_company=True,
        ondelete="restrict",
    )
    per_unit = fields.Boolean(related="addon_id.per_unit")
    unit_label = fields.Char(related="addon_id.unit_label")
    quantity = fields.Integer(default=1, required=True)
    price_unit = fields.Monetary(
        string="Unit Price / Month", compute="_compute_price", help="Per month."
    )
    price_subtotal = fields.Monetary(string="Per Month", compute="_compute_price")

    _contract_addon_uniq = models.UniqueIndex(
        "(contract_id, addon_id)",
        "An add-on appears only once on a contract.",
    )

    @api.depends("addon_id", "quantity", "contract_id.pricelist_id")
    def _compute_price(self):
        for line in self:
            price = line.contract_id._get_product_price(line.addon_id.product_id)
            line.price_unit = price
            line.price_subtotal = price * line.quantity

    @api.constrains("quantity", "addon_id")
    def _check_addon_plan(self):
        # changes waiting in an amendment are checked against the next plan there
        for line in self:
            addon = line.addon_id
            plan = line.contract_id.plan_id
            if line.quantity < 1:
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s needs a quantity of at least 1.",
                        addon=addon.name,
                    )
                )
            if not addon.per_unit and line.quantity != 1:
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s is not sold per unit: its quantity is 1.",
                        addon=addon.name,
                    )
                )
            addon._check_allowed_on_plan(plan, line.contract_id)
