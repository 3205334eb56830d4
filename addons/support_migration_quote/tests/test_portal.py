# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# a 1x1 transparent PNG: the signature the customer draws
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()


@tagged("post_install", "-at_install")
class TestPortalSignature(HttpCase):
    """The customer signs the migration quotation in the portal; the included
    upgrade it covers is then used."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        company = cls.env.company
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Customer B.V.", "is_company": True}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="mq_portal",
            password="mq_portal_pw",
            groups="base.group_portal",
            name="Key User",
            parent_id=cls.customer.id,
        )
        plan = cls.env["support.plan"].create(
            {"name": "Medium", "code": "MQ-MEDIUM", "monthly_price": 500.0}
        )
        cls.contract = cls.env["support.contract"].create(
            {
                "partner_id": cls.customer.id,
                "plan_id": plan.id,
                "date_start": "2026-01-01",
            }
        )
        cls.contract.action_activate()
        cls.rule = cls.env["support.migration.pricing.rule"].create(
            {
                "name": "Migration service",
                "company_id": company.id,
                "base_amount": 5000.0,
                "block_amount": 1500.0,
            }
        )
        cls.env["support.cloc.measurement"].create(
            {
                "partner_id": cls.customer.id,
                "source": "manual",
                "code_lines": 20000,
                "reason": "Test",
            }
        )

    @freeze_time("2026-06-01 10:00:00")
    def test_sign_quotation_in_portal(self):
        wizard = self.env["support.migration.quote.wizard"].create(
            {"partner_id": self.customer.id, "rule_id": self.rule.id}
        )
        self.assertTrue(wizard.upgrade_covered)
        order = self.env["sale.order"].browse(
            wizard.action_create_quotation()["res_id"]
        )
        order.require_payment = False
        self.assertTrue(order._has_to_be_signed())
        self.authenticate("mq_portal", "mq_portal_pw")
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Accept & Sign", page.text)
        self.assertIn("Migration: custom code", page.text)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {
                "access_token": order._portal_ensure_token(),
                "name": "Key User",
                "signature": SIGNATURE,
            },
        )
        self.assertNotIn("error", result)
        self.assertEqual(order.signed_by, "Key User")
        self.assertEqual(order.state, "sale")
        self.assertEqual(str(self.contract.upgrade_last_date), "2026-06-01")
