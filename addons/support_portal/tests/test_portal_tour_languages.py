# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from odoo.addons.support_contract.tests.i18n_check import (
    activate_languages,
    english_offenders,
    english_terms,
    translate_names,
)

from .common import SupportPortalMixin, html_text

#: The modules whose terms show on the pages of the tour: the suite's, helpdesk_mgmt's,
#: Odoo's portal layout (web, portal) and the entries of /my (sale, account,
#: account_payment, project, hr_timesheet).
MODULES = [
    "support_contract",
    "support_sla",
    "support_migration_quote",
    "support_portal",
    "helpdesk_mgmt",
    "web",
    "portal",
    "sale",
    "account",
    "account_payment",
    "project",
    "hr_timesheet",
]
#: Texts no translator decides although a .pot lists them: names ("SLA", "Odoo",
#: the company of the database, "YourCompany") and the user's time zone.
ALLOWED = {"SLA", "Odoo", "YourCompany", "Europe/Amsterdam"}

#: Names of the test's catalogue in Dutch and Swedish: what a provider enters.
CATALOGUE = {
    "type_defect": ("Portaltest: fout", "Portaltest: fel"),
    "type_question": ("Portaltest: vraag", "Portaltest: fråga"),
    "type_import": ("Portaltest: gegevensimport", "Portaltest: dataimport"),
    "impact": ("Impact", "Påverkan"),
    "urgency": ("Urgentie", "Brådska"),
    "p_critical": ("Kritiek", "Kritisk"),
    "p_high": ("Hoog", "Hög"),
    "p_medium": ("Gemiddeld", "Medel"),
    "p_low": ("Laag", "Låg"),
    "addon_extended": ("Uitgebreide beschikbaarheid", "Utökad tillgänglighet"),
}
AXIS_VALUES = {
    "impact": (
        ("Systeembreed", "Hela systemet"),
        ("Meerdere gebruikers", "Flera användare"),
        ("Eén gebruiker", "En användare"),
    ),
    "urgency": (("Hoog", "Hög"), ("Gemiddeld", "Medel"), ("Laag", "Låg")),
}


def setup_portal_in_languages(cls):
    """The portal's test set-up with Dutch and Swedish active: the terms of
    ``MODULES`` loaded, the test catalogue named in both languages."""
    cls._setup_support_portal()
    activate_languages(cls.env, MODULES)
    translate_names((getattr(cls, name), names) for name, names in CATALOGUE.items())
    for name, values in AXIS_VALUES.items():
        translate_names(zip(getattr(cls, name).value_ids, values, strict=True))


