# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_contract_ids = fields.One2many(
        comodel_name="support.contract",
        inverse_name="partner_id",
        string="Support Contracts",
        help="Support contracts of this commercial entity (record rules reach the "
        "key users of a ticket's customer through it).",
    )
    support_key_user_contract_ids = fields.Many2many(
        comodel_name="support.contract",
        relation="support_contract_key_user_rel",
        column1="partner_id",
        column2="contract_id",
        string="Key User of",
        help="Support contracts naming this contact as one of the customer's key "
        "users.",
    )

    def _get_support_key_user_contracts(self):
        """Running contracts (active or suspended) naming this contact a key user.

        The contact must still belong to the contract's customer: a key user who
        moved to another company loses the rights the old contract gave.
        """
        self.ensure_one()
        return self.sudo().support_key_user_contract_ids.filtered(
            lambda contract: contract.state in ("active", "suspended")
            and contract.partner_id == self.commercial_partner_id
        )
