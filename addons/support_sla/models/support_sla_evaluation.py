# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.evaluation`` (Quarterly SLA Evaluation): quarterly SLA evaluation of a
contract (quarterly reporting and review meeting).
"""

from collections import Counter, defaultdict
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, html2plaintext
from odoo.tools.misc import format_date, format_datetime

from odoo.addons.support_contract.tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
# What an agent may change of an evaluation not yet discussed with the customer;
# everything else (and anything once discussed) is a manager's correction.
AGENT_WRITABLE_FIELDS = frozenset(
    {
        "advice",
        "discussed_date",
        "participant_partner_ids",
        "participant_user_ids",
        "outcome",
        "improvement_ids",
    }
)
# Inputs of the figures: changing one of them on a draft recomputes them.
FIGURE_INPUTS = frozenset({"contract_id", "year", "quarter", "fair_use_tolerance"})
MANAGER_GROUP = "support_contract.support_contract_group_manager"
# a month counts as above (below) the reservation beyond this share (%)
DEFAULT_FAIR_USE_TOLERANCE = 10.0
# longest objection in writing, in characters
OBJECTION_MAX_CHARS = 5000


class SupportSlaEvaluation(models.Model):
    """Quarterly SLA evaluation of a contract (quarterly reporting and
    review meeting): the figures of the quarter, printed as a PDF, with room
    for the provider's advice."""

    _name = "support.sla.evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    key_user_ids = fields.Many2many(related="contract_id.key_user_ids")
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
        default=DEFAULT_FAIR_USE_TOLERANCE,
        tracking=True,
        help="A month counts as above (below) the reservation when the hours used "
        "exceed (fall short of) the reserved hours by more than this share.",
    )
    # Figures of the quarter, stored: computed (grouped reads) when the evaluation
    # is created or refreshed while draft, frozen once it is discussed.
    ticket_count = fields.Integer(string="Tickets", readonly=True)
    response_measured = fields.Integer(readonly=True)
    response_met = fields.Integer(readonly=True)
    response_achievement = fields.Float(string="Response Achieved (%)", readonly=True)
    resolution_measured = fields.Integer(readonly=True)
    resolution_met = fields.Integer(readonly=True)
    resolution_achievement = fields.Float(
        string="Resolution Achieved (%)", readonly=True
    )
    breach_count = fields.Integer(string="Breaches", readonly=True)
    reopened_count = fields.Integer(
        string="Reopened Tickets",
        readonly=True,
        help="Tickets of the quarter that were reopened after being resolved or "
        "closed (their resolution ran again).",
    )
    escalation_count = fields.Integer(
        string="Escalations",
        readonly=True,
        help="Escalations the customer's key users asked for in the quarter (each "
        "level counts).",
    )
    paused_hours = fields.Float(string="Business Hours Paused", readonly=True)
    reserved_hours = fields.Float(string="Hours Reserved", readonly=True)
    used_hours = fields.Float(string="Hours Used", readonly=True)
    fair_use = fields.Selection(
        selection=[
            ("ok", "Within the reservation"),
            ("above", "Above the reservation three months in a row"),
            ("below", "Below the reservation three months in a row"),
            ("none", "No hours reserved"),
        ],
        readonly=True,
    )
    figures_date = fields.Datetime(
        string="Figures Of",
        readonly=True,
        help="When the figures were computed; frozen once the evaluation is discussed.",
    )
    figures_snapshot = fields.Json(
        readonly=True,
        help="The tables of the report (tickets by type and priority, breaches, "
        "hours per month) as they were when the figures were computed.",
    )
    # the meeting with the key users
    discussed_date = fields.Date(
        string="Discussed On",
        tracking=True,
        help="Date of the evaluation meeting with the customer's key users.",
    )
    participant_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="support_sla_evaluation_participant_rel",
        column1="evaluation_id",
        column2="partner_id",
        string="Customer Participants",
        help="The customer's key users who took part in the meeting.",
    )
    participant_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="support_sla_evaluation_staff_rel",
        column1="evaluation_id",
        column2="user_id",
        string="Our Participants",
        domain="[('share', '=', False)]",
        help="The provider's staff who took part in the meeting.",
    )
    outcome = fields.Selection(
        selection=[("positive", "Positive"), ("negative", "Negative")],
        tracking=True,
        help="The outcome agreed in the meeting. After the first contract year, two "
        "negative evaluations give the customer the right to end the SLA early.",
    )
    improvement_ids = fields.One2many(
        comodel_name="support.sla.evaluation.improvement",
        inverse_name="evaluation_id",
        string="Agreed Improvements",
    )
    objection_ids = fields.One2many(
        comodel_name="support.sla.evaluation.objection",
        inverse_name="evaluation_id",
        string="Objections",
        readonly=True,
    )
    objection_deadline = fields.Date(
        string="Objections Until",
        compute="_compute_objection_deadline",
        store=True,
        help="Last day on which a key user can object to the evaluation in writing "
        "(the meeting date plus the company's objection period).",
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
    def _previous_quarter_start(self, company=None):
        """First day of the quarter before today's, in the company's zone."""
        today = self._company_today(company or self.env.company)
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
            evaluation.date_from, evaluation.date_to = self._quarter_dates(
                evaluation.year, evaluation.quarter
            )

    @api.depends("discussed_date", "company_id.sla_objection_days")
    def _compute_objection_deadline(self):
        for evaluation in self:
            evaluation.objection_deadline = evaluation.discussed_date and (
                evaluation.discussed_date
                + relativedelta(days=evaluation.company_id.sla_objection_days)
            )

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

    @api.constrains("contract_id", "year", "quarter")
    def _check_period(self):
        """A quarter is evaluated once it has ended (in the company's time zone)
        and only when the contract ran during it."""
        for evaluation in self:
            if not 2000 <= evaluation.year <= 2100:
                continue  # _check_values says so
            today = self._company_today(evaluation.company_id)
            if evaluation.date_to >= today:
                raise ValidationError(
                    self.env._(
                        "Q%(quarter)s %(year)s ends on %(end)s: it can be evaluated "
                        "from the day after.",
                        quarter=evaluation.quarter,
                        year=evaluation.year,
                        end=format_date(self.env, evaluation.date_to),
                    )
                )
            contract = evaluation.contract_id
            if (
                contract.state == "draft"
                or contract.date_start > evaluation.date_to
                or (contract.date_end and contract.date_end < evaluation.date_from)
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s did not run in Q%(quarter)s %(year)s "
                        "(%(start)s - %(end)s): there is nothing to evaluate.",
                        contract=contract.display_name,
                        quarter=evaluation.quarter,
                        year=evaluation.year,
                        start=format_date(self.env, contract.date_start),
                        end=format_date(self.env, contract.date_end),
                    )
                )

    # ------------------------------------------------------------------
    # Period in the company's time zone
    # ------------------------------------------------------------------
    @api.model
    def _company_tz(self, company):
        """The company's time zone: its address's, else its working calendar's
        (the contracts' rule, ``res.company._support_tz``)."""
        return company._support_tz()

    @api.model
    def _company_today(self, company):
        return company._support_today()

    def _period_bounds(self):
        """(start, end) of the quarter as naive UTC datetimes: midnight of its
        first day and of the day after its last day, in the company's time zone
        (Q1 2026 in Amsterdam: 2025-12-31 23:00 to 2026-03-31 22:00 UTC)."""
        self.ensure_one()
        return self._bounds(self.company_id, self.date_from, self.date_to)

    @api.model
    def _bounds(self, company, date_from, date_to):
        tz = self._company_tz(company)

        def midnight(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return midnight(date_from), midnight(date_to + relativedelta(days=1))

    @api.model
    def _quarter_dates(self, year, quarter):
        """(first day, last day) of a quarter."""
        start = date(int(year), 3 * (int(quarter) - 1) + 1, 1)
        return start, start + relativedelta(months=3, days=-1)

    # ------------------------------------------------------------------
    # Figures: computed with grouped reads, stored, frozen once discussed
    # ------------------------------------------------------------------
    def _tickets_domain(self):
        self.ensure_one()
        start, end = self._period_bounds()
        return (
            Domain("support_contract_id", "=", self.contract_id.id)
            & Domain("sla_start_date", ">=", start)
            & Domain("sla_start_date", "<", end)
        )

    def _get_tickets(self):
        """Tickets of the contract that came in during the quarter."""
        self.ensure_one()
        return self.env["helpdesk.ticket"].sudo().search(self._tickets_domain())

    def _store_figures(self, frozen_too=False):  # pylint: disable=missing-return
        """Compute and store the figures of the draft evaluations among these
        (of all of them with frozen_too). Discussed evaluations keep their
        frozen figures; evaluations of the same company and quarter share the
        reads (``_figures_of_period``)."""
        batches = defaultdict(lambda: self.browse())
        for evaluation in self:
            if (frozen_too or evaluation.state == "draft") and evaluation.date_from:
                batches[evaluation.company_id, evaluation.date_from] |= evaluation
        now = fields.Datetime.now()
        for (company, date_from), evaluations in batches.items():
            figures = self._figures_of_period(
                company,
                date_from,
                {e.contract_id: e.fair_use_tolerance for e in evaluations},
                now,
            )
            for evaluation in evaluations:
                # super(): the figures are the suite's own computation, not a
                # user's correction (write() logs and locks those)
                super(SupportSlaEvaluation, evaluation.sudo()).write(
                    figures[evaluation.contract_id.id]
                )

    @api.model
    def _figures_of_period(self, company, date_from, tolerances, now):
        """{contract id: the values of the figures} of the quarter starting on
        ``date_from`` for these contracts ({support.contract: fair-use
        tolerance}) of ``company``.

        Every read is shared by the contracts: the tickets grouped by contract,
        type, priority and statuses, the reopened tickets, the escalations, the
        breaches, and the hours used per month, i.e. six queries for a whole
        quarter however many contracts it has."""
        date_to = date_from + relativedelta(months=3, days=-1)
        start, end = self._bounds(company, date_from, date_to)
        contracts = self.env["support.contract"].union(*tolerances)
        contract_ids = contracts.ids
        # sudo: the figures count every ticket, breach and hour of the contract,
        # also those the evaluating agent's team does not see
        Ticket = self.env["helpdesk.ticket"].sudo()
        ticket_domain = [
            ("support_contract_id", "in", contract_ids),
            ("sla_start_date", ">=", start),
            ("sla_start_date", "<", end),
        ]
        tickets = defaultdict(list)
        for (
            contract,
            ticket_type,
            priority,
            response,
            resolution,
            count,
            paused,
        ) in Ticket._read_group(
            ticket_domain,
            [
                "support_contract_id",
                "support_ticket_type_id",
                "sla_priority_id",
                "sla_response_status",
                "sla_resolution_status",
            ],
            ["__count", "sla_paused_hours:sum"],
        ):
            tickets[contract.id].append(
                (ticket_type, priority, response, resolution, count, paused)
            )
        reopened = dict(
            (contract.id, count)
            for contract, count in Ticket._read_group(
                ticket_domain + [("sla_reopen_count", ">", 0)],
                ["support_contract_id"],
                ["__count"],
            )
        )
        escalations = dict(
            (contract.id, count)
            for contract, count in self.env["support.sla.customer.escalation"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", contract_ids),
                    ("request_date", ">=", start),
                    ("request_date", "<", end),
                ],
                ["contract_id"],
                ["__count"],
            )
        )
        breaches = defaultdict(list)
        for breach in (
            self.env["support.sla.breach"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", contract_ids),
                    ("deadline", ">=", start),
                    ("deadline", "<", end),
                ],
                order="deadline, id",
            )
        ):
            breaches[breach.contract_id.id].append(self._breach_figures(breach))
        used = defaultdict(dict)
        for contract, month, hours in (
            self.env["support.hour.ledger"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", contract_ids),
                    ("kind", "=", "consumption"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["contract_id", "date:month"],
                ["hours:sum"],
            )
        ):
            used[contract.id][month.month] = round(-hours, 2)
        result = {}
        for contract, tolerance in tolerances.items():
            rows = tickets[contract.id]
            counts = Counter()
            measured = {"response": [0, 0], "resolution": [0, 0]}
            paused_hours = 0.0
            for ticket_type, priority, response, resolution, count, paused in rows:
                counts[ticket_type.id, priority.id] += count
                paused_hours += paused
                for target, status in (
                    ("response", response),
                    ("resolution", resolution),
                ):
                    if status in ("met", "breached"):
                        measured[target][0] += count
                    if status == "met":
                        measured[target][1] += count
            reserved = contract.reserved_hours
            months = [
                {
                    "month": fields.Date.to_string(
                        date_from + relativedelta(months=offset)
                    ),
                    "reserved": reserved,
                    "used": used[contract.id].get(
                        (date_from + relativedelta(months=offset)).month, 0.0
                    ),
                }
                for offset in range(3)
            ]
            vals = {
                "ticket_count": sum(counts.values()),
                "breach_count": len(breaches[contract.id]),
                "reopened_count": reopened.get(contract.id, 0),
                "escalation_count": escalations.get(contract.id, 0),
                "paused_hours": round(paused_hours, 2),
                "reserved_hours": reserved * 3,
                "used_hours": round(sum(m["used"] for m in months), 2),
                "fair_use": self._fair_use(reserved, tolerance, months),
                "figures_date": now,
                "figures_snapshot": {
                    "counts": [
                        [t, p, n] for (t, p), n in sorted(counts.items(), key=str)
                    ],
                    "type_ids": sorted({t for t, _p in counts if t}),
                    "priority_ids": sorted({p for _t, p in counts if p}),
                    "breaches": breaches[contract.id],
                    "months": months,
                },
            }
            for target, (count, met) in measured.items():
                vals[f"{target}_measured"] = count
                vals[f"{target}_met"] = met
                vals[f"{target}_achievement"] = (
                    round(100.0 * met / count, 1) if count else 0.0
                )
            result[contract.id] = vals
        return result

    @api.model
    def _fair_use(self, reserved, tolerance, months):
        """above/below when each of the quarter's three months used more (less)
        than the reservation (``reserved`` hours a month), beyond the tolerance
        (%)."""
        if not reserved:
            return "none"
        margin = tolerance / 100.0
        if all(m["used"] > m["reserved"] * (1 + margin) for m in months):
            return "above"
        if all(m["used"] < m["reserved"] * (1 - margin) for m in months):
            return "below"
        return "ok"

    # the frozen tables, as the report and the portal show them
    def _get_type_priority_table(self):
        """(types, priorities, {(type id, priority id): count}) of the quarter,
        as stored with the figures."""
        self.ensure_one()
        snapshot = self.figures_snapshot or {}
        counts = {
            (type_id or False, priority_id or False): count
            for type_id, priority_id, count in snapshot.get("counts", [])
        }
        types = (
            self.env["support.ticket.type"]
            .browse(snapshot.get("type_ids", []))
            .exists()
            .sorted("sequence")
        )
        priorities = (
            self.env["support.priority"]
            .browse(snapshot.get("priority_ids", []))
            .exists()
            .sorted("sequence")
        )
        return types, priorities, counts

    @api.model
    def _breach_figures(self, breach):
        """What the evaluation keeps of one breach (JSON values): ticket, target,
        priority, deadline and cause. A hook for modules that add a column."""
        return {
            "ticket": " ".join(
                filter(None, [breach.ticket_id.number, breach.ticket_id.name])
            ),
            "target": breach.target,
            "priority_id": breach.priority_id.id,
            "priority": breach.priority_id.name or "",
            "deadline": fields.Datetime.to_string(breach.deadline),
            "cause": breach.cause or "",
        }

    def _get_breaches(self):
        """Breaches whose deadline fell in the quarter, as stored with the
        figures: dicts of ticket, target (label), priority, deadline (datetime)
        and cause."""
        self.ensure_one()
        targets = dict(
            self.env["support.sla.breach"]
            ._fields["target"]
            ._description_selection(self.env)
        )
        priorities = (
            self.env["support.priority"]
            .browse(
                [
                    b["priority_id"]
                    for b in (self.figures_snapshot or {}).get("breaches", [])
                    if b["priority_id"]
                ]
            )
            .exists()
        )
        names = {priority.id: priority.name for priority in priorities}
        return [
            dict(
                breach,
                target=targets.get(breach["target"], breach["target"]),
                priority=names.get(breach["priority_id"], breach["priority"]),
                deadline=fields.Datetime.to_datetime(breach["deadline"]),
            )
            for breach in (self.figures_snapshot or {}).get("breaches", [])
        ]

    def _report_datetime(self, value):
        """A moment as the report prints it: in the company's time zone (the
        zone of the quarter's bounds), which it names, "01/15/2027 02:00:00 PM
        (Europe/Amsterdam)"; in the report's language."""
        self.ensure_one()
        if not value:
            return ""
        zone = self._company_tz(self.company_id).zone
        return f"{format_datetime(self.env, value, tz=zone)} ({zone})"

    def _get_months(self):
        """Reserved hours and hours used of the quarter's months, as stored with
        the figures: [{"month": date, "reserved": float, "used": float}]."""
        self.ensure_one()
        return [
            dict(month, month=fields.Date.to_date(month["month"]))
            for month in (self.figures_snapshot or {}).get("months", [])
        ]

    # ------------------------------------------------------------------
    # Create, publishing lock
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """The figures are computed before the records are inserted and created
        with them: one insert for a quarter of evaluations, no update after."""
        vals_list = [dict(vals) for vals in vals_list]
        Contract = self.env["support.contract"]
        complete = [
            vals
            for vals in vals_list
            if vals.get("contract_id") and vals.get("year") and vals.get("quarter")
        ]
        # the contracts (and their companies) read at once
        Contract.browse([vals["contract_id"] for vals in complete]).company_id  # noqa: B018
        batches = defaultdict(dict)
        for vals in complete:
            contract = Contract.browse(vals["contract_id"])
            date_from = self._quarter_dates(vals["year"], vals["quarter"])[0]
            batches[contract.company_id, date_from][contract] = vals.get(
                "fair_use_tolerance", DEFAULT_FAIR_USE_TOLERANCE
            )
        now = fields.Datetime.now()
        figures = {}
        for (company, date_from), tolerances in batches.items():
            for contract_id, values in self._figures_of_period(
                company, date_from, tolerances, now
            ).items():
                figures[contract_id, date_from] = values
        for vals in complete:
            date_from = self._quarter_dates(vals["year"], vals["quarter"])[0]
            vals.update(figures.get((vals["contract_id"], date_from), {}))
        evaluations = super().create(vals_list)
        evaluations.filtered(lambda e: not e.figures_date)._store_figures(
            frozen_too=True
        )
        return evaluations

    def write(self, vals):
        """Agents write the meeting (advice, date, participants, outcome) of an
        evaluation not yet discussed; a discussed (published) evaluation is
        changed by a manager only, and the correction is logged in its
        chatter."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            locked = set(vals) - AGENT_WRITABLE_FIELDS
            if vals.get("state") == "done":
                # publishing (Mark as Discussed) is the agent's step
                locked.discard("state")
            if locked or any(evaluation.state == "done" for evaluation in self):
                raise AccessError(
                    self.env._(
                        "Only the meeting of an evaluation not yet discussed can be "
                        "changed; a discussed evaluation is corrected by a support "
                        "manager."
                    )
                )
        published = self.filtered(lambda evaluation: evaluation.state == "done")
        res = super().write(vals)
        if set(vals) & FIGURE_INPUTS:
            self._store_figures()
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
    def action_refresh_figures(self):
        """Recompute the figures of an evaluation not yet discussed."""
        if any(evaluation.state == "done" for evaluation in self):
            raise UserError(
                self.env._(
                    "The figures of a discussed evaluation are frozen; a manager "
                    "reopens it first."
                )
            )
        self._store_figures()
        return True

    def action_done(self):
        """Mark as discussed: the meeting's date, participants and outcome are
        recorded, the figures computed one last time and frozen, the agreed
        improvements followed as activities, and the evaluation published to
        the customer's key users and locked."""
        self.ensure_one()
        today = self._company_today(self.company_id)
        discussed = self.discussed_date or today
        problems = []
        if self.state == "done":
            problems.append(self.env._("It has already been discussed."))
        if discussed <= self.date_to or discussed > today:
            problems.append(
                self.env._(
                    "The meeting date must lie after the quarter (%(end)s) and not "
                    "in the future.",
                    end=format_date(self.env, self.date_to),
                )
            )
        if not self.participant_partner_ids:
            problems.append(
                self.env._("Record which of the customer's key users took part.")
            )
        strangers = self.participant_partner_ids - self.contract_id.key_user_ids
        if strangers:
            problems.append(
                self.env._(
                    "%(names)s: not a key user of contract %(contract)s.",
                    names=", ".join(strangers.mapped("name")),
                    contract=self.contract_id.display_name,
                )
            )
        if not self.outcome:
            problems.append(self.env._("Record the outcome: positive or negative."))
        if self.outcome == "negative" and not self.improvement_ids:
            problems.append(
                self.env._(
                    "A negative evaluation records the agreed improvements, each "
                    "with an owner and a deadline."
                )
            )
        if problems:
            raise UserError("\n".join(problems))
        self._store_figures()
        self.write(
            {
                "state": "done",
                "discussed_date": discussed,
                "participant_user_ids": [Command.link(self.env.user.id)]
                if not self.participant_user_ids
                else [],
            }
        )
        self.improvement_ids._schedule_activities()
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

    def _get_report_base_filename(self):
        """SLA evaluation 2026-Q3 - Tulip Trading B.V (the extension adds the
        dot: no "B.V..pdf")."""
        self.ensure_one()
        return self.env._(
            "SLA evaluation %(year)s-Q%(quarter)s - %(customer)s",
            year=self.year,
            quarter=self.quarter,
            customer=self.partner_id.name or "",
        ).rstrip(". ")

    def action_print(self):
        self.ensure_one()
        return self.env.ref("support_sla.action_report_sla_evaluation").report_action(
            self
        )

    def action_send(self):
        """Send the PDF to the key users of the contract, each in their own
        language (one message per language), logged in the chatter."""
        self.ensure_one()
        if self.state != "done":
            raise UserError(
                self.env._("An evaluation is sent once it has been discussed.")
            )
        key_users = self.contract_id.key_user_ids.filtered("email")
        if not key_users:
            raise UserError(
                self.env._(
                    "Contract %(contract)s has no key user with an e-mail address.",
                    contract=self.contract_id.display_name,
                )
            )
        template = self.env.ref("support_sla.mail_template_sla_evaluation")
        company_lang = self.partner_id.lang or self.env.lang
        by_lang = defaultdict(lambda: self.env["res.partner"])
        for partner in key_users:
            by_lang[partner.lang or company_lang] |= partner
        for lang, partners in sorted(by_lang.items()):
            self.with_context(evaluation_lang=lang).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )
        return True

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = list(self._tickets_domain())
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Objections (the portal's form)
    # ------------------------------------------------------------------
    def _objection_refusal(self, partner, text):
        """Why ``partner`` cannot object with ``text`` now: (exception class,
        message), or None when the objection stands. The rule of the portal's
        form and of a reply by mail: a key user of the contract, an evaluation
        discussed, within the objection period (company's time zone), some
        text of at most 5,000 characters."""
        self.ensure_one()
        today = self._company_today(self.company_id)
        if self.state != "done" or not self.objection_deadline:
            return UserError, self.env._("This evaluation has not been discussed yet.")
        if partner not in self.contract_id.key_user_ids:
            return AccessError, self.env._(
                "Only the contract's key users can object to it."
            )
        if today > self.objection_deadline:
            return UserError, self.env._(
                "Objections to this evaluation were possible until %(date)s.",
                date=format_date(self.env, self.objection_deadline),
            )
        if not text:
            return UserError, self.env._("Write what you object to.")
        if len(text) > OBJECTION_MAX_CHARS:
            return UserError, self.env._("An objection has at most 5,000 characters.")
        return None

    def _object(self, partner, text):
        """A key user objects in writing within the objection period: the
        objection is logged and the outcome reopened (to be decided again)."""
        self.ensure_one()
        text = (text or "").strip()
        refusal = self._objection_refusal(partner, text)
        if refusal:
            exception, message = refusal
            raise exception(message)
        return self._record_objection(partner, text)

    def _record_objection(self, partner, text, by_mail=False):
        """Record the objection, reopen the outcome, log it (with the text,
        unless it came by mail: the mail itself is logged) and ask the
        account manager to decide the outcome again."""
        # sudo: the key user's objection is recorded by the suite (portal users
        # write nothing on the evaluation themselves)
        evaluation = self.sudo()
        objection = evaluation.env["support.sla.evaluation.objection"].create(
            {"evaluation_id": self.id, "partner_id": partner.id, "text": text}
        )
        previous = evaluation.outcome
        super(SupportSlaEvaluation, evaluation).write({"outcome": False})
        heading = self.env._(
            "Objection by %(partner)s (outcome %(outcome)s reopened):",
            partner=partner.name,
            outcome=dict(self._fields["outcome"]._description_selection(self.env)).get(
                previous, "-"
            ),
        )
        if by_mail:
            evaluation.message_post(
                body=self.env._(
                    "%(heading)s see their reply by e-mail.", heading=heading
                ),
                subtype_xmlid="mail.mt_note",
            )
        else:
            evaluation.message_post(
                body=Markup("%s<br/>%s") % (heading, text),
                author_id=partner.id,
                subtype_xmlid="mail.mt_comment",
            )
        responsible = self.contract_id.user_id or self.create_uid
        evaluation.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Objection: decide the outcome again"),
            note=text,
            user_id=responsible.id,
        )
        return objection

    def message_update(self, msg_dict, update_vals=None):
        """A key user's reply to the evaluation (its mail) within the objection
        period is an objection in writing, as by the portal's form: recorded,
        the outcome reopened. Any other reply (after the period, by someone
        else, before the evaluation is discussed) is only logged in the
        chatter, as every reply is."""
        res = super().message_update(msg_dict, update_vals=update_vals)
        partner = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        text = html2plaintext(msg_dict.get("body") or "").strip()
        for evaluation in self:
            if partner and not evaluation._objection_refusal(
                partner, text[:OBJECTION_MAX_CHARS]
            ):
                evaluation._record_objection(
                    partner, text[:OBJECTION_MAX_CHARS], by_mail=True
                )
        return res

    # ------------------------------------------------------------------
    # Quarterly creation
    # ------------------------------------------------------------------
    @api.model
    def _create_for_quarter(self, contracts, year, quarter):
        """Evaluations of these contracts for a quarter, the missing ones created
        for the contracts that ran during it."""
        start, end = self._quarter_dates(year, quarter)
        contracts = contracts.filtered(
            lambda contract: contract.state != "draft"
            and contract.date_start <= end
            and (not contract.date_end or contract.date_end >= start)
        )
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
        # the quarter's drafts: no "created" message and no follower per
        # evaluation (its chatter logs what happens to it from then on)
        return existing | self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(
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
        for every contract that ran during it. The quarter is the one before
        today's in each contract's company's time zone: the run at 00:30
        Amsterdam on 1 April (22:30 UTC on 31 March) drafts Q1."""
        contracts = self.env["support.contract"].search(
            [("state", "in", ("active", "suspended", "ended"))]
        )
        for company, company_contracts in contracts.grouped("company_id").items():
            start = self._previous_quarter_start(company)
            self._create_for_quarter(
                company_contracts, start.year, (start.month - 1) // 3 + 1
            )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(evaluation.state == "done" for evaluation in self):
            raise UserError(
                self.env._("A discussed evaluation cannot be deleted; reset it first.")
            )
