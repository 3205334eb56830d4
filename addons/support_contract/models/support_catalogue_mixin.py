# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.catalogue.mixin`` (Support Catalogue Entry): a catalogue entry sold
through a service product.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportCatalogueMixin(models.AbstractModel):
    """A catalogue entry sold through a service product.

    The product carries the price (its sales price is the monthly price) so that the
    entry can be put on a quotation and invoiced; the entry carries what the support
    provider promises. Creating an entry without a product creates the product.
    """

    _name = "support.catalogue.mixin"
    _description = "Support Catalogue Entry"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code, unique per company.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to share the entry between companies.",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        required=True,
        ondelete="restrict",
        domain="[('type', '=', 'service')]",
        check_company=True,
        help="Service product the entry is sold and invoiced with; its sales price "
        "is the monthly price.",
    )
    currency_id = fields.Many2one(related="product_id.currency_id")
    monthly_price = fields.Monetary(
        compute="_compute_monthly_price",
        inverse="_inverse_monthly_price",
        help="Price per month (per unit for add-ons sold per unit): the sales price "
        "of the product, in the product's currency.",
    )
    description = fields.Html(translate=True)

    @api.depends("product_id.list_price")
    def _compute_monthly_price(self):
        for record in self:
            record.monthly_price = record.product_id.list_price

    def _inverse_monthly_price(self):
        # only users allowed to write the entry get here (agents may not): the
        # price lives on the product, which support managers need not manage
        for record in self:
            if record.product_id.list_price != record.monthly_price:
                record.product_id.sudo().list_price = record.monthly_price

    @api.model
    def _prepare_product_vals(self, vals):
        """Values of the service product created for a new catalogue entry."""
        return {
            "name": vals.get("name"),
            "default_code": vals.get("code"),
            "type": "service",
            "sale_ok": True,
            "purchase_ok": False,
            # invoiced by the contract's monthly billing, never by the sale order
            "invoice_policy": "delivery",
            "service_type": "manual",
            "list_price": vals.get("monthly_price", 0.0),
            "company_id": vals.get("company_id", self.env.company.id),
        }

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        for vals in vals_list:
            if not vals.get("product_id"):
                product = (
                    self.env["product.product"]
                    .sudo()
                    .create(self._prepare_product_vals(vals))
                )
                vals["product_id"] = product.id
        return super().create(vals_list)

    def write(self, vals):
        if "product_id" in vals and not vals["product_id"]:
            # the price and the invoices come from the product (a plan without it
            # failed later with "Expected singleton" in the price computations)
            raise ValidationError(
                self.env._(
                    "%(entries)s is sold through its product: choose another "
                    "service product instead of removing it.",
                    entries=", ".join(self.mapped("display_name")),
                )
            )
        return super().write(vals)
