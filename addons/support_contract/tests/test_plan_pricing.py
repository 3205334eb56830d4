# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.cloc_fee import cloc_blocks, cloc_fee
from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestPlanPricing(SupportContractCommon):
    """Plans priced per block of custom code, and member rates on hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_cloc = cls.env["support.plan"].create(
            {
                "name": "Maintenance by code",
                "monthly_price": 0.01,
                "fee_mode": "cloc",
                "cloc_block_size": 100,
                "cloc_block_price": 2.5,
                "cloc_min_fee": 100.0,
            }
        )

    def test_cloc_blocks(self):
        """Started blocks: 12,340 lines at 100-line blocks are 124 blocks;
        pro rata they are 123.4."""
        self.assertEqual(cloc_blocks(12340, 100), 124)
        self.assertEqual(cloc_blocks(12300, 100), 123)
        self.assertEqual(cloc_blocks(0, 100), 0)
        self.assertAlmostEqual(cloc_blocks(12340, 100, "prorata"), 123.4)
        self.assertEqual(cloc_fee(12340, 100, 2.5), (124, 310.0))
        with self.assertRaises(ValueError):
            cloc_blocks(100, 0)

    def test_cloc_fee_of_plan(self):
        """124 blocks x 2.50 = 310.00; 1,000 lines = 10 blocks x 2.50 = 25.00,
        raised to the minimum fee of 100.00."""
        self.assertEqual(self.plan_cloc._get_cloc_fee(12340), (124, 310.0))
        self.assertEqual(self.plan_cloc._get_cloc_fee(1000), (10, 100.0))

    def test_cloc_plan_bad_input(self):
        """No block size, a negative minimum fee: refused, nothing written."""
        with self.assertError(ValidationError, "lines per block"):
            self.plan_cloc.write({"cloc_block_size": 0})
        with self.assertError(ValidationError, "minimum monthly fee cannot be"):
            self.plan_cloc.write({"cloc_min_fee": -1.0})
        self.assertEqual(self.plan_cloc.cloc_block_size, 100)
        self.assertEqual(self.plan_cloc.cloc_min_fee, 100.0)
        with self.assertError(ValidationError, "lines per block"):
            self.env["support.plan"].create(
                {"name": "No blocks", "monthly_price": 1.0, "fee_mode": "cloc"}
            )
        self.assertFalse(self.env["support.plan"].search([("name", "=", "No blocks")]))

    def test_member_discount(self):
        """Percentage: the plan's discount. Pricelist: the discount bringing the
        normal rate (100.00) to the pricelist's 85.00, i.e. 15 %."""
        self.plan_light.write({"member_rate_mode": "percent", "member_discount": 10})
        self.assertEqual(
            self.plan_light._get_member_discount(
                100.0, self.hour_product, self.company
            ),
            10.0,
        )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Members",
                "currency_id": self.company.currency_id.id,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.hour_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 85.0,
                        },
                    )
                ],
            }
        )
        self.plan_light.write(
            {"member_rate_mode": "pricelist", "member_pricelist_id": pricelist.id}
        )
        self.assertEqual(
            self.plan_light._get_member_discount(
                100.0, self.hour_product, self.company
            ),
            15.0,
        )
        self.plan_light.write({"member_rate_mode": "none"})
        self.assertEqual(
            self.plan_light._get_member_discount(
                100.0, self.hour_product, self.company
            ),
            0.0,
        )

    def test_member_rate_bad_input(self):
        with self.assertError(ValidationError, "between 0 and 100"):
            self.plan_light.write(
                {"member_rate_mode": "percent", "member_discount": 120}
            )
        self.assertEqual(self.plan_light.member_rate_mode, "none")
        with self.assertError(ValidationError, "choose the pricelist"):
            self.plan_light.write({"member_rate_mode": "pricelist"})
        self.assertEqual(self.plan_light.member_rate_mode, "none")
