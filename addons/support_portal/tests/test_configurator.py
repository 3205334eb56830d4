# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SupportPortalCommon


@tagged("post_install", "-at_install")
class TestPlanConfigurator(SupportPortalCommon):
    """Prices and quotations of the plan configurator (test catalogue: Basic 0,
    Light 250, Medium 500; Extended 1,000; Integration 295 per integration; hourly
    rate 100; bands 0-10 h 4 %, 10-20 h 6 %, 20-50 h 9 %, 50-100 h 11 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Configurator = cls.env["support.plan.configurator"]
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Configurator test EUR", "currency_id": cls.currency.id}
        )

    def _quote(self, plan, hours=0, addons=None):
        configuration = self.Configurator._parse_configuration(
            self.company, plan.id, hours=hours, addon_quantities=addons or {}
        )
        return self.Configurator._get_quote(
            self.company, configuration, pricelist=self.pricelist
        )

    def test_light_15_hours_extended(self):
        """Light 250.00 + 15 h x 100.00 x (1 - 6 %) = 1,410.00 + Extended 1,000.00
        = 2,660.00 a month."""
        quote = self._quote(
            self.plan_light, hours=15, addons={self.addon_extended.id: 1}
        )
        self.assertEqual(
            [line["subtotal"] for line in quote["lines"]], [250.0, 1410.0, 1000.0]
        )
        self.assertEqual(quote["total"], 2660.0)
        self.assertEqual(quote["lines"][1]["discount"], 6.0)
        self.assertIn("6 % discount (band 10-20 h)", quote["lines"][1]["name"])

    def test_band_bounds(self):
        """Bands are half-open, a band holds its lower bound: 10 h -> 10-20 h, 6 %
        (10 x 100 x 0.94 = 940.00), 10.5 h -> 6 % (10.5 x 100 x 0.94 = 987.00),
        20 h -> 20-50 h, 9 % (20 x 100 x 0.91 = 1,820.00), 21 h -> 9 %
        (21 x 100 x 0.91 = 1,911.00), 100 h -> the highest band's upper bound,
        11 % (100 x 100 x 0.89 = 8,900.00)."""
        for hours, reserved in (
            (10, 940.0),
            (10.5, 987.0),
            (20, 1820.0),
            (21, 1911.0),
            (100, 8900.0),
        ):
            with self.subTest(hours=hours):
                quote = self._quote(self.plan_medium, hours=hours)
                self.assertEqual(quote["lines"][1]["subtotal"], reserved)
                self.assertEqual(quote["total"], 500.0 + reserved)

    def test_per_unit_addon(self):
        """Two integrations: 2 x 295.00 = 590.00, plus Light 250.00 = 840.00."""
        quote = self._quote(self.plan_light, addons={self.addon_integration.id: "2"})
        self.assertEqual(quote["lines"][1]["subtotal"], 590.0)
        self.assertEqual(quote["total"], 840.0)

    def test_free_plan(self):
        quote = self._quote(self.plan_basic)
        self.assertEqual(quote["total"], 0.0)
        self.assertEqual(len(quote["lines"]), 1)
        with self.assertRaisesRegex(UserError, "does not offer reserved hours"):
            self._quote(self.plan_basic, hours=5)
        with self.assertRaisesRegex(UserError, "cannot be added to the plan Basic"):
            self._quote(self.plan_basic, addons={self.addon_extended.id: 1})

    def test_bad_input(self):
        cases = [
            ({"hours": -1}, "cannot be negative"),
            ({"hours": "ten"}, "must be a number"),
            ({"hours": "nan"}, "must be a number"),
            ({"hours": 101}, "At most 100 hours"),
            ({"addons": {self.addon_integration.id: 0}}, "at least 1"),
            ({"addons": {self.addon_integration.id: "1.5"}}, "at least 1"),
            ({"addons": {self.addon_extended.id: 2}}, "not sold per unit"),
            ({"addons": {999999999: 1}}, "among those offered"),
            ({"addons": {"x": 1}}, "among those offered"),
        ]
        for kwargs, message in cases:
            with (
                self.subTest(kwargs=kwargs),
                self.assertRaisesRegex(UserError, message),
            ):
                self._quote(self.plan_light, **kwargs)
        for plan_id in (None, "", "abc", 999999999):
            with self.subTest(plan_id=plan_id):
                with self.assertRaisesRegex(UserError, "Choose one of the plans"):
                    self.Configurator._parse_configuration(self.company, plan_id)

    def test_hostile_input_refused_with_a_message(self):
        """Values a hand-made request can send: a UserError with a message each (a
        huge number of hours overflowed the rounding, a list of add-ons or a
        400-digit quantity raised a TypeError or OverflowError: a 500)."""
        integration = self.addon_integration.id
        cases = [
            ({"hours": 1e308}, "At most 100 hours"),
            ({"hours": "1e308"}, "At most 100 hours"),
            ({"hours": "-1e308"}, "cannot be negative"),
            ({"hours": "inf"}, "At most 100 hours"),
            ({"hours": "-inf"}, "cannot be negative"),
            ({"hours": [1]}, "must be a number"),
            ({"hours": {"a": 1}}, "must be a number"),
            ({"hours": "9" * 400}, "At most 100 hours"),
            ({"addons": [integration]}, "among those offered"),
            ({"addons": "x"}, "among those offered"),
            ({"addons": {integration: "9" * 400}}, "At most 100 of Integration"),
            ({"addons": {integration: "9" * 5000}}, "at least 1"),
            ({"addons": {integration: 10**15}}, "At most 100 of Integration"),
            ({"addons": {integration: 2.5}}, "at least 1"),
            ({"addons": {integration: True}}, "at least 1"),
            ({"addons": {integration: [1]}}, "at least 1"),
        ]
        for kwargs, message in cases:
            with (
                self.subTest(kwargs=kwargs),
                self.assertRaisesRegex(UserError, message),
            ):
                self._quote(self.plan_light, **kwargs)

    def test_per_unit_quantity_bounded_and_exact(self):
        """A per-unit add-on is sold up to 100 units here (a system parameter);
        amounts are summed in decimal and rounded as the currency rounds: 100 x
        0.35 + 33.33 is 68.33 exactly, not 68.33000000000001 (10^15 units were
        accepted and their total drifted)."""
        self.addon_integration.monthly_price = 0.35
        self.plan_light.monthly_price = 33.33
        quote = self._quote(self.plan_light, addons={self.addon_integration.id: 100})
        self.assertEqual(quote["lines"][1]["subtotal"], 35.0)
        self.assertEqual(quote["total"], 68.33)
        self.assertEqual(repr(quote["total"]), "68.33")
        with self.assertRaisesRegex(UserError, "At most 100 of Integration"):
            self._quote(self.plan_light, addons={self.addon_integration.id: 101})
        self.env["ir.config_parameter"].set_param(
            "support_portal.configurator_max_addon_quantity", "500"
        )
        quote = self._quote(self.plan_light, addons={self.addon_integration.id: 101})
        self.assertEqual(quote["lines"][1]["subtotal"], 35.35)

    def test_unpublished_and_foreign_catalogue(self):
        self.plan_medium.portal_published = False
        with self.assertRaisesRegex(UserError, "Choose one of the plans"):
            self._quote(self.plan_medium)
        other_company = self.env["res.company"].create({"name": "Other Provider"})
        foreign_addon = self.env["support.addon"].create(
            {
                "name": "Foreign add-on",
                "monthly_price": 10.0,
                "company_id": other_company.id,
            }
        )
        with self.assertRaisesRegex(UserError, "among those offered"):
            self._quote(self.plan_light, addons={foreign_addon.id: 1})
        self.addon_extended.plan_ids = self.plan_medium
        with self.assertRaisesRegex(UserError, "cannot be added to the plan Light"):
            self._quote(self.plan_light, addons={self.addon_extended.id: 1})

    def test_quotation_for_a_new_contact(self):
        configuration = self.Configurator._parse_configuration(
            self.company,
            self.plan_light.id,
            hours=15,
            addon_quantities={self.addon_extended.id: 1},
        )
        partner = self.Configurator._create_partner(
            self.company,
            {
                "name": "Pia Prospect",
                "email": "pia@prospect.example.com",
                "company_name": "Prospect B.V.",
            },
        )
        self.assertEqual(partner.parent_id.name, "Prospect B.V.")
        # the company's defaults off: the quotation asks to sign all the same, and
        # to pay once a payment provider is active
        self.company.write(
            {"portal_confirmation_sign": False, "portal_confirmation_pay": False}
        )
        providers = self.env["payment.provider"].search(
            [("state", "in", ("enabled", "test"))]
        )
        providers.state = "disabled"
        order = self.Configurator._create_quotation(
            self.company, partner, configuration, pricelist=self.pricelist
        )
        self.assertEqual(order.partner_id, partner)
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.require_signature)
        self.assertFalse(order.require_payment)  # no payment provider is active
        # a provider in test mode: quotations are signed and paid
        self.env.ref("payment.payment_provider_demo").state = "test"
        self.assertTrue(
            self.Configurator._create_quotation(
                self.company, partner, configuration, pricelist=self.pricelist
            ).require_payment
        )
        # the company asks for the signature only: no payment, provider or not
        self.company.support_online_payment = "signature"
        self.assertFalse(
            self.Configurator._create_quotation(
                self.company, partner, configuration, pricelist=self.pricelist
            ).require_payment
        )
        self.assertEqual(order.amount_untaxed, 2660.0)
        self.assertEqual(
            order.order_line.product_id,
            self.plan_light.product_id
            | self.bands[1].product_id
            | self.addon_extended.product_id,
        )
        hours_line = order.order_line.filtered(
            lambda line: line.product_id == self.bands[1].product_id
        )
        self.assertEqual(hours_line.product_uom_qty, 15)
        self.assertEqual(hours_line.price_unit, 100.0)
        self.assertEqual(hours_line.discount, 6.0)

    def test_contact_needs_name_and_valid_email(self):
        partners_before = self.env["res.partner"].search_count([])
        for contact, message in (
            ({"name": "", "email": "a@example.com"}, "your name"),
            ({"name": "Pia", "email": "not-an-address"}, "valid e-mail"),
            ({"name": "Pia", "email": ""}, "valid e-mail"),
        ):
            with self.subTest(contact=contact):
                with self.assertRaisesRegex(UserError, message):
                    self.Configurator._create_partner(self.company, contact)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
