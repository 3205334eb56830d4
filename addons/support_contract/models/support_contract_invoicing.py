# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Billing of a support contract: what one month costs (plan, add-ons, reserved
hours at the band's discount), the prices read from the contract's pricelist, and
the monthly invoice: the scheduled action bills every active contract once per
month (plan, add-ons, reserved hours, excess hours until the end of last month and
hours billed separately), in batches that commit their progress. A month is billed
only for the days the contract runs in it (from its start date to its end date,
both included): pro rata by days, or in full by the company's setting. The run of
the month after a contract's last day bills its final statement: the hours over the
reservation and the hours billed separately, logged up to the end date."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import (
    float_compare,
    float_is_zero,
    format_amount,
    format_date,
    split_every,
)

from ..tools.billing_period import billing_period, next_month, period_share
from ..tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)

# A final statement that fails is tried again by the monthly runs after the
# contract's last month, twelve runs in all (a to-do for the account manager
# each time); a contract that ended longer ago is not billed again, so that a
# database with contracts ended before final statements existed does not bill
# them years later.
FINAL_STATEMENT_RUNS = 12


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
    # A plan priced by custom code bills a month from the latest measurement taken
    # before that month: a new one changes the fee from the next month only, so the
    # one before it is kept for the month it was taken in.
    cloc_previous_lines = fields.Integer(
        string="Previous Custom Code (lines)",
        readonly=True,
        copy=False,
        help="The measurement before the latest one: the month the latest one was "
        "taken in is still billed from it.",
    )
    cloc_previous_date = fields.Date(
        string="Previous Measurement On", readonly=True, copy=False
    )

    @api.depends("pricelist_id", "currency_id", "company_id")
    def _compute_hourly_rate(self):
        for contract in self:
            contract.hourly_rate = contract._get_product_price(
                contract._get_hour_product()
            )

    @api.depends(
        "plan_id",
        "cloc_lines",
        "addon_line_ids.quantity",
        "addon_line_ids.addon_id",
        "reserved_hours",
        "hourly_rate",
        "hour_band_id",
        "pricelist_id",
        "currency_id",
    )
    def _compute_amounts(self):
        # one pricelist lookup per pricelist, currency, company, product and date,
        # not per contract (a list of 80 contracts on 5 plans: 79 -> 5 price queries)
        cache = {}
        today = fields.Date.context_today(self)
        for contract in self:
            plan_price = contract._get_plan_fee(today.replace(day=1), cache=cache)
            addons_price = sum(
                line.quantity
                * contract._get_product_price(line.addon_id.product_id, cache=cache)
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
        """Bill this month now (the scheduled action would do it as well); in
        the month after the contract's last day, its final statement."""
        self.ensure_one()
        month = fields.Date.context_today(self).replace(day=1)
        if self.state != "draft" and self._is_final_billing_month(month):
            if not self._bill_month(month):
                raise UserError(
                    self.env._(
                        "The final statement of %(contract)s (last day %(date)s) "
                        "was billed already.",
                        contract=self.name,
                        date=format_date(self.env, self.date_end),
                    )
                )
            return self.action_view_invoices()
        if self.state == "upcoming":
            raise UserError(
                self.env._(
                    "Contract %(contract)s starts on %(date)s: its first month is "
                    "billed from then.",
                    contract=self.name,
                    date=format_date(self.env, self.date_start),
                )
            )
        if self.state != "active":
            raise UserError(self.env._("Only an active contract is billed."))
        if not self._get_billing_share(month)[0]:
            raise UserError(
                self.env._(
                    "Contract %(contract)s does not run in %(month)s (from %(start)s "
                    "to %(end)s): nothing to bill.",
                    contract=self.name,
                    month=format_date(self.env, month, date_format="MMMM y"),
                    start=format_date(self.env, self.date_start),
                    end=format_date(self.env, self.date_end) if self.date_end else "-",
                )
            )
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

    def _get_billing_share(self, month):
        """(period, share) of ``month`` for this contract: the days it runs in
        the month, (first, last) both included, None when it does not run in it;
        and the share of the monthly fee they cost (company setting: pro rata by
        days, 15-31 March is 17/31; or the full month, 1.0)."""
        self.ensure_one()
        period = billing_period(month, self.date_start, self.date_end)
        share = period_share(month, period, self.company_id.support_billing_proration)
        return period, share

    def _is_final_billing_month(self, month):
        """Whether ``month`` (first day) comes after the contract's last month:
        its run bills the final statement unless one was billed already (ended
        10 April: the run of 1 May bills the hours over the reservation logged
        up to 10 April; when that fails, the runs of June and later do, until
        the run of April of the next year: FINAL_STATEMENT_RUNS runs in all)."""
        self.ensure_one()
        return bool(self.date_end) and next_month(self.date_end) <= month <= next_month(
            self.date_end
        ) + relativedelta(months=FINAL_STATEMENT_RUNS - 1)

    def _get_billing_month(self, month):
        """The month a run in ``month`` keeps its billing row under: ``month``;
        for the final statement the month after the last one, whichever run
        bills it, so that the unique month rule keeps it to one."""
        self.ensure_one()
        if self._is_final_billing_month(month):
            return next_month(self.date_end)
        return month

    def _get_billed(self, month):
        """Those of these contracts a run in ``month`` finds billed already:
        a billing of the month, or of the final statement after the last
        month."""
        final = self.filtered(lambda contract: contract._is_final_billing_month(month))
        return (
            self.env["support.contract.billing"]
            .search(
                Domain("contract_id", "in", (self - final).ids)
                & Domain("month", "=", month)
                | Domain("contract_id", "in", final.ids) & Domain("is_final", "=", True)
            )
            .contract_id
        )

    def _get_cloc_lines_billed(self, month):
        """Lines of custom code the fee of ``month`` is priced by: those of the
        latest measurement taken before the month (a measurement of 12 March
        prices April on, March keeps the one before); the first measurement
        also prices the month it was taken in."""
        self.ensure_one()
        if self.cloc_date and self.cloc_date >= month and self.cloc_previous_date:
            return self.cloc_previous_lines
        return self.cloc_lines

    def _get_plan_fee(self, month, cache=None):
        """The plan's fee for a whole ``month``, in the contract's currency: the
        plan product's price, or for a plan priced by custom code its fee per
        block of lines (at least the minimum fee)."""
        self.ensure_one()
        plan = self.plan_id
        if plan.fee_mode != "cloc":
            return self._get_product_price(plan.product_id, date=month, cache=cache)
        fee = plan._get_cloc_fee(self._get_cloc_lines_billed(month))[1]
        return self.currency_id.round(
            plan.currency_id._convert(fee, self.currency_id, self.company_id, month)
        )

    def write(self, vals):
        if {"cloc_lines", "cloc_date"} & set(vals):
            self._check_and_keep_cloc_measurement(vals)
            fees_before = {
                contract: contract._get_next_month_fee() for contract in self
            }
        res = super().write(vals)
        if {"cloc_lines", "cloc_date"} & set(vals):
            for contract, fee_before in fees_before.items():
                contract._notify_cloc_fee_change(fee_before)
        return res

    def _check_and_keep_cloc_measurement(self, vals):
        """Refuse a measurement older than the current one (unless the context
        key ``support_cloc_restore`` says the latest one was deleted); keep the
        current one as the previous when it already prices the new one's month."""
        new_date = fields.Date.to_date(
            vals.get("cloc_date")
        ) or fields.Date.context_today(self)
        for contract in self:
            if not contract.cloc_date:
                continue
            if new_date < contract.cloc_date and self.env.context.get(
                "support_cloc_restore"
            ):
                # the latest measurement was deleted: the one before it returns
                if (
                    contract.cloc_previous_date
                    and contract.cloc_previous_date >= new_date
                ):
                    contract.sudo().write(
                        {"cloc_previous_lines": 0, "cloc_previous_date": False}
                    )
                continue
            if new_date < contract.cloc_date:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the measurement of %(date)s is older "
                        "than the current one of %(current)s.",
                        contract=contract.name,
                        date=format_date(self.env, new_date),
                        current=format_date(self.env, contract.cloc_date),
                    )
                )
            if contract.cloc_date < new_date.replace(day=1):
                # sudo: the measurement's author may not edit contracts; these
                # two fields follow the measurement
                contract.sudo().write(
                    {
                        "cloc_previous_lines": contract.cloc_lines,
                        "cloc_previous_date": contract.cloc_date,
                    }
                )

    def _get_next_month_fee(self):
        self.ensure_one()
        if self.plan_id.fee_mode != "cloc":
            return None
        month = fields.Date.context_today(self).replace(day=1) + relativedelta(months=1)
        return self._get_plan_fee(month)

    def _notify_cloc_fee_change(self, fee_before):
        """A new measurement changed the fee of a plan priced by custom code:
        a note in the chatter and a mail to the key users, old and new fee and
        the month from which it applies."""
        self.ensure_one()
        fee = self._get_next_month_fee()
        if fee is None or fee_before is None or fee == fee_before:
            return
        month = fields.Date.context_today(self).replace(day=1) + relativedelta(months=1)
        plan = self.plan_id
        blocks = plan._get_cloc_fee(self.cloc_lines)[0]
        # sudo: the measurement's author (an agent) may not post on contracts
        self.sudo().message_post(
            body=self.env._(
                "New measurement: %(lines)s lines of custom code, %(blocks)s blocks "
                "of %(size)s lines. From %(month)s the monthly fee of plan "
                "%(plan)s is %(fee)s (it was %(old)s).",
                lines=self.cloc_lines,
                blocks=blocks,
                size=plan.cloc_block_size,
                month=format_date(self.env, month, date_format="MMMM y"),
                plan=plan.name,
                fee=format_amount(self.env, fee, self.currency_id),
                old=format_amount(self.env, fee_before, self.currency_id),
            ),
            partner_ids=self.key_user_ids.ids,
            subtype_xmlid="mail.mt_comment",
        )

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
        October on 31 December is billed for November and December); and those
        whose last day lies before the month and whose final statement is not
        billed yet (suspended ones too: their hours were logged before the
        suspension): the run of the month after the last one bills it, or a
        later run when that one failed."""
        month_end = month + relativedelta(months=1, days=-1)
        last_month = month - relativedelta(months=1)
        final_due = (
            Domain("date_end", "<", month)
            & Domain(
                "date_end",
                ">=",
                month - relativedelta(months=FINAL_STATEMENT_RUNS),
            )
            & Domain("billing_ids", "not any", [("is_final", "=", True)])
        )
        return Domain.AND(
            [
                [("date_start", "<=", month_end)],
                Domain("state", "in", ("active", "ended"))
                | (Domain("state", "=", "suspended") & final_due),
                Domain("date_end", "=", False)
                | Domain("date_end", ">=", last_month)
                | final_due,
                # an ended contract always has its end date
                Domain("state", "=", "active") | Domain("date_end", "!=", False),
            ]
        )

    @api.model
    def _cron_bill_month(self, month=None, batch_size=50):
        """Scheduled action: start the upcoming contracts whose start date has
        come, then bill every active contract for the current month.

        Commits after each batch through the cron progress API, so that a crash
        loses at most one batch, which the next run bills again (the months
        already billed are skipped); two runs at once share the contracts (see
        ``_bill_month``).

        The current month is the one of today's date in each contract's
        company's time zone: the run at 00:30 Amsterdam on 1 April (22:30 UTC on
        31 March) bills April.
        """
        self._start_due_contracts()
        if month:
            months = {fields.Date.to_date(month).replace(day=1): None}
        else:
            months = defaultdict(list)
            for company in self.env["res.company"].sudo().search([]):
                months[company._support_today().replace(day=1)].append(company.id)
        for each_month, company_ids in months.items():
            domain = self._get_billable_domain(each_month)
            if company_ids is not None:
                domain &= Domain("company_id", "in", company_ids)
            contracts = self.search(domain)
            contracts._bill_month(each_month, batch_size=batch_size, commit=True)

    def _bill_month(self, month, batch_size=50, commit=False):
        """Bill these contracts for ``month``; skip those billed already and
        those that do not run in that month (a start ahead, an end before it),
        except in the month after their last day: their final statement.

        Each batch is written in a savepoint: a failing batch is retried
        contract by contract, and a contract that fails is logged and left for
        the next run with nothing written.

        :return: the support.contract.billing records created
        """
        month = fields.Date.to_date(month).replace(day=1)
        Billing = self.env["support.contract.billing"]
        billed = self._get_billed(month)
        failed = {}
        todo = (self - billed).filtered(
            lambda contract: billing_period(
                month, contract.date_start, contract.date_end
            )
            or contract._is_final_billing_month(month)
        )
        created = Billing
        # prices, bands, the journal: looked up once for the whole run (they do
        # not change while it runs), not once per batch
        cache = {}
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
            batch -= batch._get_billed(month)
            if not batch:
                if commit and not Cron._commit_progress(len(batch_ids)):
                    break  # out of time: the scheduler runs the action again
                continue
            try:
                with self.env.cr.savepoint():
                    created |= batch._bill_month_batch(month, cache=cache)
            except Exception as error:  # noqa: BLE001 - isolate the contract that fails
                if len(batch) == 1:
                    _logger.exception("Billing %s for %s failed", batch.name, month)
                    failed[batch] = error
                else:
                    for contract in batch:
                        try:
                            with self.env.cr.savepoint():
                                created |= contract._bill_month_batch(
                                    month, cache=cache
                                )
                        except Exception as contract_error:  # noqa: BLE001
                            _logger.exception(
                                "Billing %s for %s failed", contract.name, month
                            )
                            failed[contract] = contract_error
            if failed:
                self._notify_billing_failures(month, failed)
                failed = {}
            if commit and not Cron._commit_progress(len(batch_ids)):
                break
        return created

    @api.model
    def _notify_billing_failures(self, month, failures):
        """Tell the account manager of each contract whose billing of ``month``
        failed (skipped, nothing written; the next run tries again): a to-do on
        the contract stating the error, once per contract and month.

        :param failures: {support.contract: exception}
        """
        summary = self.env._(
            "Billing of %(month)s failed",
            month=format_date(self.env, month, date_format="MMMM y"),
        )
        for contract, error in failures.items():
            # sudo: the billing run's user (the scheduler) need not follow
            # the contract; the to-do goes to its account manager
            contract = contract.sudo()
            if contract.activity_ids.filtered(lambda a: a.summary == summary):
                continue
            contract.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=self.env._(
                    "The monthly billing skipped this contract: %(error)s. "
                    "Nothing was billed; the next run tries again.",
                    error=str(error),
                ),
                user_id=(contract.user_id or self.env.user).id,
            )

    def _bill_month_batch(self, month, cache=None):
        """Bill these contracts for ``month`` (no one billed for it yet); those
        whose last day lies in the month before, their final statement. The
        caller (``_bill_month``) holds the contracts' row locks.

        :param cache: optional dict shared by the batches of a run (prices,
            bands, journals; see :meth:`_get_product_price`)
        """
        Billing = self.env["support.contract.billing"].sudo()
        Ledger = self.env["support.hour.ledger"].sudo()
        final = self.filtered(lambda contract: contract._is_final_billing_month(month))
        (self - final)._apply_pending_changes(month)
        # the database refuses a second billing of the month (unique index)
        billings = Billing.create(
            [
                {
                    "contract_id": contract.id,
                    "month": contract._get_billing_month(month),
                    "is_final": contract in final,
                }
                for contract in self
            ]
        )
        balances = Ledger._get_balances(self - final, date_to=month)
        # a final statement: the hours logged up to the last day
        for date_end, ended in final.grouped("date_end").items():
            balances.update(
                Ledger._get_balances(ended, date_to=date_end + relativedelta(days=1))
            )
        separate = self._get_separately_billable_timesheets(month)
        invoice_vals = {}
        ledger_vals = []
        # prices and bands shared by the contracts of the batch (and the run)
        cache = {} if cache is None else cache
        for contract, billing in zip(self, billings, strict=True):
            timesheets = separate.get(contract.id, self.env["account.analytic.line"])
            credit_lines, hours_back = [], 0.0
            credit_date = month
            if contract in final:
                timesheets = timesheets.filtered(
                    lambda line, last=contract.date_end: line.date <= last
                )
                credit_lines, hours_back = contract._get_last_month_credit(cache)
                credit_date = contract.date_end.replace(day=1)
            excess = -min(balances.get(contract.id, 0.0) - hours_back, 0.0)
            lines = credit_lines + contract._prepare_billing_invoice_lines(
                month, excess, timesheets, cache=cache
            )
            reserved_hours = contract._get_reserved_hours_billed(month) - hours_back
            products = self.env["product.product"].browse(
                [vals["product_id"] for vals in lines]
            )
            same_currency = contract.currency_id == contract.company_id.currency_id
            for vals, product in zip(lines, products, strict=True):
                # an explicit unit keeps the price from being recomputed
                vals.setdefault("product_uom_id", product.uom_id.id)
                if same_currency and contract not in final:
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
                "reserved_hours": reserved_hours,
                "excess_hours": excess,
                "separate_hours": sum(timesheets.mapped("unit_amount")),
            }
            billing.write(billing_vals)
            if reserved_hours:
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": credit_date,
                        "kind": "credit",
                        "hours": reserved_hours,
                        "name": self.env._(
                            "Reserved hours %(month)s",
                            month=format_date(self.env, month, date_format="MMMM y"),
                        )
                        if contract not in final
                        else self.env._(
                            "Reserved hours of the days not run after the last day "
                            "%(date)s, taken back",
                            date=format_date(self.env, contract.date_end),
                        ),
                    }
                )
            if not float_is_zero(excess, precision_digits=2):
                ledger_vals.append(
                    {
                        "contract_id": contract.id,
                        "billing_id": billing.id,
                        "date": contract._get_excess_until(month),
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
        self._complete_invoice_vals(invoice_vals, cache)
        Move = self.env["account.move"]
        for company, company_billings in (
            Billing.concat(*invoice_vals).grouped("company_id").items()
        ):
            if company.support_billing_post == "post":
                # marked to be sent as they are created (sent once posted)
                for billing in company_billings:
                    vals = invoice_vals[billing]
                    vals["sending_data"] = Move._get_support_sending_data(
                        self.env["res.users"].browse(vals["invoice_user_id"])
                    )
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
            if company.support_billing_post == "post":
                invoices._support_post_and_send()
        return billings

    @api.model
    def _complete_invoice_vals(self, invoice_vals, cache=None):
        """Give the batch's invoices what Odoo would look up for each of them,
        looked up once per company and currency: the sales journal (Odoo's
        own choice of the default journal), and no analytic distribution on the
        lines when the company has no analytic distribution model (Odoo
        searches the models for each line otherwise: 3.4 of the 10 queries
        per contract of the billing benchmark).

        :param invoice_vals: {support.contract.billing: invoice values}, edited
        :param cache: optional dict shared by the batches of a run
        """
        Move = self.env["account.move"].sudo()
        cache = {} if cache is None else cache
        journals = cache.setdefault("journals", {})
        without_analytic = cache.setdefault("without_analytic", {})
        for vals in invoice_vals.values():
            key = (vals["company_id"], vals["currency_id"])
            if key not in journals:
                company = self.env["res.company"].browse(vals["company_id"])
                journals[key] = (
                    Move.with_company(company)
                    .new(
                        {
                            "move_type": vals["move_type"],
                            "company_id": company.id,
                            "currency_id": vals["currency_id"],
                        }
                    )
                    ._search_default_journal()
                    .id
                )
            vals.setdefault("journal_id", journals[key])
            company_id = vals["company_id"]
            if company_id not in without_analytic:
                without_analytic[company_id] = (
                    not self.env["account.analytic.distribution.model"]
                    .sudo()
                    .search_count([("company_id", "in", [company_id, False])], limit=1)
                )
            if without_analytic[company_id]:
                for command in vals["invoice_line_ids"]:
                    command[2].setdefault("analytic_distribution", False)

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

    def _get_last_month_credit(self, cache=None):
        """What the run of the contract's last month billed beyond its last day,
        when the end date was set after that run (on 5 April for 10 April, April
        billed in full on 1 April): credit lines for the plan, add-ons and
        reserved hours of the days not run (pro rata), and the reserved hours
        taken back (15 h billed for April, 10/30 due: 10 h back).

        :return: (invoice line values with negative quantities, hours taken back)
        """
        self.ensure_one()
        last_month = self.date_end.replace(day=1)
        billing = self.billing_ids.filtered(
            lambda b: b.month == last_month and not b.is_final
        )
        if not billing.invoice_id:
            return [], 0.0
        due = {
            vals["product_id"]: vals
            for vals in self._prepare_billing_invoice_lines(
                last_month, 0.0, self.env["account.analytic.line"], cache=cache
            )
        }
        rounding = self.currency_id.rounding
        lines = []
        for line in billing.invoice_id.invoice_line_ids:
            vals = due.get(line.product_id.id)
            if not vals:
                continue
            due_amount = self.currency_id.round(
                vals["quantity"]
                * vals["price_unit"]
                * (1 - vals.get("discount", 0.0) / 100.0)
            )
            if (
                float_compare(
                    line.price_subtotal, due_amount, precision_rounding=rounding
                )
                <= 0
            ):
                continue
            if float_compare(
                line.price_unit, vals["price_unit"], precision_rounding=rounding
            ):
                # the fee of the days not run: the price differs
                quantity = -line.quantity
                price_unit = self.currency_id.round(
                    line.price_unit - vals["price_unit"]
                )
            else:
                # reserved hours: the hours differ
                quantity = -(line.quantity - vals["quantity"])
                price_unit = line.price_unit
            lines.append(
                {
                    "product_id": line.product_id.id,
                    "name": self.env._(
                        "Not run after the last day %(date)s: %(line)s",
                        date=format_date(self.env, self.date_end),
                        line=line.name,
                    ),
                    "quantity": quantity,
                    "price_unit": price_unit,
                    "discount": line.discount,
                }
            )
        hours_back = round(
            max(
                billing.reserved_hours - self._get_reserved_hours_billed(last_month), 0
            ),
            2,
        )
        return lines, hours_back

    def _prepare_billing_invoice(self, month, lines):
        """Values of the month's invoice (hook), dated the first day of the
        month the contract runs (its start date in its first month); a final
        statement is dated the first day of ``month`` and states the period of
        the contract's last month."""
        self.ensure_one()
        period = self._get_billing_share(month)[0]
        invoice_date = period[0] if period else month
        move_type = "out_invoice"
        if self._is_final_billing_month(month):
            period = billing_period(self.date_end, self.date_start, self.date_end)
            total = sum(
                vals["quantity"]
                * vals["price_unit"]
                * (1 - vals.get("discount", 0.0) / 100.0)
                for vals in lines
            )
            if total < 0:
                # more credited back than billed: a credit note
                move_type = "out_refund"
                lines = [dict(vals, quantity=-vals["quantity"]) for vals in lines]
        return {
            "move_type": move_type,
            "partner_id": self.partner_id.address_get(["invoice"])["invoice"],
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": invoice_date,
            "support_period_start": period and period[0],
            "support_period_end": period and period[1],
            "invoice_origin": self.name,
            "support_contract_id": self.id,
            "invoice_user_id": self.user_id.id,
            "invoice_line_ids": [Command.create(vals) for vals in lines],
        }

    def _get_member_discount(self, product, month, cache=None):
        """Discount (%) the plan's member rate gives on ``product`` at the
        contract's normal hourly rate (0 without a member rate): overage hours,
        billable ticket types and change requests over their limit."""
        self.ensure_one()
        plan = self.plan_id
        if plan.member_rate_mode == "none":
            return 0.0
        key = ("member", plan.id, product.id, self.hourly_rate, self.company_id.id)
        if cache is None or key not in cache:
            discount = plan._get_member_discount(
                self.hourly_rate, product, self.company_id, date=month
            )
            if cache is None:
                return discount
            cache[key] = discount
        return cache[key]

    def _get_billing_label(self, month, period, share):
        """What the invoice lines of ``month`` say of the period: the month
        ("March 2026") when billed in full, else the days billed ("03/15/2026 to
        03/31/2026, 17/31 days")."""
        self.ensure_one()
        if share == 1.0 or not period:
            return format_date(self.env, month, date_format="MMMM y")
        days = (period[1] - period[0]).days + 1
        month_days = (month + relativedelta(months=1) - month).days
        return self.env._(
            "%(first)s to %(last)s, %(days)s/%(month_days)s days",
            first=format_date(self.env, period[0]),
            last=format_date(self.env, period[1]),
            days=days,
            month_days=month_days,
        )

    def _get_excess_until(self, month):
        """Last day of the hours over the reservation billed in ``month``: the
        day before it, or for a final statement the contract's last day."""
        self.ensure_one()
        if self._is_final_billing_month(month):
            return self.date_end
        return month - relativedelta(days=1)

    def _get_reserved_hours_billed(self, month):
        """Reserved hours billed and credited for ``month``: the month's share of
        the reserved hours (15 h from 15 March, pro rata: 15 x 17/31 = 8.23 h),
        to the hundredth of an hour."""
        self.ensure_one()
        share = self._get_billing_share(month)[1]
        return round(self.reserved_hours * share, 2)

    def _prepare_billing_invoice_lines(self, month, excess, timesheets, cache=None):
        """Invoice lines of ``month``: plan, add-ons, reserved (for the days the
        contract runs in it), excess, separate.

        :param cache: optional dict shared by the contracts of a billing batch
            (see :meth:`_get_product_price`)
        """
        self.ensure_one()
        cache = {} if cache is None else cache
        period, share = self._get_billing_share(month)
        label = self._get_billing_label(month, period, share)
        lines = []
        plan = self.plan_id
        if period and not plan.is_free:
            name = self.env._(
                "Support plan %(plan)s, %(month)s", plan=plan.name, month=label
            )
            if plan.fee_mode == "cloc":
                cloc_lines = self._get_cloc_lines_billed(month)
                name = self.env._(
                    "%(name)s: %(lines)s lines of custom code, %(blocks)s blocks of "
                    "%(size)s lines",
                    name=name,
                    lines=cloc_lines,
                    blocks=plan._get_cloc_fee(cloc_lines)[0],
                    size=plan.cloc_block_size,
                )
            lines.append(
                {
                    "product_id": plan.product_id.id,
                    "name": name,
                    "quantity": 1.0,
                    "price_unit": self.currency_id.round(
                        share * self._get_plan_fee(month, cache=cache)
                    ),
                }
            )
        for line in self.addon_line_ids if period else ():
            addon = line.addon_id
            lines.append(
                {
                    "product_id": addon.product_id.id,
                    "name": self.env._(
                        "%(addon)s, %(month)s", addon=addon.name, month=label
                    ),
                    "quantity": line.quantity,
                    "price_unit": self.currency_id.round(
                        share
                        * self._get_product_price(
                            addon.product_id, date=month, cache=cache
                        )
                    ),
                }
            )
        if period and self.reserved_hours:
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
                    "quantity": self._get_reserved_hours_billed(month),
                    "price_unit": self.hourly_rate,
                    "discount": band.discount,
                }
            )
        if "hour_product" not in cache:
            cache["hour_product"] = self._get_hour_product()
        hour_product = cache["hour_product"]
        member_discount = self._get_member_discount(hour_product, month, cache)
        if not float_is_zero(excess, precision_digits=2):
            lines.append(
                {
                    "product_id": hour_product.id,
                    "name": self.env._(
                        "Excess hours until %(date)s at the normal rate",
                        date=format_date(self.env, self._get_excess_until(month)),
                    ),
                    "quantity": excess,
                    "price_unit": self.hourly_rate,
                    "discount": member_discount,
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
                    "discount": member_discount,
                }
            )
        return lines
