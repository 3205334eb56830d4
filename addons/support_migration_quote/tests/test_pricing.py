# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SupportMigrationQuoteCommon


@tagged("post_install", "-at_install")
class TestPricing(SupportMigrationQuoteCommon):
    def _amounts(self, rule, lines, **kwargs):
        return {
            c["code"]: c["amount"] for c in rule._get_quote_components(lines, **kwargs)
        }

    def _total(self, rule, lines, **kwargs):
        return sum(self._amounts(rule, lines, **kwargs).values())

    def test_migration_service_20000_lines(self):
        """5,000.00 + 20 x 1,500.00 = 35,000.00 whatever the rounding."""
        self.assertEqual(self._total(self.rule, 20000), 35000.0)
        self.rule.rounding = "prorata"
        self.assertEqual(self._total(self.rule, 20000), 35000.0)

    def test_rounding_per_started_block(self):
        """1, 999 and 1,000 lines start one block: 5,000 + 1,500 = 6,500;
        1,001 lines start two: 5,000 + 3,000 = 8,000; none: the base alone."""
        expected = {0: 5000.0, 1: 6500.0, 999: 6500.0, 1000: 6500.0, 1001: 8000.0}
        for lines, total in expected.items():
            with self.subTest(lines=lines):
                self.assertEqual(self._total(self.rule, lines), total)
        code = self.rule._get_quote_components(1001)[1]
        self.assertEqual((code["quantity"], code["price_unit"]), (2, 1500.0))

    def test_rounding_pro_rata(self):
        """1,500.00 per 1,000 lines is 1.50 a line: 1 line 5,001.50; 999 lines
        5,000 + 1,498.50 = 6,498.50; 1,000 lines 6,500.00; 1,001 lines 6,501.50."""
        self.rule.rounding = "prorata"
        expected = {1: 5001.5, 999: 6498.5, 1000: 6500.0, 1001: 6501.5}
        for lines, total in expected.items():
            with self.subTest(lines=lines):
                self.assertAlmostEqual(self._total(self.rule, lines), total, places=2)

    def test_community_modules(self):
        """3 modules x 4 h x 95.00 = 1,140.00; at 2.5 h: 3 x 2.5 x 95 = 712.50; a
        contract rate of 110.00: 3 x 4 x 110 = 1,320.00."""
        self.assertEqual(self._amounts(self.rule, 0, module_count=3)["modules"], 1140)
        self.assertEqual(
            self._amounts(self.rule, 0, module_count=3, module_hours=2.5)["modules"],
            712.5,
        )
        self.assertEqual(
            self._amounts(self.rule, 0, module_count=3, hourly_rate=110.0)["modules"],
            1320.0,
        )
        with self.assertRaisesRegex(UserError, "between 0 and 4.0"):
            self.rule._get_quote_components(0, module_count=3, module_hours=5.0)
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            self.rule._get_quote_components(-1)

    def test_scandinavian_maintenance(self):
        """Maintenance: 45.00 per started 100 lines a month: 20,000 lines 200 x 45 =
        9,000.00; 20,001 lines 201 x 45 = 9,045.00; pro rata 20,050 lines 200.5 x
        45 = 9,022.50. The upgrade fee 12,500.00 is one-time."""
        components = self.rule_nordic._get_quote_components(20000)
        self.assertEqual(
            [(c["code"], c["amount"], c["recurring"]) for c in components],
            [("upgrade_fee", 12500.0, False), ("maintenance", 9000.0, True)],
        )
        self.assertEqual(self._amounts(self.rule_nordic, 20001)["maintenance"], 9045)
        self.rule_nordic.rounding = "prorata"
        self.assertEqual(self._amounts(self.rule_nordic, 20050)["maintenance"], 9022.5)

    def test_included_upgrade(self):
        """An included upgrade covers the migration; the one-time fee only when the
        rule says so (maintenance agreements charge it on top)."""
        components = self.rule._get_quote_components(20000, upgrade_covered=True)
        self.assertTrue(all(c["covered"] for c in components))
        fee = self.rule_nordic._get_quote_components(20000, upgrade_covered=True)[0]
        self.assertEqual(fee["code"], "upgrade_fee")
        self.assertFalse(fee["covered"])
        self.rule_nordic.upgrade_fee_covered = True
        fee = self.rule_nordic._get_quote_components(20000, upgrade_covered=True)[0]
        self.assertTrue(fee["covered"])

    def test_components_left_out(self):
        components = self.rule._get_quote_components(
            20000, include_migration=False, include_upgrade_fee=False
        )
        self.assertEqual(components, [])

    def test_rule_per_company_or_pricelist(self):
        company = self._create_company(name="Support Provider AB")
        rules = self.env["support.migration.pricing.rule"]
        self.assertFalse(rules._get_rule(company))
        pricelist = self.env["product.pricelist"].create(
            {"name": "SEK", "currency_id": self.env.ref("base.SEK").id}
        )
        general = rules.create({"name": "General", "company_id": company.id})
        special = rules.create(
            {
                "name": "SEK",
                "company_id": company.id,
                "pricelist_id": pricelist.id,
                "sequence": 99,
            }
        )
        self.assertEqual(rules._get_rule(company), general)
        self.assertEqual(rules._get_rule(company, pricelist), special)
        self.assertEqual(special.currency_id, self.env.ref("base.SEK"))
        self.assertEqual(general.currency_id, company.currency_id)
        other = self.env["product.pricelist"].create({"name": "Other"})
        self.assertEqual(rules._get_rule(company, other), general)

    def test_default_products(self):
        rule = self.env["support.migration.pricing.rule"].create({"name": "Defaults"})
        self.assertEqual(
            rule.base_product_id,
            self.env.ref("support_migration_quote.product_migration_base"),
        )
        self.assertEqual(rule.block_size, 1000)
        self.assertEqual(rule.maintenance_block_size, 100)
        self.assertEqual(rule.module_hours, 4.0)

    @mute_logger("odoo.sql_db")
    def test_bad_rules(self):
        rules = self.env["support.migration.pricing.rule"]
        for vals in (
            {"block_size": 0},
            {"maintenance_block_size": -100},
            {"base_amount": -1.0},
            {"upgrade_fee": -12500.0},
            {"module_hours": -4.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    rules.create({"name": "Bad", **vals})
        self.assertFalse(rules.search([("name", "=", "Bad")]))

    def test_agent_reads_rules_only(self):
        rule = self.rule.with_user(self.agent)
        self.assertEqual(rule.base_amount, 5000.0)
        with self.assertRaises(AccessError):
            rule.base_amount = 1.0
