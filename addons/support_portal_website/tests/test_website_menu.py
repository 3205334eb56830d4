# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""With the website module, the plan configurator is in the website's top menu."""

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebsiteMenu(HttpCase):
    def _menu_links(self, url):
        """The addresses of the links of the page's top menu."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        page = lxml_html.fromstring(response.text)
        return page.xpath("//header//ul[contains(@class, 'top_menu')]//a/@href")

    def test_support_plans_in_every_websites_menu(self):
        """Each website's menu holds *Support Plans*, a website created later too."""
        Website = self.env["website"]
        second = Website.create({"name": "Second site"})
        for website in Website.search([]):
            with self.subTest(website=website.name):
                entries = self.env["website.menu"].search(
                    [("website_id", "=", website.id), ("url", "=", "/support/plans")]
                )
                self.assertEqual(entries.mapped("name"), ["Support Plans"])
                self.assertEqual(entries.parent_id, website.menu_id)
        self.assertTrue(
            second.menu_id.child_id.filtered(lambda m: m.url == "/support/plans")
        )

    def test_visitor_and_key_user_find_the_configurator(self):
        """The home page and the configurator itself, as a visitor and as a portal
        user: the website's header links to the configurator, and the configurator
        renders in the website's layout."""
        self.assertIn("/support/plans", self._menu_links("/"))
        self.assertIn("/support/plans", self._menu_links("/support/plans"))
        self.authenticate("portal", "portal")
        self.assertIn("/support/plans", self._menu_links("/my"))
        response = self.url_open("/support/plans")
        self.assertIn("data-website-id", response.text)
