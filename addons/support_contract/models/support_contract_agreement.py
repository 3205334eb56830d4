# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract``, extended with the records the SLA terms name besides hours and
money: the confidentiality agreement (signed, when, the document), the customer's
environments, and the SLA made void when a third party changes an environment."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


# support.contract is split by concern, one file each (contract, hours, invoicing,
# lifecycle, agreement), so that a reader finds a rule by its subject
# pylint: disable=consider-merging-classes-inherited
class SupportContract(models.Model):
    _inherit = "support.contract"

    nda_signed = fields.Boolean(
        string="Confidentiality Agreement Signed",
        tracking=True,
        help="Both parties signed a confidentiality agreement (NDA) for this contract.",
    )
    nda_date = fields.Date(string="Signed On", tracking=True)
    nda_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Signed Agreement",
        domain="[('res_model', '=', 'support.contract'), ('res_id', '=', id)]",
        help="The signed document, attached to the contract.",
    )
    environment_ids = fields.One2many(
        "support.contract.environment", "contract_id", string="Environments"
    )
    environment_count = fields.Integer(compute="_compute_environment_count")
    sla_void = fields.Boolean(
        string="SLA Void",
        tracking=True,
        help="A third party changed the customer's environment: the service levels no "
        "longer bind the provider from the date given. The customer sees this in the "
        "portal.",
    )
    sla_void_date = fields.Date(string="SLA Void Since", tracking=True)
    sla_void_note = fields.Text(
        string="What Changed",
        help="Which environment a third party changed, and how; shown to the customer.",
    )

    @api.depends("environment_ids")
    def _compute_environment_count(self):
        for contract in self:
            contract.environment_count = len(contract.environment_ids)

    @api.constrains("nda_signed", "nda_date")
    def _check_nda(self):
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.nda_signed and not contract.nda_date:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: give the date the confidentiality "
                        "agreement was signed.",
                        contract=contract.display_name,
                    )
                )
            if contract.nda_date and contract.nda_date > today:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: a confidentiality agreement cannot be "
                        "signed in the future (%(date)s).",
                        contract=contract.display_name,
                        date=contract.nda_date,
                    )
                )

    @api.constrains("sla_void", "sla_void_date", "sla_void_note")
    def _check_sla_void(self):
        for contract in self:
            if contract.sla_void and not (
                contract.sla_void_date and (contract.sla_void_note or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: an SLA made void needs the date and "
                        "what the third party changed; the customer reads both.",
                        contract=contract.display_name,
                    )
                )
