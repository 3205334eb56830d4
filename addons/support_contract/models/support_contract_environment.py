# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.environment``: the customer's Odoo environments a contract covers
(development, test, acceptance, production), where releases go through acceptance
before production."""

from odoo import api, fields, models

ENVIRONMENT_KINDS = [
    ("development", "Development"),
    ("test", "Test"),
    ("acceptance", "Acceptance"),
    ("production", "Production"),
]


class SupportContractEnvironment(models.Model):
    """One of the customer's environments, in the order a release passes them."""

    _name = "support.contract.environment"
    _description = "Customer Environment"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "support.contract", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    kind = fields.Selection(ENVIRONMENT_KINDS, required=True, default="production")
    url = fields.Char(string="URL")
    note = fields.Text()
    active = fields.Boolean(default=True)

    _url_http = models.Constraint(
        "CHECK (url IS NULL OR url ~* '^https?://')",
        "An environment's URL starts with http:// or https://.",
    )

    @api.model
    def _kind_order(self):
        """The order a release passes the environments (DTAP)."""
        return [kind for kind, _label in ENVIRONMENT_KINDS]
