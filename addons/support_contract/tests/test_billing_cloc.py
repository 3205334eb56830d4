# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestBillingCloc(SupportContractCommon):
    """Maintenance priced by custom code: 2.50 a month per started block of 100
    lines of the latest measurement taken before the month, at least 100.00; a new
    measurement changes the fee from the next month only, with a note to the key
    users stating the old and new fee."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Stockholm"
        cls.plan_cloc = cls.env["support.plan"].create(
            {
                "name": "Maintenance by code",
                "code": "T-MAINT",
                "fee_mode": "cloc",
                "cloc_block_size": 100,
                "cloc_block_price": 2.5,
                "cloc_min_fee": 100.0,
                "company_id": cls.company.id,
            }
        )
        with freeze_time("2026-01-20 10:00:00"):
            cls.contract = cls._create_contract(
                plan=cls.plan_cloc,
                date_start="2026-02-01",
                key_user_ids=[(6, 0, cls.contact.ids)],
            )
            cls.contract.write({"cloc_lines": 12340, "cloc_date": "2026-01-20"})
            cls.contract.action_activate()

    def _plan_line(self, billing):
        return billing.invoice_id.invoice_line_ids.filtered(
            lambda line: line.product_id == self.plan_cloc.product_id
        )

    def test_fee_from_blocks(self):
        """12,340 lines at 100-line blocks = 124 blocks x 2.50 = 310.00."""
        billing = self.contract._bill_month(date(2026, 2, 1))
        line = self._plan_line(billing)
        self.assertEqual(line.price_unit, 310.0)
        self.assertIn("12340 lines of custom code, 124 blocks of 100 lines", line.name)
        self.assertEqual(billing.invoice_id.amount_untaxed, 310.0)

    def test_remeasurement_mid_month_changes_next_month_only(self):
        """Measured again on 12 March: 20,050 lines, 201 blocks = 502.50. March
        (even billed after the measurement) stays 310.00, April is 502.50; the key
        user is told the old and new fee and from when."""
        self.contract._bill_month(date(2026, 2, 1))
        messages = self.contract.message_ids
        with freeze_time("2026-03-12 11:00:00"):
            self.contract.write({"cloc_lines": 20050, "cloc_date": "2026-03-12"})
            self.assertEqual(self.contract.cloc_previous_lines, 12340)
            # a second measurement in March still leaves March at the old figure
            self.contract.write({"cloc_lines": 20050, "cloc_date": "2026-03-13"})
            self.assertEqual(self.contract.cloc_previous_lines, 12340)
            march = self.contract._bill_month(date(2026, 3, 1))
        self.assertEqual(self._plan_line(march).price_unit, 310.0)
        april = self.contract._bill_month(date(2026, 4, 1))
        self.assertEqual(self._plan_line(april).price_unit, 502.5)
        note = (self.contract.message_ids - messages).filtered(
            lambda message: "New measurement" in message.body
        )
        self.assertEqual(len(note), 1)
        self.assertIn("From April 2026", note.body)
        self.assertIn("502.50", note.body)
        self.assertIn("310.00", note.body)
        self.assertIn(self.contact, note.partner_ids)

    def test_minimum_fee(self):
        """3,000 lines = 30 blocks x 2.50 = 75.00, raised to the minimum 100.00."""
        with freeze_time("2026-01-25 10:00:00"):
            self.contract.write({"cloc_lines": 3000, "cloc_date": "2026-01-25"})
        billing = self.contract._bill_month(date(2026, 2, 1))
        self.assertEqual(self._plan_line(billing).price_unit, 100.0)

    def test_older_measurement_refused(self):
        with self.assertError(ValidationError, "older than the current one"):
            self.contract.write({"cloc_lines": 9000, "cloc_date": "2026-01-10"})
        self.assertEqual(self.contract.cloc_lines, 12340)
        self.assertEqual(self.contract.cloc_date, date(2026, 1, 20))
