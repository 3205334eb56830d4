# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.plan.configurator`` (Support Plan Configurator): price and quotation of a
support plan chosen by a prospect.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import float_round, single_email_re

# Most units of one add-on sold per unit a visitor may order here (system parameter
# support_portal.configurator_max_addon_quantity): more is a conversation.
MAX_ADDON_QUANTITY = 100


class SupportPlanConfigurator(models.AbstractModel):
    """Price and quotation of a support plan chosen by a prospect.

    The public configurator (``/support/plans``) and its live price call these
    methods; the quotation is an ordinary ``sale.order`` the prospect signs and pays
    in the portal. Everything is validated here, so that a form post cannot do more
    than the page offers. Methods run with the rights of the caller: the
    controller passes a sudo environment for anonymous visitors (the catalogue is
    public, the records it creates are checked here).
    """

    _name = "support.plan.configurator"
    _description = "Support Plan Configurator"

    @api.model
    def _get_catalogue_domain(self, company):
        return Domain("portal_published", "=", True) & Domain(
            "company_id", "in", [company.id, False]
        )

    @api.model
    def _get_plans(self, company):
        return self.env["support.plan"].search(self._get_catalogue_domain(company))

    @api.model
    def _get_addons(self, company):
        return self.env["support.addon"].search(self._get_catalogue_domain(company))

    @api.model
    def _get_bands(self, company):
        return self.env["support.hour.band"].search(
            [("company_id", "=", company.id)], order="hours_from"
        )

    @api.model
    def _get_max_hours(self, company):
        return max(self._get_bands(company).mapped("hours_to") or [0.0])

    @api.model
    def _get_hourly_rate(self, pricelist, company):
        product = self.env["support.contract"]._get_hour_product()
        return self._get_price(product, pricelist, company)

    @api.model
    def _get_price(self, product, pricelist, company, quantity=1.0):
        """Unit price of ``product`` on ``pricelist`` (or its sales price)."""
        product = product.with_company(company)
        currency = pricelist.currency_id or company.currency_id
        if pricelist:
            price = pricelist._get_product_price(product, quantity, currency=currency)
        else:
            price = product.currency_id._convert(
                product.list_price, currency, company, fields.Date.context_today(self)
            )
        return currency.round(price)

    # Validation

    @api.model
    def _parse_configuration(self, company, plan_id, hours=0, addon_quantities=None):
        """Check what a visitor chose against the catalogue.

        :param plan_id: id of a published plan (int or str)
        :param hours: reserved hours per month (number or str)
        :param addon_quantities: {add-on id: quantity} (ints or strs)
        :return: dict with ``plan``, ``hours`` (float), ``band`` and
            ``addons`` ({support.addon: int quantity})
        :raise UserError: with a message for the visitor, on any bad value
        """
        plan = self.env["support.plan"]
        plan_id = _to_int(plan_id)
        if plan_id:
            plan = self._get_plans(company).filtered(lambda p: p.id == plan_id)
        if not plan:
            raise UserError(self.env._("Choose one of the plans offered."))
        hours = self._parse_hours(hours)
        band = self.env["support.hour.band"]
        if hours:
            if not plan.allows_reserved_hours:
                raise UserError(
                    self.env._(
                        "The plan %(plan)s does not offer reserved hours: choose "
                        "another plan or reserve no hours.",
                        plan=plan.name,
                    )
                )
            max_hours = self._get_max_hours(company)
            if hours > max_hours:
                raise UserError(
                    self.env._(
                        "At most %(max)s hours a month can be reserved here; "
                        "contact us for more.",
                        max=_fmt(max_hours),
                    )
                )
            band = band._get_band(hours, company=company)
        addons = {}
        offered = self._get_addons(company)
        if not isinstance(addon_quantities or {}, Mapping):
            raise UserError(
                self.env._("Choose the additional services among those offered.")
            )
        max_quantity = self._get_max_addon_quantity()
        for addon_id, quantity in (addon_quantities or {}).items():
            addon_id = _to_int(addon_id)
            addon = offered.filtered(lambda a, i=addon_id: a.id == i)
            if not addon:
                raise UserError(
                    self.env._("Choose the additional services among those offered.")
                )
            quantity = _to_int(quantity)
            if quantity is None or quantity < 1:
                raise UserError(
                    self.env._(
                        "The quantity of %(addon)s must be a whole number of at "
                        "least 1.",
                        addon=addon.name,
                    )
                )
            if quantity > max_quantity:
                raise UserError(
                    self.env._(
                        "At most %(max)s of %(addon)s can be ordered here; contact "
                        "us for more.",
                        max=max_quantity,
                        addon=addon.name,
                    )
                )
            if not addon.per_unit and quantity != 1:
                raise UserError(
                    self.env._(
                        "%(addon)s is not sold per unit: its quantity is 1.",
                        addon=addon.name,
                    )
                )
            if not addon._is_allowed_on_plan(plan):
                raise UserError(
                    self.env._(
                        "%(addon)s cannot be added to the plan %(plan)s.",
                        addon=addon.name,
                        plan=plan.name,
                    )
                )
            addons[addon] = quantity
        return {"plan": plan, "hours": hours, "band": band, "addons": addons}

    @api.model
    def _parse_hours(self, hours):
        """Reserved hours a month as a float rounded to 2 digits, from a number or a
        text; UserError for anything else or a negative number."""
        try:
            hours = float(hours or 0.0)
        except (TypeError, ValueError, OverflowError) as error:
            raise UserError(
                self.env._("The number of reserved hours must be a number.")
            ) from error
        if hours != hours:  # NaN; an infinite or 400-digit number is over any maximum
            raise UserError(
                self.env._("The number of reserved hours must be a number.")
            )
        if abs(hours) < 1e12:
            # float_round overflows on larger values (1e308), over any maximum anyway
            hours = float_round(hours, precision_digits=2)
        if hours < 0:
            raise UserError(
                self.env._("The number of reserved hours cannot be negative.")
            )
        return hours + 0.0  # -0.0 -> 0.0

    @api.model
    def _get_max_addon_quantity(self):
        value = _to_int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("support_portal.configurator_max_addon_quantity")
        )
        return value if value and value > 0 else MAX_ADDON_QUANTITY

    # Prices

    @api.model
    def _get_quote(self, company, configuration, pricelist=None):
        """Monthly price of a parsed configuration, line by line.

        :return: dict with ``lines`` (list of dicts: ``product``, ``name``,
            ``quantity``, ``price_unit``, ``discount``, ``subtotal``), ``total``,
            ``currency``, ``hourly_rate``, ``pricelist``
        """
        pricelist = pricelist or self.env["product.pricelist"]
        currency = pricelist.currency_id or company.currency_id
        plan = configuration["plan"]
        hours = configuration["hours"]
        band = configuration["band"]
        hourly_rate = self._get_hourly_rate(pricelist, company)
        lines = [
            {
                "product": plan.product_id,
                "name": self.env._("Support plan %(plan)s, per month", plan=plan.name),
                "quantity": 1.0,
                "price_unit": self._get_price(plan.product_id, pricelist, company),
                "discount": 0.0,
            }
        ]
        if hours:
            lines.append(
                {
                    "product": band.product_id,
                    "name": self.env._(
                        "Reserved support hours: %(hours)s h per month at a "
                        "%(discount)s %% discount (band %(low)s-%(high)s h)",
                        hours=_fmt(hours),
                        discount=_fmt(band.discount),
                        low=_fmt(band.hours_from),
                        high=_fmt(band.hours_to),
                    ),
                    "quantity": hours,
                    "price_unit": hourly_rate,
                    "discount": band.discount,
                }
            )
        for addon, quantity in configuration["addons"].items():
            if addon.per_unit:
                name = self.env._(
                    "%(addon)s, per month: %(quantity)s x %(unit)s",
                    addon=addon.name,
                    quantity=quantity,
                    unit=addon.unit_label or "",
                )
            else:
                name = self.env._("%(addon)s, per month", addon=addon.name)
            lines.append(
                {
                    "product": addon.product_id,
                    "name": name,
                    "quantity": float(quantity),
                    "price_unit": self._get_price(
                        addon.product_id, pricelist, company, quantity
                    ),
                    "discount": 0.0,
                }
            )
        # in decimal, rounded as the currency rounds: no float drift in the sums
        subtotals = [
            _decimal_subtotal(
                currency, line["quantity"], line["price_unit"], line["discount"]
            )
            for line in lines
        ]
        for line, subtotal in zip(lines, subtotals, strict=True):
            line["subtotal"] = float(subtotal)
        return {
            "lines": lines,
            "total": float(sum(subtotals, Decimal(0))),
            "currency": currency,
            "hourly_rate": hourly_rate,
            "pricelist": pricelist,
        }

    # Quotation

    @api.model
    def _prepare_partner_vals(self, company, contact):
        """Values of the contact created for an anonymous visitor.

        :param contact: dict with ``name``, ``email``, ``company_name``, ``phone``
        :raise UserError: when the name or a valid e-mail address is missing
        """
        name = (contact.get("name") or "").strip()
        email = (contact.get("email") or "").strip()
        if not name:
            raise UserError(self.env._("Please tell us your name."))
        if not email or not single_email_re.match(email):
            raise UserError(
                self.env._(
                    "Please enter a valid e-mail address: %(email)s", email=email
                )
            )
        return {
            "name": name[:128],
            "email": email[:128],
            "phone": (contact.get("phone") or "").strip()[:64] or False,
            "company_name": (contact.get("company_name") or "").strip()[:128] or False,
            "company_id": company.id,
        }

    @api.model
    def _create_partner(self, company, contact):
        """A new contact (and its company) for an anonymous visitor.

        Never matched to an existing partner by e-mail address: a visitor typing a
        customer's address must not see or change that customer's data.
        """
        vals = self._prepare_partner_vals(company, contact)
        partner = self.env["res.partner"].create(vals)
        if vals["company_name"]:
            partner.create_company()
        return partner

    @api.model
    def _create_quotation(self, company, partner, configuration, pricelist=None):
        """A quotation for ``partner``, signed online in the portal, and paid online
        when a payment provider is active (support_contract's sale order rule)."""
        pricelist = (
            pricelist or partner.with_company(company).property_product_pricelist
        )
        quote = self._get_quote(company, configuration, pricelist=pricelist)
        order_vals = self._prepare_order_vals(company, partner, configuration, quote)
        order = self.env["sale.order"].with_company(company).create(order_vals)
        order.message_post(
            body=self.env._(
                "Quotation requested through the support plan configurator."
            ),
            author_id=self.env.ref("base.partner_root").id,
            subtype_xmlid="mail.mt_note",
        )
        return order

    @api.model
    def _prepare_order_vals(self, company, partner, configuration, quote):
        plan = configuration["plan"]
        lines = [
            Command.create(
                {
                    "product_id": line["product"].id,
                    "name": line["name"],
                    "product_uom_qty": line["quantity"],
                    "price_unit": line["price_unit"],
                    "discount": line["discount"],
                }
            )
            for line in quote["lines"]
        ]
        note = self.env._(
            "Monthly support contract on plan %(plan)s. Extra hours are billed at the "
            "normal rate of %(rate)s %(currency)s an hour; unused reserved hours never "
            "expire; a change request over 8 hours is not support and is quoted "
            "separately.",
            plan=plan.name,
            rate=_fmt(quote["hourly_rate"]),
            currency=quote["currency"].name,
        )
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "origin": self.env._("Support plan configurator"),
            "order_line": lines,
            "note": note,
            "user_id": partner.commercial_partner_id.user_id.id or False,
        }
        if quote["pricelist"]:
            vals["pricelist_id"] = quote["pricelist"].id
        return vals


def _to_int(value):
    """A whole number from an int or its text; None for anything else (a
    fraction, a boolean, a list, a text of more digits than Python converts)."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _decimal_subtotal(currency, quantity, price_unit, discount):
    """``quantity x price_unit`` less ``discount`` %, in Decimal, rounded half up to
    the currency's rounding."""
    amount = (
        Decimal(repr(quantity))
        * Decimal(repr(price_unit))
        * (100 - Decimal(repr(discount)))
        / 100
    )
    rounding = Decimal(repr(currency.rounding))
    return (amount / rounding).quantize(Decimal(1), rounding=ROUND_HALF_UP) * rounding


def _fmt(value):
    """2 -> '2', 2.5 -> '2.5'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
