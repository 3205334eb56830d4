# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import closing, contextmanager
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.sql_db import db_connect
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.support_contract.models.support_contract_invoicing import (
    SupportContractInvoicing,
)


class SupportContractCommon(BaseCommon):
    """A small catalogue (the tiered plans) and a customer in a company of its own."""

    #: load a chart of accounts into the company (needed to invoice)
    with_accounting = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Support Provider B.V.", "currency_id": cls.env.ref("base.EUR").id}
        )
        if cls.with_accounting:
            cls._setup_accounting(cls.company)
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        cls.env.user.company_ids |= cls.company
        cls.eur = cls.env.ref("base.EUR")
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Business days 08-17", "company_id": cls.company.id}
        )
        cls.hour_product = cls.env.ref("support_contract.product_product_support_hour")
        # Normal hourly rate 100.00
        cls.hour_product.list_price = 100.0
        Plan = cls.env["support.plan"]
        cls.plan_free = Plan.create(
            {
                "name": "Basic",
                "code": "T-BASIC",
                "monthly_price": 0.0,
                "company_id": cls.company.id,
            }
        )
        cls.plan_light = Plan.create(
            {
                "name": "Light",
                "code": "T-LIGHT",
                "monthly_price": 250.0,
                "user_limit": 50,
                "cloc_min": 0,
                "cloc_max": 5000,
                "calendar_id": cls.calendar.id,
                "includes_sla": True,
                "company_id": cls.company.id,
            }
        )
        cls.plan_medium = Plan.create(
            {
                "name": "Medium",
                "code": "T-MEDIUM",
                "monthly_price": 500.0,
                "user_limit": 100,
                "cloc_min": 5000,
                "cloc_max": 20000,
                "company_id": cls.company.id,
            }
        )
        Addon = cls.env["support.addon"]
        cls.addon_extended = Addon.create(
            {
                "name": "Extended",
                "code": "T-EXT",
                "monthly_price": 1000.0,
                "company_id": cls.company.id,
            }
        )
        cls.addon_integration = Addon.create(
            {
                "name": "Integration support",
                "code": "T-INT",
                "monthly_price": 295.0,
                "per_unit": True,
                "unit_label": "integration",
                "company_id": cls.company.id,
            }
        )
        cls.addon_medium_only = Addon.create(
            {
                "name": "Medium-only option",
                "code": "T-MONLY",
                "monthly_price": 100.0,
                "plan_ids": [Command.set(cls.plan_medium.ids)],
                "company_id": cls.company.id,
            }
        )
        cls.bands = cls.env["support.hour.band"].create(
            [
                {"hours_from": 0, "hours_to": 10, "discount": 4},
                {"hours_from": 10, "hours_to": 20, "discount": 6},
                {"hours_from": 20, "hours_to": 50, "discount": 9},
                {"hours_from": 50, "hours_to": 100, "discount": 11},
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer Ltd", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Key User", "parent_id": cls.customer.id}
        )

    @classmethod
    def _setup_accounting(cls, company):
        """Give ``company`` a chart of accounts (and so a sales journal).

        The generic chart sets the company's currency to USD: put it back.
        """
        currency = company.currency_id
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
        company.currency_id = currency

    @classmethod
    def _setup_timesheets(cls, company):
        """An employee for the current user in ``company`` and ticket types."""
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Support Engineer",
                "user_id": cls.env.user.id,
                "company_id": company.id,
            }
        )
        TicketType = cls.env["support.ticket.type"]
        cls.type_support = TicketType.create({"name": "T-Support"})
        cls.type_rfc = TicketType.create(
            {"name": "T-Change", "is_change_request": True, "rfc_max_hours": 8.0}
        )
        cls.type_billable = TicketType.create(
            {"name": "T-Data import", "billable": True}
        )

    @classmethod
    def _create_ticket(cls, contract=None, ticket_type=None, partner=None, **vals):
        values = {
            "name": "Ticket",
            "description": "<p>Help</p>",
            "partner_id": (partner or cls.contact).id,
            "company_id": cls.company.id,
            "support_ticket_type_id": (ticket_type or cls.type_support).id,
        }
        values.update(vals)
        ticket = cls.env["helpdesk.ticket"].create(values)
        if contract:
            assert ticket.support_contract_id == contract
        return ticket

    @classmethod
    def _approve_change(cls, ticket, hours=8.0):
        """A change request's estimate, approved by the customer (work may be
        logged on it from now on); recorded as the portal's approval does."""
        return (
            cls.env["support.change.estimate"]
            .sudo()
            .create({"ticket_id": ticket.id, "hours": hours, "state": "approved"})
        )

    @classmethod
    def _log(cls, ticket, date, hours, name="Work"):
        return cls.env["account.analytic.line"].create(
            {
                "helpdesk_ticket_id": ticket.id,
                "date": date,
                "unit_amount": hours,
                "name": name,
                "employee_id": cls.employee.id,
            }
        )

    @classmethod
    def _create_contract(cls, partner=None, plan=None, **vals):
        values = {
            "partner_id": (partner or cls.customer).id,
            "plan_id": (plan or cls.plan_light).id,
            "company_id": cls.company.id,
            "date_start": "2026-01-01",
        }
        values.update(vals)
        return cls.env["support.contract"].create(values)

    @classmethod
    def _create_extended_contract(cls, date_start, **vals):
        """Light 250 + Extended 1,000 + 15 reserved hours x 100 less 6 % (1,410):
        2,660 a whole month."""
        return cls._create_contract(
            date_start=date_start,
            reserved_hours=15,
            addon_line_ids=[Command.create({"addon_id": cls.addon_extended.id})],
            **vals,
        )

    def _contract_invoices(self, contract):
        """The contract's invoices, oldest first."""
        return self.env["account.move"].search(
            [("support_contract_id", "=", contract.id)], order="invoice_date, id"
        )

    def _run_billing(self, month=None):
        """The daily billing run (scheduled action), its commits per batch
        replaced by nothing: the test's transaction is rolled back at the end."""
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", autospec=True):
            self.env["support.contract"]._cron_bill_month(month)

    @contextmanager
    def _billing_fails_for(self, contracts, message):
        """The billing of ``contracts`` raises ``message`` (as a broken invoice
        address would) while the block runs; the others bill as usual."""
        original = SupportContractInvoicing._prepare_billing_invoice

        def crash(contract, month, lines):
            if contract in contracts:
                raise RuntimeError(message)
            return original(contract, month, lines)

        with (
            patch.object(SupportContractInvoicing, "_prepare_billing_invoice", crash),
            mute_logger(
                "odoo.addons.support_contract.models.support_contract_invoicing"
            ),
        ):
            yield

    @contextmanager
    def assertError(self, exception, regex):
        """assertRaises (which rolls back to a savepoint) plus a check of the text."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @contextmanager
    def _other_worker(self, lock_timeout="5s"):
        """The environment of a second Odoo worker: its own database connection,
        running beside this test's transaction (which it cannot see: use committed
        records, e.g. the demo data). It waits at most ``lock_timeout`` for a lock
        and is rolled back at the end."""
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            # for this transaction only: the connection goes back to the pool
            cr.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
            try:
                yield api.Environment(cr, SUPERUSER_ID, {})
            finally:
                cr.rollback()
