# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.support_contract.tests.i18n_check import assert_translations


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_pot_current_and_languages_complete(self):
        """The addon's .pot is what Odoo exports today; nl and sv (and de,
        da where present) translate every term, placeholders and markup kept."""
        assert_translations(self, "support_sla")
