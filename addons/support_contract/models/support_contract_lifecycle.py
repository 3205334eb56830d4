# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Life of a support contract: activation (upcoming until its start date, then
active), suspension and end after the minimum
term (the end date is the contract's last day); and changes sold for a running
contract (plan, add-ons, reserved hours), kept as amendments
(``support.contract.amendment``) that wait until the first day of the month they take
effect on, where the monthly billing applies them."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import format_date

from ..tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)


# support.contract is split by concern, one file each (contract, hours, invoicing,
# lifecycle, agreement), so that a reader finds a rule by its subject
# pylint: disable=consider-merging-classes-inherited
class SupportContractLifecycle(models.Model):
    _inherit = "support.contract"

    min_term_months = fields.Integer(
        string="Minimum Term (months)", default=12, tracking=True
    )
    min_term_end = fields.Date(
        string="Minimum Term Ends",
        compute="_compute_min_term_end",
        store=True,
        help="Last day of the minimum term, the earliest end date: 12 months from "
        "1 January 2026 end on 31 December 2026 (the end date is the contract's "
        "last day).",
    )
    min_term_override_reason = fields.Text(
        string="Ended Before the Minimum Term Because",
        readonly=True,
        copy=False,
        tracking=True,
        help="A manager ended the contract before its minimum term, for this reason.",
    )
    # When the SLA ends, the source code with its history goes to the party the
    # customer names; the account manager is asked to hand it over.
    source_handover_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Source Code Handed Over To",
        copy=False,
        tracking=True,
        help="The party the customer names to receive the source code with its "
        "history when the contract ends; ending the contract asks the account "
        "manager to hand it over.",
    )
    # Changes sold for a running contract wait in an amendment until their month.
    amendment_ids = fields.One2many(
        comodel_name="support.contract.amendment",
        inverse_name="contract_id",
        string="Amendments",
        readonly=True,
    )
    pending_amendment_ids = fields.Many2many(
        comodel_name="support.contract.amendment",
        string="Waiting Amendments",
        compute="_compute_pending_amendment_ids",
        help="The changes that apply from the first day of a coming month, one per "
        "request, in the order the billing applies them.",
    )

    @api.depends("date_start", "min_term_months")
    def _compute_min_term_end(self):
        for contract in self:
            # the end date is the contract's last day: 12 months from 1 January
            # end on 31 December
            contract.min_term_end = contract.date_start and (
                contract.date_start
                + relativedelta(months=contract.min_term_months, days=-1)
            )

    @api.depends("amendment_ids.state", "amendment_ids.date")
    def _compute_pending_amendment_ids(self):
        for contract in self:
            contract.pending_amendment_ids = contract._get_waiting_amendments()

    def _get_waiting_amendments(self):
        """The waiting amendments, in the order the billing applies them: by
        month, then by request."""
        self.ensure_one()
        return self.amendment_ids.filtered(lambda a: a.state == "pending").sorted(
            lambda a: a._apply_key()
        )

    @api.constrains("date_start", "date_end", "min_term_months", "state")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )
            if (
                contract.state != "draft"
                and contract.date_end
                and contract.date_end < contract.min_term_end
                and not contract.min_term_override_reason
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s cannot end on %(date)s: its minimum "
                        "term of %(months)s months runs until %(min_end)s.",
                        contract=contract.name,
                        date=format_date(self.env, contract.date_end),
                        months=contract.min_term_months,
                        min_end=format_date(self.env, contract.min_term_end),
                    )
                )

    @api.constrains("state", "date_start", "date_end", "partner_id", "company_id")
    def _check_one_contract_at_a_time(self):
        """A customer has one contract at a time per company: a new one may be
        signed ahead (upcoming) to follow the running one from the day after its
        last day, never to overlap it (which of the two would cover a ticket, and
        bill the month?). The database keeps one running contract per customer
        (unique index); this rule also covers the upcoming ones."""
        live = ("upcoming", "active", "suspended")
        for contract in self.filtered(lambda c: c.state in live):
            domain = Domain.AND(
                [
                    [
                        ("id", "!=", contract.id),
                        ("partner_id", "=", contract.partner_id.id),
                        ("company_id", "=", contract.company_id.id),
                        ("state", "in", live),
                    ],
                    Domain("date_end", "=", False)
                    | Domain("date_end", ">=", contract.date_start),
                    Domain("date_start", "<=", contract.date_end)
                    if contract.date_end
                    else Domain.TRUE,
                ]
            )
            # sudo: the rule holds whoever may read the other contract
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "%(customer)s already has contract %(other)s from %(start)s "
                        "%(end)s: contract %(contract)s may start the day after "
                        "its last day, not overlap it.",
                        customer=contract.partner_id.name,
                        other=other.name,
                        start=format_date(self.env, other.date_start),
                        end=self.env._(
                            "to %(date)s", date=format_date(self.env, other.date_end)
                        )
                        if other.date_end
                        else self.env._("without an end date"),
                        contract=contract.name,
                    )
                )

    def write(self, vals):
        if vals.get("min_term_override_reason") and not self.env.user.has_group(
            "support_contract.support_contract_group_manager"
        ):
            raise UserError(
                self.env._(
                    "Only a contracts manager may end a contract before its "
                    "minimum term."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(contract.state != "draft" for contract in self):
            raise UserError(
                self.env._("Only draft contracts can be deleted; end the others.")
            )

    def action_activate(self):
        self.ensure_one()
        if self.state not in ("draft", "suspended"):
            raise UserError(
                self.env._(
                    "Only a draft or suspended contract can be activated; "
                    "%(contract)s is %(state)s.",
                    contract=self.name,
                    state=self._fields["state"].convert_to_export(self.state, self),
                )
            )
        self.state = self._get_start_state()
        return True

    def _get_start_state(self):
        """State of an activated contract: "upcoming" while its start date lies
        ahead (in its company's time zone), "active" from its start date on."""
        self.ensure_one()
        today = self.company_id._support_today()
        return "upcoming" if self.date_start > today else "active"

    @api.model
    def _start_due_contracts(self):
        """Make the upcoming contracts whose start date has come active, after
        ending those whose last day has passed (a contract following another
        from 1 March starts whether the daily end job ran before or not).

        Each contract in a savepoint: one that cannot start is logged and left
        upcoming; the others start.

        The start date is a day in the contract's company's time zone: a
        contract starting on 1 April starts at the run at 00:30 Amsterdam on
        1 April (22:30 UTC on 31 March).

        :return: the contracts started
        """
        self._cron_end_contracts()
        due = self.search(self._company_day_domain("date_start", "<=", "upcoming"))
        started = self.browse()
        for contract in due:
            try:
                with self.env.cr.savepoint():
                    contract.state = "active"
                    contract.flush_recordset(["state"])
            except Exception:  # noqa: BLE001 - one contract must not stop the others
                _logger.exception("Starting contract %s failed", contract.name)
                continue
            started |= contract
        return started

    def action_suspend(self):
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("Only an active contract can be suspended."))
        self.state = "suspended"
        return True

    def action_end(self, date_end=None, override_reason=None, handover_partner=None):
        """End the contract on ``date_end`` (default: its end date if one is set,
        else today), its last day. Not before the last day of its minimum term,
        unless a contracts manager overrides the term with a reason (logged in the
        chatter). A last day after today keeps the contract active until then and
        only schedules the end, which the daily scheduled action carries out the
        day after (``_cron_end_contracts``). The account manager is asked to hand
        the source code over (to ``handover_partner``, the party the customer
        names, when given) by the last day."""
        self.ensure_one()
        today = self.company_id._support_today()
        date_end = date_end or self.date_end or today
        override_reason = (override_reason or "").strip()
        if self.state == "ended":
            raise UserError(self.env._("Contract %s has ended already.", self.name))
        if self.state == "draft":
            raise UserError(
                self.env._(
                    "Contract %s never started: delete it instead of ending it.",
                    self.name,
                )
            )
        if self.state == "upcoming":
            raise UserError(
                self.env._(
                    "Contract %(contract)s starts on %(date)s: it cannot end before "
                    "it has started.",
                    contract=self.name,
                    date=format_date(self.env, self.date_start),
                )
            )
        if date_end < self.date_start:
            raise UserError(self.env._("A contract cannot end before it starts."))
        before_term = date_end < self.min_term_end
        if before_term and not (
            override_reason
            and self.env.user.has_group(
                "support_contract.support_contract_group_manager"
            )
        ):
            raise UserError(
                self.env._(
                    "Contract %(contract)s cannot end on %(date)s: its minimum term "
                    "of %(months)s months runs until %(min_end)s. A contracts "
                    "manager may end it earlier, giving the reason.",
                    contract=self.name,
                    date=format_date(self.env, date_end),
                    months=self.min_term_months,
                    min_end=format_date(self.env, self.min_term_end),
                )
            )
        vals = {"date_end": date_end}
        if handover_partner:
            vals["source_handover_partner_id"] = handover_partner.id
        if date_end <= today:
            vals["state"] = "ended"
        if before_term:
            vals["min_term_override_reason"] = override_reason
        self.write(vals)
        if before_term:
            self.message_post(
                body=self.env._(
                    "Last day %(date)s, before the minimum term (until %(min_end)s), "
                    "set by %(user)s: %(reason)s",
                    date=format_date(self.env, date_end),
                    min_end=format_date(self.env, self.min_term_end),
                    user=self.env.user.name,
                    reason=override_reason,
                )
            )
        self._schedule_source_handover()
        return True

    def _schedule_source_handover(self):
        """Ask the account manager (else the user ending the contract) to hand the
        source code with its history over to the party the customer names, by
        the contract's last day."""
        for contract in self:
            receiver = contract.source_handover_partner_id
            contract.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=contract.date_end,
                summary=self.env._("Hand over the source code"),
                note=self.env._(
                    "Hand over the source code with its history to %(party)s.",
                    party=receiver.display_name
                    or self.env._("the party the customer names"),
                ),
                user_id=(contract.user_id or self.env.user).id,
            )

    def _on_early_termination(self):
        """A hook: the contract was ended early on the customer's right to do so
        (the SLA was not delivered as agreed). Modules that sold services under
        the contract propose what is refunded (draft documents, for review).

        :return: the documents proposed (any records), empty here
        """
        self.ensure_one()
        return []

    @api.model
    def _company_day_domain(self, field, operator, states):
        """Domain of the contracts in ``states`` whose date ``field`` compares
        with ``operator`` to today's date in their company's time zone (the
        scheduler runs in UTC: near midnight its date is not the company's)."""
        states = [states] if isinstance(states, str) else list(states)
        return Domain.OR(
            Domain("company_id", "=", company.id)
            & Domain("state", "in", states)
            & Domain(field, operator, company._support_today())
            for company in self.env["res.company"].sudo().search([])
        )

    @api.model
    def _cron_end_contracts(self):
        """Scheduled action: end the contracts whose end date (their last day,
        included) has passed in their company's time zone; a contract ending on
        31 March ends at the run at 00:30 Amsterdam on 1 April (22:30 UTC on
        31 March), not at the run at 23:30 Amsterdam on 31 March."""
        contracts = self.search(
            self._company_day_domain("date_end", "<", ("active", "suspended"))
        )
        contracts.write({"state": "ended"})

    def _get_next_addon_quantities(self):
        """{support.addon: quantity} once every waiting amendment applies."""
        self.ensure_one()
        waiting = self._get_waiting_amendments()
        if waiting:
            return waiting[-1]._get_next_addon_quantities()
        return {line.addon_id: line.quantity for line in self.addon_line_ids}

    def _amend(
        self,
        plan=None,
        reserved_hours=None,
        addon_quantities=None,
        date=None,
        reason=None,
    ):
        """Record changes sold for this contract.

        A draft contract changes at once; a running one from ``date`` (the first
        day of next month by default): the monthly billing applies them.

        :param addon_quantities: {support.addon: quantity}; 0 removes the add-on,
            add-ons not named are kept.
        :param reason: why, e.g. the order that sold the change
        :return: the new waiting ``support.contract.amendment`` (none for a
            draft); the amendments waiting already keep their own months
        """
        self.ensure_one()
        addon_quantities = addon_quantities or {}
        if self.state == "draft":
            vals = {}
            if plan:
                vals["plan_id"] = plan.id
            if reserved_hours is not None:
                vals["reserved_hours"] = reserved_hours
            quantities = {line.addon_id: line.quantity for line in self.addon_line_ids}
            quantities.update(addon_quantities)
            vals["addon_line_ids"] = self._addon_line_commands(quantities)
            self.write(vals)
            return self.env["support.contract.amendment"]
        if self.state == "ended":
            raise UserError(
                self.env._("Contract %s has ended: it cannot be amended.", self.name)
            )
        date = date or (
            fields.Date.context_today(self).replace(day=1) + relativedelta(months=1)
        )
        # each request is its own amendment: one waiting for March stays in
        # March when another one for April is sold before March is billed
        vals = {"contract_id": self.id, "date": date, "reason": reason}
        plan_then = self.plan_id
        for waiting in self._get_waiting_amendments():
            if waiting.date <= date:
                plan_then = waiting.plan_id or plan_then
        if plan and plan != plan_then:
            vals["plan_id"] = plan.id
        if reserved_hours is not None:
            vals["reserved_hours"] = reserved_hours
            vals["change_reserved_hours"] = True
        vals["line_ids"] = [
            Command.create({"addon_id": addon.id, "quantity": qty})
            for addon, qty in addon_quantities.items()
        ]
        amendment = self.env["support.contract.amendment"].create(vals)
        self.message_post(
            body=self.env._(
                "Changes recorded; they take effect on %(date)s.",
                date=format_date(self.env, date),
            )
        )
        return amendment

    def _apply_pending_changes(self, month):
        """Apply the amendments due on or before ``month`` (first day of a month),
        in order of month then request."""
        self.amendment_ids.filtered(
            lambda a: a.state == "pending" and a.date <= month
        )._apply(month)
