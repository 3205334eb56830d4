# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestBuyOnlineTour(HttpCase, SupportPortalMixin):
    """A prospect buys a plan online: configures it, signs the quotation (and pays
    when a payment provider is active), and gets a contract, portal access as its
    key user and the welcome mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.providers = cls.env["payment.provider"].search(
            [("state", "in", ("enabled", "test"))]
        )
        cls.demo_provider = cls.env.ref("payment.payment_provider_demo")

    def _order(self):
        return self.env["sale.order"].search(
            [("partner_id.email", "=", "olga@online.example.com")]
        )

    def _assert_contract_and_key_user(self, order):
        self.assertEqual(order.state, "sale")
        contract = order.support_contract_id
        self.assertTrue(contract)
        self.assertEqual(contract.partner_id.name, "Online Buyer B.V.")
        self.assertEqual(contract.plan_id, self.plan_light)
        self.assertEqual(contract.reserved_hours, 15.0)
        signer = order.partner_id
        self.assertEqual(contract.key_user_ids, signer)
        user = signer.with_context(active_test=False).user_ids
        self.assertTrue(user)
        self.assertTrue(user._is_portal())
        welcome = contract.message_ids.filtered(
            lambda m: signer in m.partner_ids and "Welcome" in (m.subject or "")
        )
        self.assertEqual(len(welcome), 1)
        self.assertIn(contract.name, welcome.subject)

    def test_signature_confirms_without_payment_provider(self):
        """No provider active: the quotation needs only the signature, which
        confirms the order and creates the contract."""
        self.providers.state = "disabled"
        self.start_tour("/support/plans", "support_portal_buy_online_sign")
        order = self._order()
        self.assertEqual(len(order), 1)
        self.assertTrue(order.require_signature)
        self.assertFalse(order.require_payment)
        self._assert_contract_and_key_user(order)

    def test_signature_and_payment_with_payment_provider(self):
        """The demo provider active: the signed quotation stays a quotation, with
        no contract, until it is paid; the payment confirms it."""
        (self.providers - self.demo_provider).state = "disabled"
        self.demo_provider.write({"state": "test", "is_published": True})
        self.start_tour("/support/plans", "support_portal_buy_online_pay")
        order = self._order()
        self.assertEqual(len(order), 1)
        self.assertTrue(order.require_payment)
        self.assertTrue(order.signature)
        self.assertEqual(order.transaction_ids.state, "done")
        self._assert_contract_and_key_user(order)
