# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sale orders, extended: confirming an order with a support plan creates or updates the
customer's support contract (plan, add-ons, reserved hours).
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support Contract",
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="Contract this order created or amended.",
    )

    @api.depends("company_id")
    def _compute_require_signature(self):
        res = super()._compute_require_signature()
        for order in self._get_support_plan_orders():
            order.require_signature = True
        return res

    @api.depends("company_id")
    def _compute_require_payment(self):
        """A quotation created with a support plan is signed in the portal, and paid
        as well when the company asks for it and a payment provider is active.

        Computed when the order is created (lines given with it, as the plan
        configurator does) or its company changes, like Odoo's own defaults; the
        salesperson may change both options afterwards.
        """
        res = super()._compute_require_payment()
        for order in self._get_support_plan_orders():
            order.require_payment = order.company_id._support_requires_online_payment()
        return res

    def action_confirm(self):
        result = super().action_confirm()
        for order in self:
            order._support_contract_update()
        return result

    def action_view_support_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.support_contract_id.id,
            "view_mode": "form",
        }

    def _get_support_plan_orders(self):
        """The orders among these that sell a support plan (one query)."""
        products = self.order_line.product_id
        if not products:
            return self.browse()
        # sudo: the catalogue decides, whoever prices the order (portal visitor)
        plan_products = (
            self.env["support.plan"]
            .sudo()
            .search([("product_id", "in", products.ids)])
            .product_id
        )
        return self.filtered(lambda o: o.order_line.product_id & plan_products)

    def _get_support_lines(self):
        """What the order sells: (plan, reserved hours or None, {addon: qty})."""
        self.ensure_one()
        products = self.order_line.product_id
        plans = self.env["support.plan"].search([("product_id", "in", products.ids)])
        addons = self.env["support.addon"].search([("product_id", "in", products.ids)])
        hour_products = self.env["support.hour.band"].search([]).product_id
        hour_products |= (
            self.env.ref(
                "support_contract.product_product_reserved_hours",
                raise_if_not_found=False,
            )
            or self.env["product.product"]
        )
        if len(plans) > 1:
            raise UserError(
                self.env._(
                    "Order %(order)s sells several support plans (%(plans)s): a "
                    "contract has one plan.",
                    order=self.name,
                    plans=", ".join(plans.mapped("name")),
                )
            )
        reserved = None
        addon_quantities = {}
        for line in self.order_line.filtered("product_id"):
            if line.product_id in hour_products:
                reserved = (reserved or 0.0) + line.product_uom_qty
            addon = addons.filtered(lambda a, p=line.product_id: a.product_id == p)
            if addon:
                addon_quantities[addon] = addon_quantities.get(addon, 0) + int(
                    line.product_uom_qty
                )
        return plans, reserved, addon_quantities

    def _support_contract_update(self):
        """Create or amend the customer's contract from what the order sells.

        A new contract starts on the first day of the next month; changes to a
        running contract take effect from then too.
        """
        self.ensure_one()
        plan, reserved, addon_quantities = self._get_support_lines()
        if not plan and reserved is None and not addon_quantities:
            return
        Contract = self.env["support.contract"]
        partner = self.partner_id.commercial_partner_id
        contract = self.support_contract_id or Contract.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("draft", "upcoming", "active", "suspended")),
            ],
            order="state, id desc",
            limit=1,
        )
        order_day = fields.Date.context_today(self, self.date_order)
        next_month = order_day.replace(day=1) + relativedelta(months=1)
        if contract:
            contract._amend(
                plan=plan,
                reserved_hours=reserved,
                addon_quantities=addon_quantities,
                date=next_month,
                reason=self.name,
            )
        else:
            if not plan:
                raise UserError(
                    self.env._(
                        "Order %(order)s sells add-ons or reserved hours, but "
                        "%(customer)s has no support contract: add a plan.",
                        order=self.name,
                        customer=partner.name,
                    )
                )
            contract = Contract.create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "pricelist_id": self.pricelist_id.id,
                    "currency_id": self.currency_id.id,
                    "plan_id": plan.id,
                    "reserved_hours": reserved or 0.0,
                    "date_start": next_month,
                    "user_id": self.user_id.id or self.env.user.id,
                    "addon_line_ids": Contract._addon_line_commands(addon_quantities),
                }
            )
            # upcoming until its start date (the first of next month)
            contract.action_activate()
        self.support_contract_id = contract
        contract.message_post(
            body=self.env._("Sold on %(order)s.", order=self._get_html_link())
        )
