# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Add-on lines of a contract, extended: adding, changing or removing an add-on moves
the deadlines of the contract's open tickets.
"""

from odoo import models


class SupportContractAddon(models.Model):
    _name = "support.contract.addon"
    _inherit = ["support.contract.addon", "support.sla.change.mixin"]
    _sla_parent_field = "contract_id"
    _sla_parent_hook = "_sla_addons_changed"
    _sla_watched_fields = frozenset({"addon_id"})
