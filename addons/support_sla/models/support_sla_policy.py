# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.policy`` (SLA Policy): response and resolution targets of a plan for a
priority.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.sla_timeline import MAX_TARGET_DAYS, target_limit, validate_target

TARGET_KIND_SELECTION = [
    ("business_minutes", "Business minutes"),
    ("business_hours", "Business hours"),
    ("business_days", "Business days"),
    ("next_day_end", "End of next working day"),
    ("day_end_plus", "End of working day + N days"),
    ("none", "No target (planned)"),
]


class SupportSlaPolicy(models.Model):
    """Response and resolution targets of a plan for a priority.

    The policy that applies to a ticket is the most specific one matching its plan
    and priority: one for an add-on of the contract beats one for any contract, one
    for the emergency channel beats one for any channel, one for the ticket's type
    beats one for any type; then the lowest sequence wins.
    """

    _name = "support.sla.policy"
    _inherit = ["support.sla.change.mixin"]
    _description = "SLA Policy"
    _sla_parent_field = "plan_id"
    _sla_parent_hook = "_sla_policies_changed"
    # a new name or note changes no target: no cache to clear, no recompute
    _sla_neutral_fields = frozenset({"name", "note"})
    _order = "plan_id, priority_sequence, sequence, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Priority",
        required=True,
        ondelete="restrict",
    )
    priority_sequence = fields.Integer(
        related="priority_id.sequence", store=True, string="Priority Sequence"
    )
    addon_id = fields.Many2one(
        comodel_name="support.addon",
        string="With Add-on",
        check_company=True,
        ondelete="cascade",
        help="Only for contracts with this add-on (e.g. Premium's faster targets).",
    )
    ticket_type_ids = fields.Many2many(
        comodel_name="support.ticket.type",
        string="Ticket Types",
        help="Only for tickets of these types; empty = any type.",
    )
    emergency_only = fields.Boolean(
        string="Emergency Channel Only",
        help="Only for tickets reported through the emergency channel (for "
        "example critical issues reported by the emergency phone number).",
    )
    response_kind = fields.Selection(
        selection=TARGET_KIND_SELECTION,
        string="Response Target",
        required=True,
        default="business_hours",
    )
    response_value = fields.Float(
        string="Response Within",
        digits=(16, 2),
        help="Minutes, hours or days, depending on the kind of target; the number "
        "of working days added for 'end of working day + N days'.",
    )
    resolution_kind = fields.Selection(
        selection=TARGET_KIND_SELECTION,
        string="Resolution Target",
        required=True,
        default="none",
    )
    resolution_value = fields.Float(string="Resolution Within", digits=(16, 2))
    resolution_start = fields.Selection(
        related="plan_id.sla_resolution_start", string="Resolution Counted From"
    )
    note = fields.Text(translate=True)

    @api.depends(
        "plan_id.name",
        "priority_id.name",
        "addon_id.name",
        "emergency_only",
        "ticket_type_ids",
    )
    def _compute_name(self):
        for policy in self:
            parts = [policy.plan_id.name or "", policy.priority_id.name or ""]
            if policy.addon_id:
                parts.append(policy.addon_id.name)
            if policy.emergency_only:
                parts.append(self.env._("emergency"))
            if policy.ticket_type_ids:
                parts.append(", ".join(policy.ticket_type_ids.mapped("name")))
            policy.name = " / ".join(part for part in parts if part)

    @api.constrains(
        "response_kind", "response_value", "resolution_kind", "resolution_value"
    )
    def _check_targets(self):
        max_days = self._get_target_max_days()
        for policy in self:
            for label, kind, value in (
                (self.env._("response"), policy.response_kind, policy.response_value),
                (
                    self.env._("resolution"),
                    policy.resolution_kind,
                    policy.resolution_value,
                ),
            ):
                error = validate_target(kind, value, max_days)
                if not error:
                    continue
                messages = {
                    "kind": self.env._("an unknown kind of target"),
                    "negative": self.env._("a negative value (%(value)s)", value=value),
                    "positive": self.env._(
                        "no time (%(value)s); use 'No target' instead", value=value
                    ),
                    "whole": self.env._(
                        "a fraction of a day (%(value)s); days count whole",
                        value=value,
                    ),
                    "large": self.env._(
                        "%(value)s, more than %(limit)s: at most %(days)s days "
                        "(system parameter support_sla.target_max_days)",
                        value=value,
                        limit=target_limit(kind, max_days),
                        days=max_days,
                    ),
                }
                raise ValidationError(
                    self.env._(
                        "SLA policy %(policy)s: the %(target)s target has %(error)s.",
                        policy=policy.display_name,
                        target=label,
                        error=messages[error],
                    )
                )

    @api.model
    def _get_target_max_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("support_sla.target_max_days")
        )
        try:
            value = int(value)
        except (TypeError, ValueError):
            return MAX_TARGET_DAYS
        return value if value > 0 else MAX_TARGET_DAYS

    @api.constrains("plan_id", "addon_id")
    def _check_addon_plan(self):
        for policy in self.filtered("addon_id"):
            if (
                policy.addon_id.plan_ids
                and policy.plan_id not in policy.addon_id.plan_ids
            ):
                raise ValidationError(
                    self.env._(
                        "SLA policy %(policy)s: the add-on %(addon)s cannot be sold "
                        "with the plan %(plan)s.",
                        policy=policy.display_name,
                        addon=policy.addon_id.name,
                        plan=policy.plan_id.name,
                    )
                )

    def _specificity(self):
        self.ensure_one()
        return (
            4 * bool(self.addon_id)
            + 2 * self.emergency_only
            + bool(self.ticket_type_ids)
        )

    def _response_target(self):
        self.ensure_one()
        return (self.response_kind, self.response_value)

    def _resolution_target(self):
        self.ensure_one()
        return (self.resolution_kind, self.resolution_value)
