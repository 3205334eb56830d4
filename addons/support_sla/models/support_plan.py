# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plans, extended with their SLA: the priority matrix, the default priority, the
policies (targets per priority) and where resolution time starts.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

from ..tools.sla_evaluator import PolicyRule


class SupportPlan(models.Model):
    _inherit = "support.plan"

    sla_matrix_id = fields.Many2one(
        comodel_name="support.priority.matrix",
        string="Priority Matrix",
        check_company=True,
        help="Matrix giving the priority of this plan's tickets from their two axis "
        "values.",
    )
    sla_default_priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Priority Until Triaged",
        help="Priority of new tickets until their axis values (or a type with a "
        "fixed priority) give one, so that their response clock runs from the "
        "start.",
    )
    sla_policy_ids = fields.One2many(
        comodel_name="support.sla.policy",
        inverse_name="plan_id",
        string="SLA Policies",
    )
    sla_resolution_start = fields.Selection(
        selection=[
            ("create", "Ticket creation"),
            ("response", "First response"),
        ],
        string="Resolution Counted From",
        required=True,
        default="create",
        help="When resolution times start: at ticket creation, or at the first "
        "response to the key user.",
    )

    @api.constrains("calendar_id", "sla_policy_ids")
    def _check_sla_calendar(self):
        for plan in self:
            if plan.sla_policy_ids and not plan.calendar_id:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s has SLA policies but no availability calendar "
                        "to count their business time on.",
                        plan=plan.display_name,
                    )
                )
            if plan.calendar_id and plan.sla_policy_ids:
                plan.calendar_id._sla_check_working_time()

    def write(self, vals):
        res = super().write(vals)
        if {
            "calendar_id",
            "sla_resolution_start",
            "sla_matrix_id",
            "sla_default_priority_id",
        } & set(vals):
            self._sla_policies_changed()
        return res

    @api.model
    @ormcache("plan_id")
    def _sla_cached_rules(self, plan_id):
        """(policies of the plan as PolicyRule tuples, most specific first; id of
        the highest priority of its matrix), cached per process."""
        plan = self.browse(plan_id).sudo()
        policies = plan.with_context(active_test=True).sla_policy_ids.sorted(
            lambda p: (-p._specificity(), p.sequence, p.id)
        )
        rules = tuple(
            PolicyRule(
                id=policy.id,
                plan_id=plan.id,
                priority_id=policy.priority_id.id,
                addon_id=policy.addon_id.id,
                type_ids=frozenset(policy.ticket_type_ids.ids),
                emergency_only=policy.emergency_only,
                response=policy._response_target(),
                resolution=policy._resolution_target(),
            )
            for policy in policies
        )
        highest = plan.sla_matrix_id.priority_ids.sorted("sequence")[:1].id
        return rules, highest

    def _sla_policies_changed(self):
        """Policies or SLA settings of these plans changed: drop the cached rules
        and recompute the SLA of the open tickets of contracts on these plans."""
        self.env.registry.clear_cache()
        if not self:
            return
        self.env["helpdesk.ticket"]._sla_recompute_where(
            [
                ("support_contract_id.plan_id", "in", self.ids),
                ("stage_id.closed", "=", False),
            ]
        )
