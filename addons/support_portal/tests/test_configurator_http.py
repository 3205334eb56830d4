# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin, html_text


@tagged("post_install", "-at_install")
class TestPlanConfiguratorHttp(HttpCase, SupportPortalMixin):
    """The public configurator's routes, for anonymous visitors and portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()

    def setUp(self):
        super().setUp()
        # an anonymous visitor's session (CSRF tokens need one)
        self.authenticate(None, None)

    def _counts(self):
        return (
            self.env["res.partner"].search_count([]),
            self.env["sale.order"].search_count([]),
        )

    def _post_quote(self, data, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/support/plans/quote", data=data, allow_redirects=False)

    def _assert_posts_refused(self, cases):
        """Each post of ``cases`` ([(extra form values, message)]) answers 400 with
        the message and the form as typed; nothing is written."""
        before = self._counts()
        for extra, message in cases:
            with self.subTest(extra=extra):
                response = self._post_quote(self._light_15_extended(**extra))
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn("Pia Prospect", response.text)
        self.assertEqual(self._counts(), before)

    def _light_15_extended(self, **extra):
        data = {
            "plan_id": self.plan_light.id,
            "hours": "15",
            "addon_ids": [str(self.addon_extended.id)],
            "name": "Pia Prospect",
            "email": "pia@prospect.example.com",
            "company_name": "Prospect B.V.",
        }
        data.update(extra)
        return data

    def test_page_lists_the_published_catalogue(self):
        self.plan_medium.portal_published = False
        response = self.url_open("/support/plans")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for text in (
            "Basic",
            "Light",
            "Extended availability",
            "Integration support",
            "Monday to Friday: 08:00-17:00",
            "A band starts at its lower bound",
            # the contact form for anonymous visitors
            'name="email"',
        ):
            self.assertIn(text, html)
        self.assertIn("10-20 h", html_text(html))
        self.assertNotIn("Medium", html)

    def test_band_sentence_is_what_the_quote_charges(self):
        """The sentence under the band table says what a quotation charges: bands
        are half-open, so 10 hours earn the 10-20 h band's 6 % (not the 0-10 h
        band's 4 %: "10-20 hours: 6 %" includes 10)."""
        text = html_text(self.url_open("/support/plans").text)
        match = re.search(r"(\d+(?:\.\d+)?) hours earn (\d+(?:\.\d+)?) %", text)
        self.assertTrue(match, "the band sentence is missing")
        hours, discount = float(match[1]), float(match[2])
        self.assertEqual(hours, 10.0)
        band = self.env["support.hour.band"]._get_band(hours, self.env.company)
        self.assertEqual(discount, band.discount)
        self.assertEqual(discount, 6.0)

    def test_prices_say_per_month(self):
        """Each plan's and add-on's price reads "per month" (not "/ month")."""
        text = html_text(self.url_open("/support/plans").text)
        for price in ("250.00 per month", "1,000.00 per month"):
            self.assertIn(price, text)
        self.assertNotIn("/ month", text)

    def test_live_price(self):
        """Light 250 + 15 h at 100 less 6 % (1,410) + Extended 1,000 = 2,660."""
        result = self.make_jsonrpc_request(
            "/support/plans/price",
            {
                "plan_id": self.plan_light.id,
                "hours": 15,
                "addons": {str(self.addon_extended.id): 1},
            },
        )
        self.assertFalse(result["error"])
        self.assertEqual(result["total_value"], 2660.0)
        self.assertEqual(len(result["lines"]), 3)
        result = self.make_jsonrpc_request(
            "/support/plans/price", {"plan_id": self.plan_light.id, "hours": -3}
        )
        self.assertEqual(
            result["error"], "The number of reserved hours cannot be negative."
        )

    def test_anonymous_visitor_gets_a_quotation(self):
        before = self._counts()
        response = self._post_quote(self._light_15_extended())
        self.assertEqual(response.status_code, 303)
        location = response.headers["Location"]
        self.assertIn("/my/orders/", location)
        self.assertIn("access_token=", location)
        order = self.env["sale.order"].search([], order="id desc", limit=1)
        self.assertEqual(self._counts(), (before[0] + 2, before[1] + 1))
        self.assertEqual(order.partner_id.name, "Pia Prospect")
        self.assertEqual(order.partner_id.parent_id.name, "Prospect B.V.")
        self.assertEqual(order.amount_untaxed, 2660.0)
        # the visitor opens the quotation with its token, and can sign it
        page = self.url_open(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, page.text)
        self.assertIn("Sign", page.text)

    def test_portal_user_quotation_is_theirs(self):
        self.authenticate("contact_a", "contact_a")
        response = self._post_quote(
            {"plan_id": self.plan_medium.id, "hours": "0", "name": "ignored"}
        )
        self.assertEqual(response.status_code, 303)
        order = self.env["sale.order"].search([], order="id desc", limit=1)
        self.assertEqual(order.partner_id, self.contact_a.partner_id)
        self.assertEqual(order.amount_untaxed, 500.0)

    def test_bad_posts_write_nothing(self):
        cases = [
            ({"hours": "-5"}, "cannot be negative"),
            ({"hours": "1e9"}, "At most 100 hours"),
            ({"plan_id": self.plan_basic.id}, "does not offer reserved hours"),
            ({"plan_id": "999999999"}, "Choose one of the plans"),
            ({"addon_ids": ["999999999"]}, "among those offered"),
            ({"email": "nobody"}, "valid e-mail"),
        ]
        self._assert_posts_refused(cases)

    def test_missing_csrf_writes_nothing(self):
        before = self._counts()
        with mute_logger("odoo.http"):
            response = self._post_quote(self._light_15_extended(), csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._counts(), before)

    def test_quotations_per_address_are_limited(self):
        """Five quotations an hour per client address, whatever the session: the
        sixth, from a fresh cookie jar, is refused (the limit was per browser
        session, so 7 fresh sessions made 7 quotations and 14 partners)."""
        for __ in range(5):
            self.authenticate(None, None)  # a new session, no cookie kept
            response = self._post_quote(self._light_15_extended())
            self.assertEqual(response.status_code, 303)
        self.authenticate(None, None)
        before = self._counts()
        response = self._post_quote(self._light_15_extended())
        self.assertEqual(response.status_code, 400)
        self.assertIn("several quotations", response.text)
        self.assertEqual(self._counts(), before)
        # another address is counted apart
        Request = self.env["support.configurator.request"]
        self.assertEqual(
            Request.search_count([("client_address", "=", "127.0.0.1")]), 5
        )

    def test_quotations_of_all_visitors_are_limited(self):
        """All visitors together get a number of quotations per hour (a system
        parameter), so that many addresses cannot flood the sales team."""
        self.env["ir.config_parameter"].set_param(
            "support_portal.configurator_quotes_per_hour", "3"
        )
        Request = self.env["support.configurator.request"]
        Request._record_request("203.0.113.7")
        Request._record_request("198.51.100.8")
        response = self._post_quote(self._light_15_extended())
        self.assertEqual(response.status_code, 303)
        before = self._counts()
        self.authenticate(None, None)
        response = self._post_quote(self._light_15_extended())
        self.assertEqual(response.status_code, 400)
        self.assertIn("many quotation requests", response.text)
        self.assertEqual(self._counts(), before)
        # an hour later the places are free again
        Request.search([]).write({"requested_at": "2020-01-01 00:00:00"})
        response = self._post_quote(self._light_15_extended())
        self.assertEqual(response.status_code, 303)

    def test_hostile_posts_answer_400_with_a_message(self):
        """Hand-made posts: 400 and the reason, nothing written (1e308 hours and a
        400-digit quantity answered 500)."""
        integration = str(self.addon_integration.id)
        cases = [
            ({"hours": "1e308"}, "At most 100 hours"),
            ({"hours": "-1e308"}, "cannot be negative"),
            ({"hours": "Infinity"}, "At most 100 hours"),
            ({"hours": "NaN"}, "must be a number"),
            (
                {"addon_ids": [integration], f"addon_qty_{integration}": "9" * 400},
                "At most 100 of Integration",
            ),
            (
                {"addon_ids": [integration], f"addon_qty_{integration}": "1e15"},
                "at least 1",
            ),
            ({"plan_id": "9" * 400}, "Choose one of the plans"),
        ]
        self._assert_posts_refused(cases)
        # the live price answers the reason too (a list of add-ons raised an
        # AttributeError: "Odoo Server Error")
        for params, message in (
            ({"addons": [integration]}, "among those offered"),
            ({"hours": 1e308}, "At most 100 hours"),
            ({"hours": [1, 2]}, "must be a number"),
            ({"addons": {integration: 10**15}}, "At most 100 of Integration"),
        ):
            with self.subTest(params=params):
                result = self.make_jsonrpc_request(
                    "/support/plans/price", {"plan_id": self.plan_light.id, **params}
                )
                self.assertIn(message, result["error"])
