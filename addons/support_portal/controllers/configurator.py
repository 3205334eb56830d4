# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``SupportPlanConfiguratorController``: public plan configurator."""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import formatLang

from .portal import _pick_by_id


class SupportPlanConfiguratorController(http.Controller):
    """Public plan configurator: choose a plan, reserve hours, add services, get a
    quotation to sign and pay in the portal (plan, options, signature, payment)."""

    def _get_configurator(self):
        # the catalogue is public: read it as superuser, in the visitor's company
        return request.env["support.plan.configurator"].sudo()

    def _get_configurator_pricelist(self):
        company = request.env.company
        return (
            request.env.user.partner_id.sudo()
            .with_company(company)
            .property_product_pricelist
        )

    def _prepare_configurator_values(self, form=None, error=None):
        Configurator = self._get_configurator()
        company = request.env.company
        pricelist = self._get_configurator_pricelist()
        plans = Configurator._get_plans(company)
        addons = Configurator._get_addons(company)
        form = form or {}
        selected_plan = _pick_by_id(plans, form.get("plan_id"))
        currency = pricelist.currency_id or company.currency_id
        quote = None
        try:
            configuration = Configurator._parse_configuration(
                company,
                (selected_plan or plans[:1]).id,
                hours=form.get("hours") or 0,
                addon_quantities=form.get("addon_quantities") or {},
            )
            quote = Configurator._get_quote(company, configuration, pricelist)
        except (UserError, ValidationError):
            quote = None
        return {
            "plans": plans,
            "plan_prices": {
                plan.id: Configurator._get_price(plan.product_id, pricelist, company)
                for plan in plans
            },
            "addons": addons,
            "addon_prices": {
                addon.id: Configurator._get_price(addon.product_id, pricelist, company)
                for addon in addons
            },
            "bands": Configurator._get_bands(company),
            "max_hours": Configurator._get_max_hours(company),
            "hourly_rate": Configurator._get_hourly_rate(pricelist, company),
            "currency": currency,
            "selected_plan": selected_plan or plans[:1],
            "form": form,
            "form_addon_quantities": form.get("addon_quantities") or {},
            "quote": quote,
            "error": error,
            "is_public": request.env.user._is_public(),
            "page_name": "support_plans",
        }

    @http.route("/support/plans", type="http", auth="public", website=True)
    def support_plans(self, **kw):
        return request.render(
            "support_portal.support_plan_configurator",
            self._prepare_configurator_values(),
        )

    @http.route(
        "/support/plans/price",
        type="jsonrpc",
        auth="public",
        website=True,
        readonly=True,
    )
    def support_plans_price(self, plan_id=None, hours=0, addons=None, **kw):
        """Live monthly price of a configuration (nothing is written)."""
        Configurator = self._get_configurator()
        company = request.env.company
        try:
            configuration = Configurator._parse_configuration(
                company, plan_id, hours=hours, addon_quantities=addons or {}
            )
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        quote = Configurator._get_quote(
            company, configuration, pricelist=self._get_configurator_pricelist()
        )
        currency = quote["currency"]
        return {
            "error": False,
            "lines": [
                {
                    "name": line["name"],
                    "subtotal": formatLang(
                        request.env, line["subtotal"], currency_obj=currency
                    ),
                }
                for line in quote["lines"]
            ],
            "total": formatLang(request.env, quote["total"], currency_obj=currency),
            "total_value": quote["total"],
        }

    @http.route(
        "/support/plans/quote",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def support_plans_quote(self, **post):
        """Create the quotation (and the visitor's contact) and open it."""
        Configurator = self._get_configurator()
        company = request.env.company
        addon_quantities = {
            addon_id: post.get(f"addon_qty_{addon_id}") or 1
            for addon_id in request.httprequest.form.getlist("addon_ids")
        }
        try:
            self._check_quote_throttle()
            configuration = Configurator._parse_configuration(
                company,
                post.get("plan_id"),
                hours=post.get("hours") or 0,
                addon_quantities=addon_quantities,
            )
            # all or nothing: no contact without its quotation
            with request.env.cr.savepoint():
                if request.env.user._is_public():
                    partner = Configurator._create_partner(company, post)
                    pricelist = self._get_configurator_pricelist()
                else:
                    partner = request.env.user.partner_id.sudo()
                    pricelist = None
                order = Configurator._create_quotation(
                    company, partner, configuration, pricelist=pricelist
                )
        except (UserError, ValidationError) as error:
            values = self._prepare_configurator_values(
                form=dict(post, addon_quantities=addon_quantities),
                error=error.args[0],
            )
            return request.render(
                "support_portal.support_plan_configurator", values, status=400
            )
        self._register_quote()
        return request.redirect(order.get_portal_url())

    def _check_quote_throttle(self):
        # per client address and for all visitors, counted in the database: a
        # visitor dropping its session cookie is still counted
        request.env["support.configurator.request"]._check_throttle(
            request.httprequest.remote_addr
        )

    def _register_quote(self):
        request.env["support.configurator.request"]._record_request(
            request.httprequest.remote_addr
        )