@tagged("post_install", "-at_install")
class TestPortalTourLanguages(HttpCase, SupportPortalMixin):
    """A key user whose language is Dutch, then Swedish, submits a ticket in the
    portal and reads the contract page (tours ``support_portal_dutch`` and
    ``support_portal_swedish``, whose steps wait for the labels in that language);
    then no page of the tour shows an English term of the modules in ``MODULES``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_portal_in_languages(cls)
        # an answer with its explanation, read "Meerdere gebruikers: treft ..."
        multiple = cls.impact.value_ids.filtered(
            lambda value: value.name == "Multiple users"
        )
        multiple.description = "Affects a number of users"
        multiple.update_field_translations(
            "description",
            {
                "nl_NL": "Treft een aantal gebruikers",
                "sv_SE": "Påverkar ett antal användare",
            },
        )

    def _tour_pages(self, lang, tour, subject):
        """Run the tour as key_user_a in this language; the pages it visited, as
        that user sees them (``{url: html}``)."""
        self.key_user_a.lang = lang
        self.start_tour("/my", tour, login="key_user_a")
        ticket = self.env["helpdesk.ticket"].search([("name", "=", subject)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.support_ticket_type_id, self.type_defect)
        self.assertEqual(ticket.sla_priority_id, self.p_high)
        self.authenticate("key_user_a", "key_user_a")
        urls = [
            "/my",
            "/my/tickets",
            "/new/ticket",
            f"/my/ticket/{ticket.id}",
            "/my/contracts",
            f"/my/contracts/{self.contract_a.id}",
        ]
        pages = {}
        for url in urls:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            pages[url] = response.text
        return pages

    def _assert_no_english(self, pages, lang):
        offenders = english_offenders(pages, english_terms(MODULES, lang), ALLOWED)
        if offenders:
            self.fail(
                f"English on the {lang} pages:\n"
                + "\n".join(
                    f"{url}:\n    " + "\n    ".join(texts)
                    for url, texts in offenders.items()
                )
            )

    def _assert_received_mail(self, subject, expected_subject, expected_body):
        """The confirmation mail of the submitted ticket is in the key user's
        language (mail template with lang = the customer's)."""
        ticket = self.env["helpdesk.ticket"].search([("name", "=", subject)])
        self._run_acknowledgements()
        message = ticket.message_ids.filtered(
            lambda message: message.message_type == "auto_comment"
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, expected_subject.format(number=ticket.number))
        self.assertIn(expected_body, message.body)
        self.assertNotIn("Hello", message.body)

    def _check_language(self, lang, tour, subject, mail_subject, greeting):
        """The tour in this language, its pages without English, the mail in it."""
        pages = self._tour_pages(lang, tour, subject)
        self._assert_no_english(pages, lang)
        self._assert_no_slips(pages, lang)
        self._assert_received_mail(subject, mail_subject + subject, greeting)

    def _assert_no_slips(self, pages, lang):
        """Words that read wrong although translated: helpdesk_mgmt's Swedish
        "Antal" (a quantity) for the ticket number and "Skapaddatum", its Dutch
        "Vraag aanbieden" for submitting a ticket, a space before a colon; in
        Dutch, the informal "je" of Odoo's own entries on the portal home ("Je
        orders") where the suite addresses its customers with "u"."""
        for url, html in pages.items():
            text = html_text(html)
            if lang == "nl_NL" and url == "/my":
                with self.subTest(url=url, slip="je"):
                    self.assertNotRegex(text, r"\b([Jj]e|[Jj]ouw|[Jj]ij)\b")
                with self.subTest(url=url, formal="Uw orders"):
                    self.assertIn("Uw orders", text)
            for slip in ("Skapaddatum", "Vraag aanbieden", " : "):
                with self.subTest(url=url, slip=slip):
                    self.assertNotIn(slip, text)
            with self.subTest(url=url, slip="Antal"):
                self.assertNotRegex(html, r'name="th_(support_)?number"[^>]*>\s*Antal')

    def test_dutch(self):
        self._check_language(
            "nl_NL",
            "support_portal_dutch",
            "Magazijnscanners kunnen niet inloggen",
            "Ticket {number} ontvangen: ",
            "Beste",
        )

    def test_swedish(self):
        self._check_language(
            "sv_SE",
            "support_portal_swedish",
            "Lagerskannrarna kan inte logga in",
            "Ärende {number} mottaget: ",
            "Hej",
        )

    def test_upstream_views_translated_from_i18n_extra(self):
        """support_portal/i18n_extra/<lang>.po translates views of helpdesk_mgmt,
        portal and project whose own .po leave these terms untranslated."""
        for xmlid, lang, text in (
            ("helpdesk_mgmt.portal_ticket_new_button", "nl_NL", "Nieuw"),
            ("helpdesk_mgmt.portal_helpdesk_ticket_page", "nl_NL", "Behandelaar"),
            ("portal.user_dropdown", "sv_SE", "Logga ut"),
            ("portal.my_account_link", "sv_SE", "Mitt konto"),
            ("project.portal_my_home", "sv_SE", "Följ och kommentera uppgifter"),
        ):
            view = self.env.ref(xmlid).with_context(lang=lang)
            self.assertIn(text, view.arch_db, xmlid)
