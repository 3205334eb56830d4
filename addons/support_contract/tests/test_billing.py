# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestBilling(SupportContractCommon):
    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = date(2026, 3, 1)
        cls.contracts = cls.env["support.contract"]
        for index in range(3):
            partner = cls.env["res.partner"].create(
                {"name": f"Billed Customer {index}", "is_company": True}
            )
            contract = cls._create_contract(partner=partner, reserved_hours=15)
            contract.action_activate()
            cls.contracts |= contract

    def _billings(self, contracts=None):
        return self.env["support.contract.billing"].search(
            [("contract_id", "in", (contracts or self.contracts).ids)]
        )

    def test_invoice_content(self):
        """Light + Extended + 2 integrations + 15 reserved hours, one month:
        250 + 1,000 + 2 x 295 + 15 x 100 x 0.94 = 250 + 1,000 + 590 + 1,410 = 3,250.
        """
        contract = self.contracts[0]
        contract.addon_line_ids = [
            Command.create({"addon_id": self.addon_extended.id}),
            Command.create({"addon_id": self.addon_integration.id, "quantity": 2}),
        ]
        billing = contract._bill_month(self.month)
        invoice = billing.invoice_id
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, contract.partner_id)
        self.assertEqual(invoice.company_id, self.company)
        self.assertEqual(invoice.currency_id, self.eur)
        self.assertEqual(invoice.invoice_date, self.month)
        self.assertEqual(invoice.support_contract_id, contract)
        lines = {
            line.product_id: (line.quantity, line.price_unit, line.discount)
            for line in invoice.invoice_line_ids
        }
        self.assertEqual(lines[self.plan_light.product_id], (1, 250, 0))
        self.assertEqual(lines[self.addon_extended.product_id], (1, 1000, 0))
        self.assertEqual(lines[self.addon_integration.product_id], (2, 295, 0))
        self.assertEqual(lines[self.bands[1].product_id], (15, 100, 6))
        self.assertEqual(invoice.amount_untaxed, 3250.0)
        self.assertEqual(contract.hour_balance, 15.0)
        self.assertEqual(contract.invoice_ids, invoice)

    def test_run_twice(self):
        first = self.contracts._bill_month(self.month)
        self.assertEqual(len(first), 3)
        second = self.contracts._bill_month(self.month)
        self.assertFalse(second)
        self.assertEqual(len(self._billings()), 3)
        self.assertEqual(len(self._billings().invoice_id), 3)
        # each contract credited once: 15 h
        for contract in self.contracts:
            self.assertEqual(contract.hour_balance, 15.0)

    def test_database_refuses_second_billing(self):
        """The unique index, not only Python, prevents a second billing."""
        contract = self.contracts[0]
        contract._bill_month(self.month)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["support.contract.billing"].create(
                {"contract_id": contract.id, "month": self.month}
            )

    def test_billing_refused_by_the_index_leaves_no_invoice(self):
        """A batch creates its invoices before its billing rows: when the unique
        month index refuses a row (a billing the run's check did not see, as one
        another worker committed after it), the batch's savepoint undoes the
        invoices too; the contract keeps its one billing and invoice, and the
        others are billed."""
        billed = self.contracts[0]
        first = billed._bill_month(self.month)
        Contract = type(self.env["support.contract"])
        original = Contract._get_billed

        def blind(contracts, month):
            return original(contracts, month) - billed

        with (
            patch.object(Contract, "_get_billed", blind),
            mute_logger(
                "odoo.sql_db",
                "odoo.addons.support_contract.models.support_contract_invoicing",
            ),
        ):
            done = self.contracts._bill_month(self.month)
        self.assertEqual(done.contract_id, self.contracts - billed)
        self.assertEqual(self._billings(billed), first)
        self.assertEqual(
            self.env["account.move"].search([("support_contract_id", "=", billed.id)]),
            first.invoice_id,
        )
        self.assertEqual(len(self._billings().invoice_id), 3)
        # the index refused it (the run tried, failed and told the manager)
        self.assertEqual(billed.activity_ids.summary, "Billing of March 2026 failed")

    def test_crash_half_way(self):
        """A contract failing half-way leaves nothing behind; the next run bills
        it and only it."""
        failing = self.contracts[1]
        with self._billing_fails_for(failing, "simulated crash"):
            done = self.contracts._bill_month(self.month)
        self.assertEqual(done.contract_id, self.contracts - failing)
        self.assertFalse(self._billings(failing))
        self.assertFalse(failing.ledger_line_ids)
        self.assertEqual(failing.hour_balance, 0.0)
        self.assertFalse(
            self.env["account.move"].search([("support_contract_id", "=", failing.id)])
        )
        # next run: only the failed contract is billed
        again = self.contracts._bill_month(self.month)
        self.assertEqual(again.contract_id, failing)
        self.assertEqual(len(self._billings()), 3)
        self.assertEqual(len(self._billings().invoice_id), 3)

    def test_failed_contract_is_notified(self):
        """A contract whose billing fails is skipped and its account manager gets
        a to-do stating the error, once per month however often the run fails;
        the others are billed and get none."""
        failing = self.contracts[1]
        with self._billing_fails_for(failing, "The customer has no invoice address"):
            done = self.contracts._bill_month(self.month)
            self.contracts._bill_month(self.month)
        self.assertEqual(done.contract_id, self.contracts - failing)
        activity = failing.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Billing of March 2026 failed")
        self.assertIn("The customer has no invoice address", str(activity.note))
        self.assertEqual(activity.user_id, failing.user_id)
        self.assertFalse((self.contracts - failing).activity_ids)

    def test_cron_commits_per_batch(self):
        """The scheduled action bills the month in batches and commits each."""
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", autospec=True
        ) as commit:
            self.env["support.contract"]._cron_bill_month(self.month, batch_size=2)
        self.assertTrue(self._billings())
        self.assertEqual(len(self._billings()), 3)
        self.assertGreaterEqual(commit.call_count, 2)
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", autospec=True):
            self.env["support.contract"]._cron_bill_month(self.month)
        self.assertEqual(len(self._billings()), 3)

    def test_two_workers_bill_a_month_quietly(self):
        """A second run of the month beside a first one (two workers, two
        database connections) skips the contracts the first one holds: no wait,
        no ERROR logged, each contract billed once (it waited for the first
        run's locks and logged "Billing ... failed" for each contract)."""
        contracts = self.env.ref("support_contract.support_contract_tulip_demo") | (
            self.env.ref("support_contract.support_contract_nordic_demo")
        )
        self.assertEqual(set(contracts.mapped("state")), {"active"})
        month = date.today().replace(day=1) + relativedelta(months=1)
        # the first worker (this transaction) holds the contracts
        contracts._lock_rows()
        with (
            self._other_worker() as env,
            self.assertNoLogs("odoo", level="ERROR"),
        ):
            second = env["support.contract"].browse(contracts.ids)
            self.assertFalse(second._bill_month(month, batch_size=1))
        # the first worker bills them all
        self.assertEqual(contracts._bill_month(month).contract_id, contracts)

    def test_not_billed_outside_term(self):
        draft = self._create_contract(
            partner=self.env["res.partner"].create({"name": "Draft Co"})
        )
        future = self._create_contract(
            partner=self.env["res.partner"].create({"name": "Future Co"}),
            date_start="2026-04-01",
        )
        future.action_activate()
        domain = self.env["support.contract"]._get_billable_domain(self.month)
        found = self.env["support.contract"].search(domain)
        self.assertIn(self.contracts[0], found)
        self.assertNotIn(draft, found)
        self.assertNotIn(future, found)


