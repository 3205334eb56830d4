# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sale order lines, extended: reserved-hour lines take the volume band of their
quantity and its discount.
"""

from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    support_hour_band_id = fields.Many2one(
        comodel_name="support.hour.band",
        string="Reserved Hours Band",
        compute="_compute_support_hour_band_id",
        help="Band holding the reserved hours of this line (from its lower bound up "
        "to but not including its upper bound); its discount applies.",
    )

    @api.depends("product_id", "product_uom_qty", "order_id.company_id")
    def _compute_support_hour_band_id(self):
        hour_products = self.env["support.hour.band"].sudo().search([]).product_id
        self.support_hour_band_id = False
        for line in self:
            if line.product_id not in hour_products or line.product_uom_qty <= 0:
                continue
            # sudo: the band scale is configuration the salesperson may not read
            line.support_hour_band_id = (
                self.env["support.hour.band"]
                .sudo()
                ._find_band(line.product_uom_qty, line.order_id.company_id)
            )

    @api.depends("product_id", "product_uom_id", "product_uom_qty")
    def _compute_discount(self):
        """Reserved hours get the discount of the band holding their quantity."""
        result = super()._compute_discount()
        for line in self:
            if line.support_hour_band_id:
                line.discount = line.support_hour_band_id.discount
        return result
