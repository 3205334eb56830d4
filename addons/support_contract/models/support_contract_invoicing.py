# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Billing of a support contract: what one month costs (plan, add-ons, reserved
hours at the band's discount), the prices read from the contract's pricelist, and
the monthly invoice: the scheduled action bills every active contract once per
month (plan, add-ons, reserved hours, excess hours until the end of last month and
hours billed separately), in batches that commit their progress."""

import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import float_is_zero, format_date, split_every

_logger = logging.getLogger(__name__)


# support.contract is split by concern, one file each (contract, hours, invoicing,
# lifecycle, agreement), so that a reader finds a rule by its subject
# pylint: disable=consider-merging-classes-inherited
class SupportContractInvoicing(models.Model):
    _inherit = "support.contract"

    hourly_rate = fields.Monetary(
        compute="_compute_hourly_rate",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Normal rate of an hour of support, from the pricelist.",
    )
    plan_price = fields.Monetary(
        string="Plan Fee", compute="_compute_amounts", help="Monthly plan fee."
    )
    addons_price = fields.Monetary(string="Add-ons Fee", compute="_compute_amounts")
    reserved_price = fields.Monetary(
        string="Reserved Hours Fee",
        compute="_compute_amounts",
        help="Reserved hours x hourly rate x (1 - band discount).",
    )
    monthly_amount = fields.Monetary(
        compute="_compute_amounts",
        help="What one month costs, excluding excess and separately billed hours.",
    )
    billing_ids = fields.One2many(
        comodel_name="support.contract.billing",
        inverse_name="contract_id",
        string="Monthly Billings",
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        string="Invoices",
        compute="_compute_invoice_ids",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_ids")

    @api.depends("pricelist_id", "currency_id", "company_id")
    def _compute_hourly_rate(self):
        for contract in self:
            contract.hourly_rate = contract._get_product_price(
                contract._get_hour_product()
            )

    @api.depends(
        "plan_id",
        "addon_line_ids.quantity",
        "addon_line_ids.addon_id",
        "reserved_hours",
        "hourly_rate",
        "hour_band_id",
        "pricelist_id",
        "currency_id",
    )
    def _compute_amounts(self):
        for contract in self:
            plan_price = contract._get_product_price(contract.plan_id.product_id)
            addons_price = sum(
                line.quantity * contract._get_product_price(line.addon_id.product_id)
                for line in contract.addon_line_ids
            )
            reserved_price = contract._get_reserved_price()
            contract.plan_price = plan_price
            contract.addons_price = contract.currency_id.round(addons_price)
            contract.reserved_price = reserved_price
            contract.monthly_amount = plan_price + addons_price + reserved_price

    @api.depends("billing_ids.invoice_id")
    def _compute_invoice_ids(self):
        billings = self.env["support.contract.billing"].search(
            [("contract_id", "in", self.ids), ("invoice_id", "!=", False)]
        )
        by_contract = billings.grouped("contract_id")
        Billing = self.env["support.contract.billing"]
        for contract in self:
            invoices = by_contract.get(contract, Billing).invoice_id
            contract.invoice_ids = invoices
            contract.invoice_count = len(invoices)

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    def action_bill_current_month(self):
        """Bill this month now (the scheduled action would do it as well)."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active contract is billed."))
        month = fields.Date.context_today(self).replace(day=1)
        billing = self._bill_month(month)
        if not billing:
            raise UserError(
                self.env._(
                    "%(contract)s was billed for %(month)s already.",
                    contract=self.name,
                    month=format_date(self.env, month, date_format="MMMM y"),
                )
            )
        return self.action_view_invoices()

    def _get_product_price(self, product, quantity=1.0, date=None, cache=None):
        """Price of ``product`` on this contract's pricelist, in its currency.

        :param cache: optional dict kept by the caller for one computation over
            many contracts (monthly billing): contracts sharing pricelist,
            currency and company get the price computed once.
        """
        self.ensure_one()
        if not product:
            return 0.0
        date = date or fields.Date.context_today(self)
        if cache is not None:
            key = (
                "price",
                self.pricelist_id.id,
                self.currency_id.id,
                self.company_id.id,
                product.id,
                quantity,
                date,
            )
            if key not in cache:
                cache[key] = self._get_product_price(product, quantity, date)
            return cache[key]
        # prices and rates of the contract's company, whatever the current one
        product = product.with_company(self.company_id)
        if self.pricelist_id:
            price = self.pricelist_id.with_company(self.company_id)._get_product_price(
                product, quantity, currency=self.currency_id, date=date
            )
        else:
            price = product.currency_id._convert(
                product.list_price, self.currency_id, self.company_id, date
            )
        return self.currency_id.round(price)

    @api.model
    def _get_billable_domain(self, month):
        """Contracts to bill for ``month`` (first day of a month): active ones,
        and ended ones until their end date, their last day (a contract ended in
        October on 31 December is billed for November and December)."""
        month_end = month + relativedelta(months=1, days=-1)
        return Domain.AND(
            [
                [
                    ("state", "in", ("active", "ended")),
                    ("date_start", "<=", month_end),
                ],
                Domain("date_end", "=", False) | Domain("date_end", ">=", month),
                # an ended contract always has its end date
                Domain("state", "=", "active") | Domain("date_end", "!=", False),
            ]
        )

    @api.model
    def _cron_bill_month(self, month=None, batch_size=50):
        """Scheduled action: bill every active contract for the current month.

        Commits after each batch through the cron progress API, so that a crash
        loses at most one batch, which the next run bills again (the months
        already billed are skipped); two runs at once share the contracts (see
        ``_bill_month``).
        """
        month = (month or fields.Date.context_today(self)).replace(day=1)
        contracts = self.search(self._get_billable_domain(month))
        contracts._bill_month(month, batch_size=batch_size, commit=True)

    def _bill_month(self, month, batch_size=50, commit=False):
        """Bill these contracts for ``month``; skip those billed already.

        Each batch is written in a savepoint: a failing batch is retried
        contract by contract, and a contract that fails is logged and left for
        the next run with nothing written.

        :return: the support.contract.billing records created
        """
        month = fields.Date.to_date(month).replace(day=1)
        Billing = self.env["support.contract.billing"]
        billed = Billing.search(
            [("contract_id", "in", self.ids), ("month", "=", month)]
        ).contract_id
        todo = self - billed
        created = Billing
        Cron = self.env["ir.cron"]
        if commit:
            Cron._commit_progress(remaining=len(todo))
        for batch_ids in split_every(batch_size, todo.ids):
            # Another worker billing the same month (a second run, a manual one)
            # holds the rows of its batch: skip them rather than wait and then
            # collide with its billings. The lock comes first in the transaction
            # (after the previous batch's commit), so the billings that worker
            # committed before are seen here and not billed twice.
            batch = self.browse(batch_ids)._lock_free_rows()
            batch -= Billing.search(
                [("contract_id", "in", batch.ids), ("month", "=", month)]
            ).contract_id
            if not batch:
                if commit and not Cron._commit_progress(len(batch_ids)):
                    break  # out of time: the scheduler runs the action again
                continue
            try:
                with self.env.cr.savepoint():
                    created |= batch._bill_month_batch(month)
            except Exception:  # noqa: BLE001 - isolate the contract that fails
                if len(batch) == 1:
                    _logger.exception("Billing %s for %s failed", batch.name, month)
                else:
                    for contract in batch:
                        try:
                            with self.env.cr.savepoint():
                                created |= contract._bill_month_batch(month)
                        except Exception:  # noqa: BLE001
                            _logger.exception(
                                "Billing %s for %s failed", contract.name, month
                            )
            if commit and not Cron._commit_progress(len(batch_ids)):
                break
        return created

    def _bill_month_batch(self, month):
        """Bill these contracts for ``month`` (no one billed for it yet)."""
        Billing = self.env["support.contract.billing"].sudo()
        Ledger = self.env["support.hour.ledger"].sudo()
        self._lock_rows()
        self._apply_pending_changes(month)
        # the database refuses a second billing of the month (unique index)
        billings = Billing.create(
            [{"contract_id": contract.id, "month": month} for contract in self]
        )
        balances = Ledger._get_balances(self, date_to=month)
        separate = self._get_separately_billable_timesheets(month)
        invoice_vals = {}
        ledger_vals = []
        # prices and bands shared by the contracts of the batch
        cache = {}
        for contract, billing in zip(self, billings, strict=True):
            excess = -min(balances.get(contract.id, 0.0), 0.0)
            timesheets = separate.get(contract.id, self.env["account.analytic.line"])
            lines = contract._prepare_billing_invoice_lines(
                month, excess, timesheets, cache=cache
            )
            products = self.env["product.product"].browse(
                [vals["product_id"] for vals in lines]
            )
            same_currency = contract.currency_id == contract.company_id.currency_id
            for vals, product in zip(lines, products, strict=True):
                # an explicit unit keeps the price from being recomputed
                vals.setdefault("product_uom_id", product.uom_id.id)
                if same_currency:
                    # The amounts Odoo's tax synchronisation would write on each
                    # line right after creating it (sign -1: a customer invoice
                    # credits income), given up front: the synchronisation still
                    # recomputes them and writes only the lines that differ
                    # (price-included taxes, global rounding), and the one write
                    # per line it saves is most of the cost of an invoice.
                    amount = -contract.currency_id.round(
                        vals["price_unit"]
                        * (1 - vals.get("discount", 0.0) / 100.0)
                        * vals["quantity"]
                    )
                    vals.setdefault("amount_currency", amount)
                    vals.setdefault("balance", amount)
            billing_vals = {
                "reserved_hours": contract.reserved_hours,
                "excess_hours": excess,
                "separate_hours": sum(timesheets.mapped("unit_amount")),
            }
            billing.write(billing_vals)
            if contract.reserved_hours:
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": month,
                        "kind": "credit",
                        "hours": contract.reserved_hours,
                        "name": self.env._(
                            "Reserved hours %(month)s",
                            month=format_date(self.env, month, date_format="MMMM y"),
                        ),
                    }
                )
            if not float_is_zero(excess, precision_digits=2):
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": month - relativedelta(days=1),
                        "kind": "excess",
                        "hours": excess,
                        "name": self.env._("Excess hours billed at the normal rate"),
                    }
                )
            if lines:
                invoice_vals[billing] = contract._prepare_billing_invoice(month, lines)
            if timesheets:
                timesheets.sudo().write({"support_billing_id": billing.id})
        Ledger.create(ledger_vals)
        for company, company_billings in (
            Billing.concat(*invoice_vals).grouped("company_id").items()
        ):
            # no creation message nor followers per invoice: the billing row and
            # the contract's chatter are the trail, and they cost a lot at volume
            invoices = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .with_context(
                    mail_create_nolog=True,
                    mail_create_nosubscribe=True,
                    mail_notrack=True,
                    tracking_disable=True,
                )
                .create([invoice_vals[billing] for billing in company_billings])
            )
            for billing, invoice in zip(company_billings, invoices, strict=True):
                billing.invoice_id = invoice
        return billings

    def _get_separately_billable_timesheets(self, month):
        """{contract id: timesheets} billed at the normal rate, not yet billed."""
        timesheets = (
            self.env["account.analytic.line"]
            .sudo()
            .search(
                [
                    ("support_contract_id", "in", self.ids),
                    ("support_billing_id", "=", False),
                    ("date", "<", month),
                    (
                        "helpdesk_ticket_id.support_hours_policy",
                        "in",
                        ("billable", "rfc"),
                    ),
                ],
                order="date, id",
            )
        )
        result = defaultdict(lambda: self.env["account.analytic.line"])
        for contract, lines in timesheets.grouped("support_contract_id").items():
            result[contract.id] = lines
        return result

    def _prepare_billing_invoice(self, month, lines):
        """Values of the month's invoice (hook)."""
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.address_get(["invoice"])["invoice"],
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": month,
            "invoice_origin": self.name,
            "support_contract_id": self.id,
            "invoice_user_id": self.user_id.id,
            "invoice_line_ids": [Command.create(vals) for vals in lines],
        }

    def _prepare_billing_invoice_lines(self, month, excess, timesheets, cache=None):
        """Invoice lines of ``month``: plan, add-ons, reserved, excess, separate.

        :param cache: optional dict shared by the contracts of a billing batch
            (see :meth:`_get_product_price`)
        """
        self.ensure_one()
        cache = {} if cache is None else cache
        label = format_date(self.env, month, date_format="MMMM y")
        lines = []
        plan = self.plan_id
        if not plan.is_free:
            lines.append(
                {
                    "product_id": plan.product_id.id,
                    "name": self.env._(
                        "Support plan %(plan)s, %(month)s", plan=plan.name, month=label
                    ),
                    "quantity": 1.0,
                    "price_unit": self._get_product_price(
                        plan.product_id, date=month, cache=cache
                    ),
                }
            )
        for line in self.addon_line_ids:
            addon = line.addon_id
            lines.append(
                {
                    "product_id": addon.product_id.id,
                    "name": self.env._(
                        "%(addon)s, %(month)s", addon=addon.name, month=label
                    ),
                    "quantity": line.quantity,
                    "price_unit": self._get_product_price(
                        addon.product_id, date=month, cache=cache
                    ),
                }
            )
        if self.reserved_hours:
            # the scale as it is today (raises when no band holds the hours)
            band_key = ("band", self.reserved_hours, self.company_id.id)
            if band_key not in cache:
                cache[band_key] = self.env["support.hour.band"]._get_band(
                    self.reserved_hours, self.company_id
                )
            band = cache[band_key]
            lines.append(
                {
                    "product_id": band.product_id.id,
                    "name": self.env._(
                        "Reserved hours %(month)s (band %(band)s)",
                        month=label,
                        band=band.name,
                    ),
                    "quantity": self.reserved_hours,
                    "price_unit": self.hourly_rate,
                    "discount": band.discount,
                }
            )
        hour_product = self._get_hour_product()
        if not float_is_zero(excess, precision_digits=2):
            lines.append(
                {
                    "product_id": hour_product.id,
                    "name": self.env._(
                        "Excess hours until %(date)s at the normal rate",
                        date=format_date(self.env, month - relativedelta(days=1)),
                    ),
                    "quantity": excess,
                    "price_unit": self.hourly_rate,
                }
            )
        for ticket, ticket_timesheets in timesheets.grouped(
            "helpdesk_ticket_id"
        ).items():
            hours = sum(ticket_timesheets.mapped("unit_amount"))
            policy = dict(
                ticket._fields["support_hours_policy"]._description_selection(self.env)
            )[ticket.support_hours_policy]
            lines.append(
                {
                    "product_id": hour_product.id,
                    "name": f"{ticket.number} {ticket.name} ({policy})",
                    "quantity": hours,
                    "price_unit": self.hourly_rate,
                }
            )
        return lines
