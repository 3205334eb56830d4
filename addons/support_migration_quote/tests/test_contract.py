# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SupportMigrationQuoteCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 10:00:00")
class TestContract(SupportMigrationQuoteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Medium: 5,000 - 20,000 lines of custom code; hourly rate 100.00
        cls.contract = cls._create_contract(plan=cls.plan_medium)
        cls.contract.action_activate()

    def _quote(self, user=None, **vals):
        return (
            self.env["support.migration.quote.wizard"]
            .with_user(user or self.manager)
            .create({"partner_id": self.customer.id, **vals})
        )

    # measurements feed the contract ---------------------------------------------

    def test_measurement_feeds_contract(self):
        first = self._measure(self.customer, 12000, date="2026-05-01 10:00:00")
        self.assertEqual(first.contract_id, self.contract)
        self.assertEqual(self.contract.cloc_measurement_id, first)
        self.assertEqual(self.contract.cloc_lines, 12000)
        self.assertEqual(str(self.contract.cloc_date), "2026-05-01")
        self.assertEqual(self.contract.cloc_source, "Typed by hand")
        # an older measurement recorded later is refused, nothing written
        with self.assertRaisesRegex(UserError, "older than the current measurement"):
            self._measure(self.customer, 9000, date="2026-01-15 10:00:00")
        self.assertEqual(self.contract.cloc_lines, 12000)
        self.assertEqual(self.contract.cloc_measurement_count, 1)
        latest = self._measure(
            self.customer_contact,
            14976,
            source="archive",
            archive_name="tulip.zip",
            reason=False,
        )
        self.assertEqual(self.contract.cloc_measurement_id, latest)
        self.assertEqual(self.contract.cloc_lines, 14976)
        self.assertEqual(self.contract.cloc_source, "Uploaded archive: tulip.zip")
        latest.unlink()
        self.assertEqual(self.contract.cloc_measurement_id, first)
        self.assertEqual(self.contract.cloc_lines, 12000)

    def test_agent_measures_from_the_contract(self):
        """Agents cannot edit contracts; their measurement feeds it all the same."""
        action = self.contract.with_user(self.agent).action_measure_cloc()
        wizard = (
            self.env["support.cloc.measure.wizard"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"source": "manual", "code_lines": 8000, "reason": "Estimate"})
        )
        self.assertEqual(wizard.contract_id, self.contract)
        measurement = self.env["support.cloc.measurement"].browse(
            wizard.action_measure()["res_id"]
        )
        self.assertEqual(measurement.contract_id, self.contract)
        self.assertEqual(self.contract.cloc_lines, 8000)

    def test_plan_range_warning(self):
        """Medium is for 5,000 - 20,000 lines: 4,000 is below, 25,000 above."""
        self._measure(self.customer, 4000, date="2026-05-01 10:00:00")
        self.assertIn(
            "4000 lines of custom code are below the 5000 lines plan Medium is for",
            self.contract.limit_warning,
        )
        self._measure(self.customer, 12000, date="2026-05-02 10:00:00")
        self.assertFalse(self.contract.limit_warning)
        self._measure(self.customer, 25000, date="2026-05-03 10:00:00")
        self.assertIn(
            "25000 lines of custom code exceed the 20000 lines",
            self.contract.limit_warning,
        )

    def test_contract_of_another_customer(self):
        with self.assertRaisesRegex(ValidationError, "cannot belong to contract"):
            with self.env.cr.savepoint():
                self._measure(self.other_customer, 100, contract_id=self.contract.id)
        self.assertFalse(
            self.env["support.cloc.measurement"].search(
                [("partner_id", "=", self.other_customer.id)]
            )
        )

    def test_no_active_contract(self):
        measurement = self._measure(self.other_customer, 100)
        self.assertFalse(measurement.contract_id)

    # entitlement ----------------------------------------------------------------------

    def test_included_upgrade(self):
        """One upgrade per contract year is included: a contract from 1 January
        2026 with an upgrade on 1 March 2026 has its next from 1 January 2027
        (31 December 2026 is the same contract year). Moved from support_contract
        with the included upgrade."""
        contract = self._create_contract()
        self.assertTrue(contract.upgrade_available)
        contract._use_included_upgrade(date(2026, 3, 1))
        self.assertEqual(contract.upgrade_last_date, date(2026, 3, 1))
        with self.assertError(UserError, "next one is included from"):
            contract._use_included_upgrade(date(2026, 12, 31))
        self.assertEqual(contract.upgrade_last_date, date(2026, 3, 1))
        contract._use_included_upgrade(date(2027, 1, 1))
        self.assertEqual(contract.upgrade_last_date, date(2027, 1, 1))

    def test_included_upgrade_per_contract_year(self):
        """A contract from 1 March 2026: year 1 is 1 March 2026 - 28 February
        2027, year 2 1 March 2027 - 29 February 2028. An upgrade on 1 February
        2027 (year 1) and another on 1 January 2028 (year 2, eleven months later)
        are both included (counted as 12 months since the last, the second would
        wait until 1 February 2028). A third on 1 February 2028 (year 2 again) is
        not: the next from 1 March 2028."""
        contract = self._create_contract(date_start="2026-03-01")
        contract._use_included_upgrade(date(2027, 2, 1))
        self.assertEqual(
            contract.with_context(date=date(2027, 2, 15)).upgrade_next_date,
            date(2027, 3, 1),
        )
        contract._use_included_upgrade(date(2028, 1, 1))
        self.assertEqual(contract.upgrade_last_date, date(2028, 1, 1))
        with self.assertError(UserError, "next one is included from"):
            contract._use_included_upgrade(date(2028, 2, 1))
        self.assertEqual(contract.upgrade_last_date, date(2028, 1, 1))
        later = contract.with_context(date=date(2028, 3, 1))
        self.assertEqual(later.upgrade_next_date, date(2028, 3, 1))
        self.assertTrue(later.upgrade_available)

    def test_upgrade_interval(self):
        contract = self.contract
        self.assertEqual(contract.upgrade_interval, "12")
        self.assertTrue(contract.upgrade_available)
        # one per contract year, counted from the start (2026-01-01): an upgrade
        # on 2026-02-01 is this year's (today 2026-06-01), the next from
        # 2027-01-01
        contract.upgrade_last_date = "2026-02-01"
        self.assertFalse(contract.upgrade_available)
        self.assertEqual(str(contract.upgrade_next_date), "2027-01-01")
        # one before the contract started belongs to none of its years
        contract.upgrade_last_date = "2025-09-01"
        self.assertTrue(contract.upgrade_available)
        self.assertEqual(str(contract.upgrade_next_date), "2026-01-01")
        contract.upgrade_last_date = "2026-02-01"
        contract.upgrade_interval = "24"
        # one per two contract years: 2026-01-01 - 2027-12-31, next 2028-01-01
        self.assertEqual(str(contract.upgrade_next_date), "2028-01-01")
        self.assertFalse(contract.upgrade_available)
        contract.upgrade_interval = "none"
        self.assertFalse(contract.upgrade_available)
        self.assertFalse(contract.upgrade_next_date)
        with self.assertRaisesRegex(UserError, "includes no upgrade"):
            contract.action_register_upgrade()
        contract.upgrade_interval = "12"
        contract.action_register_upgrade()
        self.assertEqual(str(contract.upgrade_last_date), "2026-06-01")

    def test_included_upgrade_is_covered(self):
        """Nothing used yet: the migration of 20,000 lines (35,000.00) and 2
        community modules at the contract's 100.00 an hour (2 x 4 x 100 = 800.00)
        is shown and quoted as covered; confirming the order uses the upgrade."""
        measurement = self._measure(self.customer, 20000)
        wizard = self._quote(community_module_count=2)
        self.assertEqual(wizard.contract_id, self.contract)
        self.assertEqual(wizard.measurement_id, measurement)
        self.assertEqual(wizard.hourly_rate, 100.0)
        self.assertTrue(wizard.upgrade_covered)
        self.assertIn(self.contract.name, wizard.upgrade_covered_reason)
        self.assertIn(
            "includes one upgrade per contract year", wizard.upgrade_covered_reason
        )
        self.assertEqual(wizard.covered_amount, 35800.0)
        self.assertEqual(wizard.one_time_total, 0.0)
        self.assertIn("covered", wizard.breakdown)
        order = self.env["sale.order"].browse(
            wizard.action_create_quotation()["res_id"]
        )
        self.assertEqual(order.support_contract_id, self.contract)
        self.assertIn(order, self.contract.sale_order_ids)
        self.assertTrue(order.migration_upgrade_covered)
        self.assertEqual(order.order_line.mapped("discount"), [100.0, 100.0, 100.0])
        self.assertEqual(order.order_line.mapped("price_unit"), [5000.0, 1500.0, 100.0])
        self.assertEqual(order.amount_untaxed, 0.0)
        self.assertIn("Covered: contract", order.order_line[0].name)
        order.action_confirm()
        self.assertEqual(str(self.contract.upgrade_last_date), "2026-06-01")
        # the next quote is charged and says when the next upgrade is included
        wizard = self._quote()
        self.assertFalse(wizard.upgrade_covered)
        # dates in the language's format (en_US: month/day/year), not ISO; the
        # next contract year of a contract from 2026-01-01 starts 2027-01-01
        self.assertIn("01/01/2027", wizard.upgrade_covered_reason)
        self.assertEqual(wizard.one_time_total, 35000.0)

    def test_second_covered_quotation_cannot_be_confirmed(self):
        """Two quotations prepared while the upgrade was available: the first
        confirmed uses it, the second is refused (it would give a second free
        upgrade within 12 months) and stays a quotation."""
        self._measure(self.customer, 20000)
        orders = self.env["sale.order"]
        for _i in range(2):
            orders |= orders.browse(self._quote().action_create_quotation()["res_id"])
        self.assertEqual(orders.mapped("migration_upgrade_covered"), [True, True])
        first, second = orders
        first.action_confirm()
        self.assertEqual(str(self.contract.upgrade_last_date), "2026-06-01")
        # (next contract year from 2027-01-01)
        with self.assertRaisesRegex(UserError, "has used it .*01/01/2027"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        # both at once: the first in the batch takes the upgrade, the batch fails
        self.contract.upgrade_last_date = "2025-01-01"
        third = orders.browse(self._quote().action_create_quotation()["res_id"])
        with self.assertRaisesRegex(UserError, "has used it"):
            (second | third).action_confirm()
        self.assertEqual(str(self.contract.upgrade_last_date), "2025-01-01")

    def test_upgrade_fee_charged_on_included_upgrade(self):
        """Maintenance: the included upgrade still pays the one-time 12,500.00, and
        the monthly fee (200 x 45.00) is not an upgrade."""
        self._measure(self.customer, 20000)
        wizard = self._quote(rule_id=self.rule_nordic.id)
        self.assertTrue(wizard.upgrade_covered)
        self.assertEqual(wizard.one_time_total, 12500.0)
        self.assertEqual(wizard.monthly_total, 9000.0)
        self.assertEqual(wizard.covered_amount, 0.0)

    def test_not_covered(self):
        self._measure(self.customer, 20000)
        for vals, reason in (
            ({"upgrade_interval": "none"}, "includes no upgrade"),
            ({"upgrade_last_date": "2026-01-01"}, "next is included from 01/01/2027"),
            ({"state": "suspended"}, "is not active"),
        ):
            with self.subTest(reason=reason):
                with self.env.cr.savepoint() as savepoint:
                    self.contract.write(vals)
                    wizard = self._quote()
                    self.assertFalse(wizard.upgrade_covered)
                    self.assertIn(reason, wizard.upgrade_covered_reason)
                    self.assertEqual(wizard.one_time_total, 35000.0)
                    savepoint.rollback()

    def test_contract_buttons(self):
        measurement = self._measure(self.customer, 20000)
        action = self.contract.with_user(self.manager).action_quote_migration()
        wizard = (
            self.env["support.migration.quote.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.contract_id, self.contract)
        self.assertEqual(wizard.measurement_id, measurement)
        action = self.contract.action_view_cloc_measurements()
        self.assertEqual(
            self.env["support.cloc.measurement"].search(action["domain"]), measurement
        )

    def test_quote_with_contract_of_another_customer(self):
        self._measure(self.customer, 20000)
        wizard = self._quote()
        wizard.partner_id = self.other_customer
        wizard.contract_id = self.contract
        wizard.measurement_id = self._measure(self.other_customer, 100)
        with self.assertRaisesRegex(UserError, "belongs to another customer"):
            wizard.action_create_quotation()
