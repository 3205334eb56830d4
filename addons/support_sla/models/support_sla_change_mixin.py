# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.change.mixin`` (Reports SLA changes to the parent record): lines whose
creation, deletion or change moves the SLA of their parent's tickets (a calendar's
attendances, a plan's policies, a contract's add-ons, a ticket's pauses).
"""

from odoo import api, models


class SupportSlaChangeMixin(models.AbstractModel):
    """Lines whose creation, deletion or change moves the SLA of their parent's
    tickets (a calendar's attendances, a plan's policies, a contract's add-ons, a
    ticket's pauses): the parent's hook is told once per operation."""

    _name = "support.sla.change.mixin"
    _description = "Reports SLA changes to the parent record"

    #: many2one to the parent record
    _sla_parent_field = None
    #: method of the parent recordset to call with the parents concerned
    _sla_parent_hook = None
    #: fields whose write matters (None: all but the neutral ones)
    _sla_watched_fields = None
    #: fields whose write changes no SLA
    _sla_neutral_fields = frozenset()

    def _sla_parents(self):
        return self[self._sla_parent_field]

    def _sla_report(self, parents):
        getattr(parents, self._sla_parent_hook)()

    def _sla_write_matters(self, vals):
        names = set(vals)
        if self._sla_watched_fields is not None:
            return bool(names & (self._sla_watched_fields | {self._sla_parent_field}))
        return bool(names - self._sla_neutral_fields)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._sla_report(records._sla_parents())
        return records

    def write(self, vals):
        parents = self._sla_parents()
        res = super().write(vals)
        if self._sla_write_matters(vals):
            self._sla_report(parents | self._sla_parents())
        return res

    def unlink(self):
        parents = self._sla_parents()
        res = super().unlink()
        self._sla_report(parents)
        return res
