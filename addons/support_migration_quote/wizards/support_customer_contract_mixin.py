# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.customer.contract.mixin`` (Customer and Support Contract of a Wizard):
customer, company and support contract of the migration wizards.
"""

from odoo import api, fields, models


class SupportCustomerContractMixin(models.AbstractModel):
    """Customer, company and support contract of the migration wizards: the
    contract defaults to the customer's (see support.cloc.measurement
    ``_default_contract``) and stays when it already belongs to the customer."""

    _name = "support.customer.contract.mixin"
    _description = "Customer and Support Contract of a Wizard"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    contract_id = fields.Many2one(
        "support.contract",
        string="Contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('partner_id', '=', commercial_partner_id), "
        "('company_id', '=', company_id)]",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")

    @api.depends("partner_id", "company_id")
    def _compute_contract_id(self):
        Measurement = self.env["support.cloc.measurement"]
        for wizard in self:
            if (
                wizard.contract_id
                and wizard.contract_id.partner_id == wizard.commercial_partner_id
            ):
                continue
            wizard.contract_id = (
                Measurement._default_contract(
                    wizard.commercial_partner_id, wizard.company_id
                )
                if wizard.partner_id
                else False
            )
