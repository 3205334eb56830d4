# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract.amendment.line``: one add-on an amendment changes, with the
quantity the contract will have from the amendment's month (0 removes the add-on)."""

from odoo import fields, models


class SupportContractAmendmentLine(models.Model):
    """An add-on and its quantity once the amendment applies (0 removes it)."""

    _name = "support.contract.amendment.line"
    _description = "Support Contract Amendment Line"
    _order = "amendment_id, id"
    _check_company_auto = True

    amendment_id = fields.Many2one(
        comodel_name="support.contract.amendment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="amendment_id.company_id", store=True)
    addon_id = fields.Many2one(
        comodel_name="support.addon",
        string="Add-on",
        required=True,
        check_company=True,
        ondelete="restrict",
    )
    unit_label = fields.Char(related="addon_id.unit_label")
    quantity = fields.Integer(
        required=True, default=1, help="From the amendment's month; 0 removes it."
    )

    _amendment_addon_uniq = models.UniqueIndex(
        "(amendment_id, addon_id)",
        "An amendment names an add-on once.",
    )
