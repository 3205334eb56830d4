# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestCatalogue(SupportContractCommon):
    def test_plan_backed_by_product(self):
        """A plan creates its service product; the product's price is the fee."""
        product = self.plan_light.product_id
        self.assertEqual(product.type, "service")
        self.assertEqual(product.list_price, 250.0)
        self.assertEqual(product.company_id, self.company)
        self.assertTrue(self.plan_free.is_free)
        self.assertFalse(self.plan_free.allows_reserved_hours)
        self.assertFalse(self.plan_light.is_free)
        self.assertTrue(self.plan_light.allows_reserved_hours)
        self.plan_light.monthly_price = 275.0
        self.assertEqual(product.list_price, 275.0)

    def test_product_cannot_be_removed(self):
        """A plan or add-on without its product is refused with the reason (it
        raised "Expected singleton" from the price computation)."""
        addon = self.env["support.addon"].create(
            {"name": "Extra", "monthly_price": 10.0, "company_id": self.company.id}
        )
        for entry in (self.plan_light, addon):
            with (
                self.subTest(entry=entry.name),
                self.assertRaisesRegex(ValidationError, "is sold through its product"),
            ):
                entry.product_id = False
            self.assertTrue(entry.product_id)

    def test_band_boundaries(self):
        """Bands are half-open, as the customer reads "10-20 hours: 6 %": 10, 20
        and 50 reserved hours fall in the band they start.

        Bands 0-10 4 %, 10-20 6 %, 20-50 9 %, 50-100 11 % (hours_from <= h <
        hours_to): 9.99 h -> 0-10 (4 %); 10 h -> 10-20 (6 %); 19.99 h -> 10-20
        (6 %); 20 h -> 20-50 (9 %); 49.99 h -> 20-50 (9 %); 50 h -> 50-100
        (11 %); 100 h is the upper bound of the highest band, with no band above
        it -> 50-100 (11 %); 100.01 h -> no band.
        """
        Band = self.env["support.hour.band"].with_company(self.company)
        expected = {
            0.5: 4,
            9.99: 4,
            10: 6,
            19.99: 6,
            20: 9,
            49.99: 9,
            50: 11,
            100: 11,
        }
        for hours, discount in expected.items():
            self.assertEqual(
                Band._get_band(hours, self.company).discount, discount, hours
            )
        self.assertFalse(Band._get_band(0, self.company))
        with self.assertError(ValidationError, "No reserved-hour band"):
            Band._get_band(100.01, self.company)
        with self.assertError(ValidationError, "cannot be negative"):
            Band._get_band(-1, self.company)
        # the band list says which band a boundary belongs to
        self.assertEqual(
            self.bands[1].range_label,
            "from 10 h up to but not including 20 h",
        )
        self.assertEqual(
            self.bands[3].range_label,
            "from 50 h up to and including 100 h",
        )
        # a band added above: 100 h now belongs to it, 50-100 no longer holds 100
        top = Band.create({"hours_from": 100, "hours_to": 200, "discount": 12})
        self.assertEqual(Band._get_band(100, self.company), top)
        self.bands.invalidate_recordset(["range_label"])
        self.assertEqual(
            self.bands[3].range_label,
            "from 50 h up to but not including 100 h",
        )

    def test_band_texts_say_what_the_bands_do(self):
        """The band form's examples and the contract's band help state the
        half-open rule the bands follow: 10 h -> 10-20 h, 9.5 h -> 0-10 h."""
        Band = self.env["support.hour.band"].with_company(self.company)
        arch = self.env.ref("support_contract.support_hour_band_view_form").arch
        examples = re.findall(
            r"(\d+(?:\.\d+)?) h\s+(?:falls\s+)?in the (\d+)-(\d+) h band", arch
        )
        self.assertEqual(len(examples), 2, arch)
        for hours, low, high in examples:
            band = Band._get_band(float(hours), self.company)
            self.assertEqual(
                (band.hours_from, band.hours_to), (float(low), float(high)), hours
            )
        action_help = self.env.ref("support_contract.support_hour_band_action").help
        contract_help = self.env["support.contract"]._fields["hour_band_id"].help
        for text in (arch, action_help, contract_help):
            self.assertNotIn("up to and including its upper bound", text)
            self.assertNotIn("lower bound excluded", text)
            self.assertIn("up to but not", text)

    def test_band_overlap_and_gap(self):
        """Overlapping or gapped bands are refused and nothing is written."""
        Band = self.env["support.hour.band"]
        before = Band.search_count([("company_id", "=", self.company.id)])
        with self.assertError(ValidationError, "overlap"):
            Band.create({"hours_from": 90, "hours_to": 120, "discount": 12})
        with self.assertError(ValidationError, "gap"):
            Band.create({"hours_from": 110, "hours_to": 120, "discount": 12})
        with self.assertError(ValidationError, "overlap"):
            self.bands[1].hours_from = 8
        with self.assertError(ValidationError, "gap"):
            self.bands[1].unlink()
        self.assertEqual(
            Band.search_count([("company_id", "=", self.company.id)]), before
        )
        self.assertEqual(self.bands[1].hours_from, 10)
        # appending at the top is fine
        Band.create({"hours_from": 100, "hours_to": 200, "discount": 12})
