# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SupportContractCommon

# (zone, last day, UTC instant of 23:30 there on the last day, UTC instant of
# 00:30 there on the day after). Amsterdam on 31 March 2026 is on summer time
# (UTC+2, since 29 March); Stockholm on 31 January on winter time (UTC+1).
LAST_DAYS = (
    ("Europe/Amsterdam", date(2026, 3, 31), "2026-03-31 21:30", "2026-03-31 22:30"),
    ("Europe/Stockholm", date(2027, 1, 31), "2027-01-31 22:30", "2027-01-31 23:30"),
)


@tagged("post_install", "-at_install")
class TestContractCompanyDay(SupportContractCommon):
    """The daily jobs count a contract's days in its company's time zone (its
    address's, else its working calendar's), not in UTC: a contract whose last
    day is 31 March is still running at 23:30 Amsterdam on 31 March and ends at
    the run at 00:30 Amsterdam on 1 April (22:30 UTC on 31 March); one starting
    on 1 April starts at that same run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduler's user reads dates in UTC
        cls.Contract = cls.env["support.contract"].with_context(tz="UTC")

    def _customer(self, name):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def test_end_job_ends_after_midnight_in_the_company_zone(self):
        for zone, last_day, late, after_midnight in LAST_DAYS:
            with self.subTest(zone=zone):
                self.company.partner_id.tz = zone
                contract = self._create_contract(
                    partner=self._customer(f"Ending in {zone}"),
                    date_start="2025-01-01",
                )
                contract.action_activate()
                contract.date_end = last_day
                with freeze_time(late):
                    self.Contract._cron_end_contracts()
                    # 23:30 on its last day: still covered
                    self.assertEqual(contract.state, "active")
                with freeze_time(after_midnight):
                    # 00:30 the day after, the UTC date still the last day
                    self.Contract._cron_end_contracts()
                    self.assertEqual(contract.state, "ended")
                    self.assertEqual(contract.date_end, last_day)

    def test_start_job_starts_after_midnight_in_the_company_zone(self):
        for zone, last_day, late, after_midnight in LAST_DAYS:
            with self.subTest(zone=zone):
                self.company.partner_id.tz = zone
                first_day = date.fromordinal(last_day.toordinal() + 1)
                contract = self._create_contract(
                    partner=self._customer(f"Starting in {zone}"),
                    date_start=first_day,
                )
                with freeze_time(late):
                    contract.with_context(tz="UTC").action_activate()
                    self.assertEqual(contract.state, "upcoming")
                    self.assertNotIn(contract, self.Contract._start_due_contracts())
                    self.assertEqual(contract.state, "upcoming")
                with freeze_time(after_midnight):
                    self.assertIn(contract, self.Contract._start_due_contracts())
                    self.assertEqual(contract.state, "active")

    def test_activation_after_midnight_in_the_company_zone_is_active(self):
        """Activated at 00:30 Amsterdam on its first day by a user reading UTC
        (22:30 on the day before): active at once, not upcoming."""
        self.company.partner_id.tz = "Europe/Amsterdam"
        contract = self._create_contract(date_start="2026-04-01")
        with freeze_time("2026-03-31 22:30"):
            contract.with_context(tz="UTC").action_activate()
        self.assertEqual(contract.state, "active")

    def test_company_zone_falls_back_to_its_working_calendar(self):
        """A company address without a zone: its working calendar's zone."""
        self.company.partner_id.tz = False
        self.company.resource_calendar_id.tz = "Europe/Stockholm"
        with freeze_time("2027-01-31 23:30"):
            self.assertEqual(self.company._support_today(), date(2027, 2, 1))
        self.company.resource_calendar_id.tz = "UTC"
        with freeze_time("2027-01-31 23:30"):
            self.assertEqual(self.company._support_today(), date(2027, 1, 31))
