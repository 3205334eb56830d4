# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import ormcache


class SlaContract(NamedTuple):
    """What the SLA of a new ticket needs from its contract (ids, no records)."""

    id: int
    state: str
    plan_id: int
    calendar_id: int
    resolution_start: str
    default_priority_id: int
    addon_ids: tuple


class SupportContract(models.Model):
    _inherit = "support.contract"

    sla_escalation_ids = fields.One2many(
        comodel_name="support.sla.escalation",
        inverse_name="contract_id",
        string="Escalation",
        copy=True,
        help="Who breached tickets escalate to after the assignee and the team "
        "leader, in this order.",
    )
    sla_breach_ids = fields.One2many(
        comodel_name="support.sla.breach",
        inverse_name="contract_id",
        string="SLA Breaches",
    )
    sla_breach_count = fields.Integer(
        string="SLA Breach Count", compute="_compute_sla_breach_count"
    )
    sla_evaluation_ids = fields.One2many(
        comodel_name="support.sla.evaluation",
        inverse_name="contract_id",
        string="SLA Evaluations",
    )
    sla_evaluation_count = fields.Integer(
        string="SLA Evaluation Count", compute="_compute_sla_evaluation_count"
    )

    def write(self, vals):
        res = super().write(vals)
        if {"state", "plan_id"} & set(vals):
            self.env.registry.clear_cache()  # _sla_cached_contract
            self.env["helpdesk.ticket"]._sla_recompute_where(
                [("support_contract_id", "in", self.ids)]
            )
        return res

    @api.model
    @ormcache("contract_id")
    def _sla_cached_contract(self, contract_id):
        """The SlaContract of a contract, cached per process: every ticket created
        needs it, and in its own transaction reading the contract, its add-ons, plan
        and calendar would cost four queries. Cleared when a contract's state or
        plan, its add-ons, or the SLA settings of a plan change."""
        if not contract_id:
            return SlaContract(0, False, False, False, False, False, ())
        # sudo: the cache is shared by all users
        contract = self.browse(contract_id).sudo()
        plan = contract.plan_id
        return SlaContract(
            id=contract.id,
            state=contract.state,
            plan_id=plan.id,
            calendar_id=plan.calendar_id.id,
            resolution_start=plan.sla_resolution_start,
            default_priority_id=plan.sla_default_priority_id.id,
            addon_ids=tuple(sorted(contract.addon_line_ids.addon_id.ids)),
        )

    def _sla_addons_changed(self):
        """Add-ons of these contracts changed: their calendars and targets apply."""
        self.env.registry.clear_cache()  # _sla_cached_contract
        self.env["helpdesk.ticket"]._sla_recompute_where(
            [("support_contract_id", "in", self.exists().ids)]
        )

    def _compute_sla_breach_count(self):
        counts = dict(
            self.env["support.sla.breach"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.sla_breach_count = counts.get(contract, 0)

    def _compute_sla_evaluation_count(self):
        counts = dict(
            self.env["support.sla.evaluation"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.sla_evaluation_count = counts.get(contract, 0)

    def action_view_sla_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_sla.support_sla_evaluation_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_sla_breaches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_sla.support_sla_breach_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        return action
