# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.support_contract.tests.i18n_check import activate_languages

from .common import SupportPortalMixin, html_text


@tagged("post_install", "-at_install")
class TestPortalLanguages(HttpCase, SupportPortalMixin):
    """The portal pages in Dutch and Swedish: our terms, and day names from the
    language (the availability windows)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        activate_languages(cls.env, ["support_portal", "support_migration_quote"])

    def _pages(self, lang):
        self.key_user_a.lang = lang
        self.authenticate("key_user_a", "key_user_a")
        return {
            "contract": html_text(
                self.url_open(f"/my/contracts/{self.contract_a.id}").text
            ),
            "tickets": html_text(self.url_open("/my/tickets").text),
            "new": html_text(self.url_open("/new/ticket").text),
            "plans": html_text(self.url_open("/support/plans").text),
        }

    def test_dutch(self):
        pages = self._pages("nl_NL")
        self.assertIn("Beschikbaarheid", pages["contract"])
        self.assertIn("Maandag t/m vrijdag: 08:00-17:00", pages["contract"])
        self.assertIn("Urensaldo", pages["contract"])
        # the included upgrade (support_migration_quote, through the contract's
        # _portal_entitlement_lines), in formal Dutch with Dutch dates
        self.assertIn("Inbegrepen upgrade", pages["contract"])
        self.assertIn(
            "Eén upgrade naar een nieuwe hoofdversie van Odoo (bijvoorbeeld van 18.0 "
            "naar 19.0) is inbegrepen in elk contractjaar. Contractjaren tellen "
            "vanaf uw startdatum, 01-01-2026",
            pages["contract"],
        )
        self.assertIn(
            "De upgrade van deze periode is nog beschikbaar.", pages["contract"]
        )
        # hours with the language's decimal comma, not Python's point
        self.assertRegex(pages["contract"], r"-?\d+,\d\d h")
        self.assertNotRegex(pages["contract"], r"\d\.\d\d h")
        self.assertIn("Wacht op u", pages["tickets"])
        self.assertIn("Volgende deadline", pages["tickets"])
        self.assertIn("Als u nu indient, kunt u onze reactie verwachten", pages["new"])
        self.assertIn("1. Kies een abonnement", pages["plans"])
        self.assertIn("Uw prijs per maand", pages["plans"])

    def test_swedish(self):
        pages = self._pages("sv_SE")
        self.assertIn("Tillgänglighet", pages["contract"])
        self.assertIn("Måndag till fredag: 08:00-17:00", pages["contract"])
        self.assertIn("Timsaldo", pages["contract"])
        self.assertIn("Inkluderad uppgradering", pages["contract"])
        self.assertIn("Avtalsåren räknas från ditt startdatum", pages["contract"])
        self.assertRegex(pages["contract"], r"-?\d+,\d\d h")
        self.assertIn("Väntar på dig", pages["tickets"])
        self.assertIn("Nästa tidsgräns", pages["tickets"])
        self.assertIn("Om du skickar nu kan du vänta dig vårt svar", pages["new"])
        self.assertIn("1. Välj en avtalsnivå", pages["plans"])

    def test_messages_in_the_users_language(self):
        """Errors of the configurator come in the visitor's language."""
        self.key_user_a.lang = "nl_NL"
        self.authenticate("key_user_a", "key_user_a")
        result = self.make_jsonrpc_request(
            "/support/plans/price", {"plan_id": self.plan_light.id, "hours": -2}
        )
        self.assertEqual(
            result["error"], "Het aantal gereserveerde uren kan niet negatief zijn."
        )
