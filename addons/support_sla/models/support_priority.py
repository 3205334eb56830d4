# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ticket priorities of the SLA (Critical to Low, or A to D), each shown as
helpdesk_mgmt's stars so lists and filters agree.
"""

from odoo import api, fields, models
from odoo.tools import ormcache


class SupportPriority(models.Model):
    _name = "support.priority"
    _inherit = ["support.sla.rule.cache.mixin", "support.name.cache.mixin"]
    _sla_rule_cache_neutral_fields = frozenset({"name", "description", "color"})
    _description = "Support Ticket Priority"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short code shown on tickets and reports (e.g. A, P1)."
    )
    sequence = fields.Integer(
        default=10, help="Most urgent first: a lower sequence is a higher priority."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    color = fields.Integer()
    description = fields.Text(translate=True)
    helpdesk_priority = fields.Selection(
        selection=lambda self: self.env["helpdesk.ticket"]
        ._fields["priority"]
        ._description_selection(self.env),
        string="Ticket Stars",
        required=True,
        default="1",
        help="Value of the helpdesk ticket's own priority (stars, list order) for "
        "tickets of this priority.",
    )

    @api.model
    @ormcache("priority_id")
    def _sla_cached_stars(self, priority_id):
        """helpdesk_priority of a priority, cached per process (the rule cache
        mixin clears it on change)."""
        return self.browse(priority_id).sudo().helpdesk_priority

    _code_company_uniq = models.Constraint(
        "unique (code, company_id)",
        "A priority code must be unique per company.",
    )
