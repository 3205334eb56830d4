# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sale order lines, extended: reserved-hour lines take the volume band of their
quantity and its discount; service lines of a customer whose contract is active
take the plan's member rate.
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

    @api.depends(
        "product_id", "product_uom_id", "product_uom_qty", "order_id.partner_id"
    )
    def _compute_discount(self):
        """Reserved hours get the discount of the band holding their quantity;
        services sold to a customer whose contract is active its plan's member
        rate (when better than the pricelist's discount)."""
        result = super()._compute_discount()
        member_lines = self.browse()
        for line in self:
            if line.support_hour_band_id:
                line.discount = line.support_hour_band_id.discount
            elif line.product_id.type == "service" and not line.display_type:
                member_lines |= line
        if member_lines:
            member_lines._apply_member_rate()
        return result

    def _apply_member_rate(self):
        """The member rate of the customer's active contract on these service
        lines; the plans' and add-ons' own products keep their price."""
        # sudo: the catalogue and the customers' contracts are read to price the
        # line, the salesperson need not read contracts
        Contract = self.env["support.contract"].sudo()
        catalogue = (
            self.env["support.plan"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .product_id
            | self.env["support.addon"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .product_id
        )
        for order, lines in self.grouped("order_id").items():
            contract = Contract._get_active_contract_for_partners(
                order.partner_id, order.company_id
            ).get(order.partner_id.commercial_partner_id.id)
            if not contract or contract.plan_id.member_rate_mode == "none":
                continue
            for line in lines:
                if line.product_id in catalogue or not line.price_unit:
                    continue
                discount = contract.plan_id._get_member_discount(
                    line.price_unit, line.product_id, order.company_id
                )
                line.discount = max(line.discount, discount)
