# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.addon`` (Support Add-on): an option on top of a paid plan (extended
availability, integrations, ...).
"""

from odoo import fields, models
from odoo.exceptions import ValidationError


class SupportAddon(models.Model):
    """An option on top of a paid plan (extended availability, integrations, ...)."""

    _name = "support.addon"
    _inherit = ["support.catalogue.mixin"]
    _description = "Support Add-on"
    _order = "sequence, id"
    _check_company_auto = True

    per_unit = fields.Boolean(
        string="Priced per Unit",
        help="The monthly price is per unit (e.g. per integration); the contract "
        "says how many units.",
    )
    unit_label = fields.Char(
        translate=True, help="What a unit is, e.g. 'integration'.", default="unit"
    )
    plan_ids = fields.Many2many(
        comodel_name="support.plan",
        string="Required Plans",
        check_company=True,
        help="The add-on can only be added to a contract on one of these plans; "
        "empty = any paid plan.",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Extra Availability",
        check_company=True,
        help="Working time the add-on adds to the plan's availability.",
    )
    critical_only = fields.Boolean(
        string="Critical Issues Only",
        help="The extra availability only covers the highest priority.",
    )

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0)) WHERE code IS NOT NULL",
        "An add-on with this code already exists in this company.",
    )

    def _is_allowed_on_plan(self, plan):
        """Whether this add-on may be put on a contract on ``plan``."""
        self.ensure_one()
        if not plan or plan.is_free or not plan.allows_addons:
            return False
        return not self.plan_ids or plan in self.plan_ids

    def _check_allowed_on_plan(self, plan, contract, pending=False):
        """Refuse this add-on on ``contract`` with ``plan``: its plan now or, with
        ``pending``, the plan it will have once its pending changes apply.

        :raise ValidationError: when the add-on is not allowed on that plan
        """
        self.ensure_one()
        if self._is_allowed_on_plan(plan):
            return
        values = {
            "addon": self.name,
            "contract": contract.name,
            "plan": plan.name,
            "plans": ", ".join(self.plan_ids.mapped("name")),
        }
        _ = self.env._
        if not self.plan_ids and pending:
            message = _(
                "Add-on %(addon)s needs a paid plan; contract %(contract)s will be on "
                "%(plan)s.",
                **values,
            )
        elif not self.plan_ids:
            message = _(
                "Add-on %(addon)s needs a paid plan; contract %(contract)s is on "
                "%(plan)s.",
                **values,
            )
        elif pending:
            message = _(
                "Add-on %(addon)s needs one of these plans: %(plans)s; contract "
                "%(contract)s will be on %(plan)s.",
                **values,
            )
        else:
            message = _(
                "Add-on %(addon)s needs one of these plans: %(plans)s; contract "
                "%(contract)s is on %(plan)s.",
                **values,
            )
        raise ValidationError(message)
