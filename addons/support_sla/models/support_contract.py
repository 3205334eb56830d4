# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


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
