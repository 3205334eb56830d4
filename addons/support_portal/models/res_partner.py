# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contacts, extended: the support contracts of the contact's company."""

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