@tagged("post_install", "-at_install")
class TestBillingCompaniesCurrencies(SupportContractCommon):
    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sek = cls.env.ref("base.SEK")
        cls.usd = cls.env.ref("base.USD")
        cls.sek.active = True
        cls.usd.active = True
        cls.company_se = cls.env["res.company"].create(
            {"name": "Support Provider AB", "currency_id": cls.sek.id}
        )
        cls.env.user.company_ids |= cls.company_se
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id, cls.company_se.id],
            )
        )
        cls._setup_accounting(cls.company_se)
        cls.plan_se = (
            cls.env["support.plan"]
            .with_company(cls.company_se)
            .create(
                {
                    "name": "PrioritySupport Small",
                    "monthly_price": 2000.0,
                    "company_id": cls.company_se.id,
                }
            )
        )
        cls.env["support.hour.band"].with_company(cls.company_se).create(
            {"hours_from": 0, "hours_to": 40, "discount": 5}
        )
        # 1 EUR = 1.10 USD in the Dutch company
        cls.env["res.currency.rate"].create(
            [
                {
                    "name": "2026-01-01",
                    "rate": rate,
                    "currency_id": currency.id,
                    "company_id": cls.company.id,
                }
                for currency, rate in ((cls.eur, 1.0), (cls.usd, 1.10))
            ]
        )
        # the USD pricelist sets the hourly rate at 110.00 USD; other products
        # are converted from their list price (EUR) at 1.10
        cls.pricelist_usd = cls.env["product.pricelist"].create(
            {
                "name": "USD",
                "currency_id": cls.usd.id,
                "company_id": cls.company.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.hour_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 110.0,
                        }
                    )
                ],
            }
        )

    def test_two_companies_two_currencies(self):
        month = date(2026, 3, 1)
        customer_se = self.env["res.partner"].create(
            {"name": "Nordic Test AB", "is_company": True}
        )
        contract_se = (
            self.env["support.contract"]
            .with_company(self.company_se)
            .create(
                {
                    "partner_id": customer_se.id,
                    "company_id": self.company_se.id,
                    "plan_id": self.plan_se.id,
                    "date_start": "2026-01-01",
                    "hourly_rate": 1200.0,
                    "reserved_hours": 10,
                }
            )
        )
        contract_se.action_activate()
        self.assertEqual(contract_se.currency_id, self.sek)
        contract_usd = self._create_contract(
            pricelist_id=self.pricelist_usd.id, reserved_hours=15
        )
        contract_usd.action_activate()
        self.assertEqual(contract_usd.currency_id, self.usd)
        # hourly rate from the pricelist
        self.assertEqual(contract_usd.hourly_rate, 110.0)
        billings = (contract_se | contract_usd)._bill_month(month)
        self.assertEqual(len(billings), 2)
        invoice_se = billings.filtered(
            lambda b: b.contract_id == contract_se
        ).invoice_id
        invoice_usd = billings.filtered(
            lambda b: b.contract_id == contract_usd
        ).invoice_id
        self.assertEqual(invoice_se.company_id, self.company_se)
        self.assertEqual(invoice_se.currency_id, self.sek)
        self.assertEqual(invoice_se.journal_id.company_id, self.company_se)
        # 2,000 SEK plan + 10 h x 1,200 x 0.95 = 2,000 + 11,400 = 13,400 SEK
        self.assertEqual(invoice_se.amount_untaxed, 13400.0)
        self.assertEqual(invoice_usd.company_id, self.company)
        self.assertEqual(invoice_usd.currency_id, self.usd)
        # plan 250 EUR = 275 USD; 15 h x 110 x 0.94 = 1,551 USD; total 1,826 USD
        self.assertEqual(invoice_usd.amount_untaxed, 1826.0)
        # and again: nothing new in either company
        self.assertFalse((contract_se | contract_usd)._bill_month(month))
