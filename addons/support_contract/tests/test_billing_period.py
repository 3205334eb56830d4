# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools.billing_period import billing_period, next_month, period_share


@tagged("post_install", "-at_install")
class TestBillingPeriod(BaseCase):
    """The days of a month a contract runs (end date included) and their share."""

    def test_start_on_the_15th_of_a_31_day_month(self):
        period = billing_period(date(2026, 3, 1), date(2026, 3, 15))
        self.assertEqual(period, (date(2026, 3, 15), date(2026, 3, 31)))
        self.assertEqual(period_share(date(2026, 3, 1), period), 17 / 31)
        self.assertEqual(period_share(date(2026, 3, 1), period, "full"), 1.0)

    def test_start_next_month_bills_nothing(self):
        self.assertIsNone(billing_period(date(2026, 3, 1), date(2026, 4, 1)))
        self.assertEqual(period_share(date(2026, 3, 1), None), 0.0)

    def test_end_on_the_10th_of_a_30_day_month(self):
        period = billing_period(date(2026, 4, 1), date(2025, 4, 1), date(2026, 4, 10))
        self.assertEqual(period, (date(2026, 4, 1), date(2026, 4, 10)))
        self.assertEqual(period_share(date(2026, 4, 1), period), 10 / 30)

    def test_end_date_is_the_last_day(self):
        """Ending on the last day of the month bills the whole month; the month
        after bills nothing."""
        period = billing_period(date(2026, 4, 1), date(2025, 4, 1), date(2026, 4, 30))
        self.assertEqual(period_share(date(2026, 4, 1), period), 1.0)
        self.assertIsNone(
            billing_period(date(2026, 5, 1), date(2025, 4, 1), date(2026, 4, 30))
        )
        # start and end on the same day: one day
        period = billing_period(date(2026, 2, 1), date(2026, 2, 14), date(2026, 2, 14))
        self.assertEqual(period_share(date(2026, 2, 1), period), 1 / 28)

    def test_next_month(self):
        self.assertEqual(next_month(date(2026, 12, 15)), date(2027, 1, 1))
