# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.rule.cache.mixin`` (Clears the cached SLA rules on change): records
the cached SLA rules are built from.
"""

from odoo import api, models


class SupportSlaRuleCacheMixin(models.AbstractModel):
    """Records the cached SLA rules are built from: any change clears the cache.

    The SLA evaluator caches, per registry, the rules derived from priorities and
    matrix cells (e.g. the highest priority of each plan's matrix).
    """

    _name = "support.sla.rule.cache.mixin"
    _description = "Clears the cached SLA rules on change"

    #: Fields no cached rule is built from: writing only these keeps the cache.
    _sla_rule_cache_neutral_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(vals) - self._sla_rule_cache_neutral_fields:
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
