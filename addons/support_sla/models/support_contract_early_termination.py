# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract``, extended: the customer's right to end the SLA early. After
the first contract year, two negative evaluations (discussed, outcome negative)
entitle the customer to end the SLA before its term; half of the migration service
is then refunded (proposed by the module that sold it)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

MANAGER_GROUP = "support_contract.support_contract_group_manager"
# how many negative evaluations give the right
NEGATIVE_EVALUATIONS = 2


# support.contract is split by concern, one file each
# pylint: disable=consider-merging-classes-inherited
class SupportContract(models.Model):
    _inherit = "support.contract"

    early_termination_date = fields.Date(
        string="Early Termination Right From",
        compute="_compute_early_termination_date",
        store=True,
        help="The day from which the customer may end the SLA early: after the "
        "first contract year, once two evaluations were discussed with a "
        "negative outcome (the later of the first day of the second contract "
        "year and the day the second negative evaluation was discussed).",
    )
    early_termination_right = fields.Boolean(
        string="May End Early",
        compute="_compute_early_termination_right",
        search="_search_early_termination_right",
        help="After the first contract year, two negative evaluations give the "
        "customer the right to end the SLA early, with a refund of half the "
        "migration service.",
    )
    ended_early = fields.Boolean(
        string="Ended Early (Two Negative Evaluations)",
        readonly=True,
        copy=False,
        tracking=True,
        help="The customer ended the SLA early on its right after two negative "
        "evaluations.",
    )

    @api.depends(
        "date_start",
        "sla_evaluation_ids.state",
        "sla_evaluation_ids.outcome",
        "sla_evaluation_ids.discussed_date",
    )
    def _compute_early_termination_date(self):
        # the days the negative evaluations were discussed, of all the contracts
        # in one grouped read (a quarter's evaluations are created for every
        # contract at once); sudo: the right counts every evaluation, whoever
        # triggers the recomputation
        discussed = dict(
            self.env["support.sla.evaluation"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", self._origin.ids),
                    ("state", "=", "done"),
                    ("outcome", "=", "negative"),
                    ("discussed_date", "!=", False),
                ],
                ["contract_id"],
                ["discussed_date:array_agg"],
            )
        )
        for contract in self:
            days = sorted(discussed.get(contract._origin, []))
            if len(days) < NEGATIVE_EVALUATIONS or not contract.date_start:
                contract.early_termination_date = False
                continue
            second_year = contract.date_start + relativedelta(years=1)
            contract.early_termination_date = max(
                second_year, days[NEGATIVE_EVALUATIONS - 1]
            )

    @api.depends("early_termination_date", "state")
    @api.depends_context("date")
    def _compute_early_termination_right(self):
        today = self._early_termination_today()
        for contract in self:
            contract.early_termination_right = bool(
                contract.state in ("active", "suspended")
                and contract.early_termination_date
                and contract.early_termination_date <= today
            )

    def _search_early_termination_right(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("state", "in", ("active", "suspended")),
            ("early_termination_date", "<=", self._early_termination_today()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    def _early_termination_today(self):
        return fields.Date.to_date(self.env.context.get("date")) or (
            fields.Date.context_today(self)
        )

    def _end_early(self, date_end, note=None, handover_partner=None):
        """A contracts manager records that the customer ends the SLA early on its
        right (two negative evaluations after the first contract year): the
        contract ends on ``date_end`` (billing stops after it), the minimum term
        notwithstanding; the source code handover is asked; modules that sold
        services under the contract propose their refunds (drafts)."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a contracts manager may record an early termination.")
            )
        if not self.early_termination_right:
            raise UserError(
                self.env._(
                    "Contract %(contract)s cannot be ended early: the customer may "
                    "end the SLA early only after the first contract year (from "
                    "%(since)s) and two negative evaluations (%(count)s so far).",
                    contract=self.name,
                    since=format_date(
                        self.env, self.date_start + relativedelta(years=1)
                    ),
                    count=len(
                        self.sla_evaluation_ids.filtered(
                            lambda e: e.state == "done" and e.outcome == "negative"
                        )
                    ),
                )
            )
        reason = self.env._("Early termination (two negative evaluations)")
        note = (note or "").strip()
        self.action_end(
            date_end,
            override_reason=f"{reason}: {note}" if note else reason,
            handover_partner=handover_partner,
        )
        self.ended_early = True
        proposals = self._on_early_termination()
        self.message_post(
            body=self.env._(
                "Ended early on the customer's right (two negative evaluations "
                "after the first contract year), last day %(date)s.",
                date=format_date(self.env, self.date_end),
            )
        )
        return proposals
