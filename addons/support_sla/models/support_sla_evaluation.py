# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.evaluation`` (Quarterly SLA Evaluation): quarterly SLA evaluation of a
contract (quarterly reporting and review meeting).
"""

from collections import Counter
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.support_contract.tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
# What an agent may change of an evaluation not yet discussed with the customer;
# everything else (and anything once discussed) is a manager's correction.
AGENT_WRITABLE_FIELDS = frozenset({"advice"})
MANAGER_GROUP = "support_contract.support_contract_group_manager"


class SupportSlaEvaluation(models.Model):
    """Quarterly SLA evaluation of a contract (quarterly reporting and
    review meeting): the figures of the quarter, printed as a PDF, with room
    for the provider's advice."""

    _name = "support.sla.evaluation"
    _inherit = ["mail.thread"]
    _description = "Quarterly SLA Evaluation"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Contract",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    year = fields.Integer(
        required=True, default=lambda self: self._default_year(), tracking=True
    )
    quarter = fields.Selection(
        selection=QUARTERS,
        required=True,
        default=lambda self: self._default_quarter(),
        tracking=True,
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(
        compute="_compute_dates", store=True, help="Last day of the quarter."
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Discussed")],
        default="draft",
        required=True,
        tracking=True,
    )
    advice = fields.Html(
        help="Advice and remarks for the customer, improvement points and "
        "expectations (printed in the report)."
    )
    fair_use_tolerance = fields.Float(
        string="Fair-use Tolerance (%)",
        default=10.0,
        tracking=True,
        help="A month counts as above (below) the reservation when the hours used "
        "exceed (fall short of) the reserved hours by more than this share.",
    )
    # figures of the quarter (computed on the fly, printed in the report)
    ticket_count = fields.Integer(string="Tickets", compute="_compute_figures")
    response_measured = fields.Integer(compute="_compute_figures")
    response_met = fields.Integer(compute="_compute_figures")
    response_achievement = fields.Float(
        string="Response Achieved (%)", compute="_compute_figures"
    )
    resolution_measured = fields.Integer(compute="_compute_figures")
    resolution_met = fields.Integer(compute="_compute_figures")
    resolution_achievement = fields.Float(
        string="Resolution Achieved (%)", compute="_compute_figures"
    )
    breach_count = fields.Integer(string="Breaches", compute="_compute_figures")
    reopened_count = fields.Integer(
        string="Reopened Tickets",
        compute="_compute_figures",
        help="Tickets of the quarter that were reopened after being resolved or "
        "closed (their resolution ran again).",
    )
    paused_hours = fields.Float(
        string="Business Hours Paused", compute="_compute_figures"
    )
    reserved_hours = fields.Float(string="Hours Reserved", compute="_compute_figures")
    used_hours = fields.Float(string="Hours Used", compute="_compute_figures")
    fair_use = fields.Selection(
        selection=[
            ("ok", "Within the reservation"),
            ("above", "Above the reservation three months in a row"),
            ("below", "Below the reservation three months in a row"),
            ("none", "No hours reserved"),
        ],
        compute="_compute_figures",
    )

    _contract_quarter_uniq = models.Constraint(
        "unique (contract_id, year, quarter)",
        "A contract has one evaluation per quarter.",
    )

    @api.model
    def _default_year(self):
        return self._previous_quarter_start().year

    @api.model
    def _default_quarter(self):
        return str((self._previous_quarter_start().month - 1) // 3 + 1)

    @api.model
    def _previous_quarter_start(self):
        today = fields.Date.context_today(self)
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return start - relativedelta(months=3)

    @api.depends("contract_id.name", "partner_id.name", "year", "quarter")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = self.env._(
                "SLA evaluation %(year)s Q%(quarter)s %(customer)s",
                year=evaluation.year,
                quarter=evaluation.quarter,
                customer=evaluation.partner_id.name or "",
            )

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for evaluation in self:
            if not evaluation.year or not evaluation.quarter:
                evaluation.date_from = evaluation.date_to = False
                continue
            start = date(evaluation.year, 3 * (int(evaluation.quarter) - 1) + 1, 1)
            evaluation.date_from = start
            evaluation.date_to = start + relativedelta(months=3, days=-1)

    @api.depends("contract_id", "date_from", "date_to", "fair_use_tolerance")
    def _compute_figures(self):
        for evaluation in self:
            tickets = evaluation._get_tickets()
            evaluation.ticket_count = len(tickets)
            for target in ("response", "resolution"):
                statuses = tickets.mapped(f"sla_{target}_status")
                measured = sum(1 for s in statuses if s in ("met", "breached"))
                met = statuses.count("met")
                evaluation[f"{target}_measured"] = measured
                evaluation[f"{target}_met"] = met
                evaluation[f"{target}_achievement"] = (
                    round(100.0 * met / measured, 1) if measured else 0.0
                )
            evaluation.breach_count = len(evaluation._get_breaches())
            evaluation.reopened_count = len(tickets.filtered("sla_reopen_count"))
            evaluation.paused_hours = sum(tickets.mapped("sla_paused_hours"))
            months = evaluation._get_months()
            evaluation.reserved_hours = sum(m["reserved"] for m in months)
            evaluation.used_hours = sum(m["used"] for m in months)
            evaluation.fair_use = evaluation._fair_use(months)

    @api.constrains("year", "fair_use_tolerance")
    def _check_values(self):
        for evaluation in self:
            if not 2000 <= evaluation.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "%(year)s is not a year to evaluate.", year=evaluation.year
                    )
                )
            if evaluation.fair_use_tolerance < 0:
                raise ValidationError(
                    self.env._("The fair-use tolerance cannot be negative.")
                )

    # ------------------------------------------------------------------
    # Figures (also used by the report template)
    # ------------------------------------------------------------------
    def _tickets_domain(self):
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.date_from)
        end = fields.Datetime.to_datetime(self.date_to + relativedelta(days=1))
        return (
            Domain("support_contract_id", "=", self.contract_id.id)
            & Domain("sla_start_date", ">=", start)
            & Domain("sla_start_date", "<", end)
        )

    def _get_tickets(self):
        """Tickets of the contract that came in during the quarter."""
        self.ensure_one()
        return self.env["helpdesk.ticket"].sudo().search(self._tickets_domain())

    def _get_breaches(self):
        """Breaches of the contract whose deadline fell in the quarter."""
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.date_from)
        end = fields.Datetime.to_datetime(self.date_to + relativedelta(days=1))
        return (
            self.env["support.sla.breach"]
            .sudo()
            .search(
                [
                    ("contract_id", "=", self.contract_id.id),
                    ("deadline", ">=", start),
                    ("deadline", "<", end),
                ],
                order="deadline, id",
            )
        )

    def _get_type_priority_table(self):
        """(types, priorities, {(type id, priority id): count}) of the quarter."""
        self.ensure_one()
        tickets = self._get_tickets()
        counts = Counter(
            (ticket.support_ticket_type_id.id, ticket.sla_priority_id.id)
            for ticket in tickets
        )
        types = tickets.support_ticket_type_id.sorted("sequence")
        priorities = tickets.sla_priority_id.sorted("sequence")
        return types, priorities, counts

    def _get_months(self, last=None, count=3):
        """Reserved hours and hours used (the covered hours timesheets consumed
        from the contract's balance) of `count` months ending with `last`
        (default: the quarter's months that have begun).

        :return: list of {"month": date, "reserved": float, "used": float}
        """
        self.ensure_one()
        if not self.date_from:
            return []
        if last is None:
            today = fields.Date.context_today(self)
            last = min(self.date_to, today).replace(day=1)
            count = min(
                3,
                (last.year - self.date_from.year) * 12
                + last.month
                - self.date_from.month
                + 1,
            )
        if count <= 0:
            return []
        first = last - relativedelta(months=count - 1)
        Ledger = self.env["support.hour.ledger"].sudo()
        used = {
            (month.year, month.month): -hours
            for month, hours in Ledger._read_group(
                [
                    ("contract_id", "=", self.contract_id.id),
                    ("kind", "=", "consumption"),
                    ("date", ">=", first),
                    ("date", "<", last + relativedelta(months=1)),
                ],
                ["date:month"],
                ["hours:sum"],
            )
        }
        months = []
        for offset in range(count):
            start = first + relativedelta(months=offset)
            months.append(
                {
                    "month": start,
                    "reserved": self.contract_id.reserved_hours,
                    "used": round(used.get((start.year, start.month), 0.0), 2),
                }
            )
        return months

    def _fair_use(self, months):
        """above/below when each of the three months in a row ending with the
        quarter's last month begun used more (less) than the reservation, beyond
        the tolerance."""
        self.ensure_one()
        if not self.contract_id.reserved_hours:
            return "none"
        if months:
            months = self._get_months(last=months[-1]["month"], count=3)
        if len(months) < 3:
            return "ok"
        margin = self.fair_use_tolerance / 100.0
        if all(m["used"] > m["reserved"] * (1 + margin) for m in months):
            return "above"
        if all(m["used"] < m["reserved"] * (1 - margin) for m in months):
            return "below"
        return "ok"

    # ------------------------------------------------------------------
    # Publishing lock
    # ------------------------------------------------------------------
    def write(self, vals):
        """Agents write only the advice of an evaluation not yet discussed; a
        discussed (published) evaluation is changed by a manager only, and the
        correction is logged in its chatter."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            locked = set(vals) - AGENT_WRITABLE_FIELDS
            if vals.get("state") == "done":
                # publishing (Mark as Discussed) is the agent's step
                locked.discard("state")
            if locked or any(evaluation.state == "done" for evaluation in self):
                raise AccessError(
                    self.env._(
                        "Only the advice of an evaluation not yet discussed can be "
                        "changed; a discussed evaluation is corrected by a support "
                        "manager."
                    )
                )
        published = self.filtered(lambda evaluation: evaluation.state == "done")
        res = super().write(vals)
        corrected = set(vals) - {"state"}
        if published and corrected:
            labels = ", ".join(
                sorted(
                    self._fields[fname].get_description(self.env)["string"]
                    for fname in corrected
                )
            )
            for evaluation in published:
                evaluation.message_post(
                    body=self.env._(
                        "Corrected after it was discussed by %(user)s: %(fields)s",
                        user=self.env.user.name,
                        fields=labels,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """Mark as discussed: the evaluation is published to the customer's key
        users and locked."""
        self.ensure_one()
        self.state = "done"
        return True

    def action_draft(self):
        """Reopen a discussed evaluation: a manager's correction."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a support manager can reopen a discussed evaluation.")
            )
        self.state = "draft"
        return True

    def action_print(self):
        self.ensure_one()
        return self.env.ref("support_sla.action_report_sla_evaluation").report_action(
            self
        )

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = list(self._tickets_domain())
        action["context"] = {}
        return action

    @api.model
    def _create_for_quarter(self, contracts, year, quarter):
        """Evaluations of these contracts for a quarter, the missing ones created."""
        existing = self.search(
            [
                ("contract_id", "in", contracts.ids),
                ("year", "=", year),
                ("quarter", "=", str(quarter)),
            ]
        )
        missing = contracts - existing.contract_id
        if missing and not self._try_lock_quarter(year, quarter):
            # another worker creates this quarter's evaluations right now: its
            # rows would make ours fail on the unique constraint; leave it to it
            _logger.info(
                "Evaluations of Q%s %s are being created by another worker",
                quarter,
                year,
            )
            return existing
        return existing | self.create(
            [
                {"contract_id": contract.id, "year": year, "quarter": str(quarter)}
                for contract in missing
            ]
        )

    @api.model
    def _try_lock_quarter(self, year, quarter):
        """Take the transaction lock on creating the evaluations of a quarter;
        False when another transaction holds it."""
        return self.env.execute_query(
            SQL(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s), %s)",
                self._name,
                int(year) * 10 + int(quarter),
            )
        )[0][0]

    @api.model
    def _cron_create_evaluations(self):
        """At the start of a quarter, draft the evaluations of the one that ended
        for every active contract."""
        start = self._previous_quarter_start()
        contracts = self.env["support.contract"].search([("state", "=", "active")])
        self._create_for_quarter(contracts, start.year, (start.month - 1) // 3 + 1)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(evaluation.state == "done" for evaluation in self):
            raise UserError(
                self.env._("A discussed evaluation cannot be deleted; reset it first.")
            )
