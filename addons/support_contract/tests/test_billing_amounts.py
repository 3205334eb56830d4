# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from .common import SupportContractCommon


def accounting_header(move):
    """What Odoo computes for an invoice: fiscal position, payment term, bank
    account, journal, currency and rate, delivery address, due date, totals."""
    return (
        move.fiscal_position_id,
        move.invoice_payment_term_id,
        move.partner_bank_id,
        move.journal_id,
        move.currency_id,
        move.invoice_currency_rate,
        move.partner_shipping_id,
        move.invoice_date_due,
        move.amount_untaxed,
        move.amount_tax,
    )


def accounting_lines(move):
    """What Odoo computes for each journal item of an invoice (its number, in
    the payment term's label once posted, read as "#")."""
    number = move.name if move.name and move.name != "/" else None
    return sorted(
        (
            line.display_type,
            (line.name or "").replace(number, "#") if number else line.name or "",
            line.account_id.id,
            line.tax_ids.ids,
            line.product_uom_id.id,
            line.currency_rate,
            line.partner_id.id,
            tuple(sorted((line.analytic_distribution or {}).items())),
            line.balance,
        )
        for line in move.line_ids
    )


@tagged("post_install", "-at_install")
class TestBillingAmounts(SupportContractCommon):
    """The billing gives each invoice line its amounts up front (to save Odoo's
    tax synchronisation a write per line): the invoice must be exactly the one
    Odoo computes from the same lines, with price-included taxes, lines without
    tax and global rounding."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.tax_calculation_rounding_method = "round_globally"
        Tax = cls.env["account.tax"].with_company(cls.company)
        cls.tax_included = Tax.create(
            {
                "name": "21% included",
                "amount": 21.0,
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": cls.company.id,
            }
        )
        cls.tax_excluded = Tax.create(
            {
                "name": "15% excluded",
                "amount": 15.0,
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company.id,
            }
        )
        cls.plan_light.product_id.taxes_id = cls.tax_included
        cls.addon_extended.product_id.taxes_id = False
        cls.addon_integration.product_id.taxes_id = cls.tax_excluded
        cls.bands.product_id.taxes_id = cls.tax_excluded
        partner = cls.env["res.partner"].create(
            {"name": "Taxed Customer", "is_company": True}
        )
        cls.contract = cls._create_contract(partner=partner, reserved_hours=15)
        cls.contract.addon_line_ids = [
            Command.create({"addon_id": cls.addon_extended.id}),
            Command.create({"addon_id": cls.addon_integration.id, "quantity": 2}),
        ]
        cls.contract.action_activate()

    def test_amounts_as_odoo_computes_them(self):
        invoice = self.contract._bill_month(date(2026, 3, 1)).invoice_id
        self.assertEqual(invoice.currency_id, self.company.currency_id)
        # Light 250.00 tax included (21%): 250 / 1.21 = 206.61 + 43.39 tax
        # Extended 1,000.00 without tax
        # 2 integrations x 295 = 590.00 + 15% = 88.50
        # 15 h x 100 x 0.94 = 1,410.00 + 15% = 211.50
        # untaxed 206.61 + 1,000 + 590 + 1,410 = 3,206.61
        # tax 43.39 + 88.50 + 211.50 = 343.39; total 3,550.00
        self.assertAlmostEqual(invoice.amount_untaxed, 3206.61, places=2)
        self.assertAlmostEqual(invoice.amount_tax, 343.39, places=2)
        self.assertAlmostEqual(invoice.amount_total, 3550.0, places=2)
        # the same lines, created the ordinary way (no amounts given)
        reference = (
            self.env["account.move"]
            .with_company(self.company)
            .create(invoice._get_plain_copy_vals())
        )

        def amounts(move):
            return sorted(
                (
                    line.display_type,
                    line.name or "",
                    line.tax_ids.ids,
                    line.amount_currency,
                    line.balance,
                )
                for line in move.line_ids
            )

        self.assertEqual(amounts(invoice), amounts(reference))
        self.assertEqual(
            (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total),
            (reference.amount_untaxed, reference.amount_tax, reference.amount_total),
        )

    def test_accounting_as_odoo_computes_it(self):
        """The billing gives the invoice its fiscal position and the lines their
        income account and taxes (looked up once per batch): they, and what
        Odoo still computes (payment term, bank account, journal, units,
        currency rate, due date), are exactly what Odoo computes for the same
        lines created the ordinary way. A Belgian customer's fiscal position
        maps the 15 % tax to 0 % and the income account to an export account;
        the customer pays in 30 days into the provider's bank account."""
        company = self.company
        Account = self.env["account.account"].with_company(company)
        income = self.plan_light.product_id.product_tmpl_id.with_company(
            company
        ).get_product_accounts()["income"]
        self.assertTrue(income)
        export_income = Account.create(
            {"name": "Export sales", "code": "700900", "account_type": "income"}
        )
        export_tax = (
            self.env["account.tax"]
            .with_company(company)
            .create(
                {
                    "name": "0% export",
                    "amount": 0.0,
                    "type_tax_use": "sale",
                    "company_id": company.id,
                    "original_tax_ids": [Command.set(self.tax_excluded.ids)],
                }
            )
        )
        self.env["account.fiscal.position"].create(
            {
                "name": "Belgium",
                "company_id": company.id,
                "auto_apply": True,
                "country_id": self.env.ref("base.be").id,
                "tax_ids": [Command.set((export_tax | self.tax_included).ids)],
                "account_ids": [
                    Command.create(
                        {
                            "account_src_id": income.id,
                            "account_dest_id": export_income.id,
                        }
                    )
                ],
            }
        )
        self.env["res.partner.bank"].create(
            {"acc_number": "NL91ABNA0417164300", "partner_id": company.partner_id.id}
        )
        partner = self.env["res.partner"].create(
            {
                "name": "Brussels Customer",
                "is_company": True,
                "country_id": self.env.ref("base.be").id,
                "property_payment_term_id": self.env.ref(
                    "account.account_payment_term_30days"
                ).id,
            }
        )
        contract = self._create_contract(partner=partner, reserved_hours=15)
        contract.addon_line_ids = [
            Command.create({"addon_id": self.addon_integration.id, "quantity": 2}),
        ]
        contract.action_activate()
        invoice = contract._bill_month(date(2026, 3, 1)).invoice_id
        reference = (
            self.env["account.move"]
            .with_company(company)
            .create(invoice._get_plain_copy_vals())
        )

        self.assertEqual(accounting_header(invoice), accounting_header(reference))
        self.assertEqual(accounting_lines(invoice), accounting_lines(reference))
        # the fiscal position applies: the plan keeps its tax, the integrations'
        # 15 % become 0 %, and the income goes to the export account
        self.assertEqual(invoice.fiscal_position_id.name, "Belgium")
        self.assertEqual(
            invoice.invoice_payment_term_id,
            self.env.ref("account.account_payment_term_30days"),
        )
        self.assertTrue(invoice.partner_bank_id)
        product_lines = invoice.invoice_line_ids
        self.assertEqual(set(product_lines.account_id.ids), {export_income.id})
        self.assertEqual(
            product_lines.filtered(
                lambda line: line.product_id == self.addon_integration.product_id
            ).tax_ids,
            export_tax,
        )


@tagged("post_install", "-at_install")
class TestDemoInvoices(TransactionCase):
    """The demo bills its customers as the database's own company would: in the
    company's currency, with the fiscal position, accounts and taxes Odoo gives
    that company's invoice to that customer (on Odoo's demo company, a US
    company, the Dutch and Swedish customers are foreign customers: dollars and
    its "Foreign Trade" position, 0 % export tax)."""

    def test_demo_invoices_as_the_company_bills(self):
        for xmlid in ("support_contract_tulip_demo", "support_contract_nordic_demo"):
            contract = self.env.ref(f"support_contract.{xmlid}")
            invoices = contract.billing_ids.invoice_id
            self.assertTrue(invoices, xmlid)
            for invoice in invoices:
                self.assertEqual(invoice.currency_id, contract.company_id.currency_id)
                reference = (
                    self.env["account.move"]
                    .with_company(invoice.company_id)
                    .create(invoice._get_plain_copy_vals())
                )
                if invoice.state == "posted":
                    reference.action_post()
                self.assertEqual(
                    accounting_header(invoice), accounting_header(reference)
                )
                self.assertEqual(accounting_lines(invoice), accounting_lines(reference))
