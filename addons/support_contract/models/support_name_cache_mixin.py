# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.name.cache.mixin`` (Names cached per process): small configuration
records whose names the portal prints on every ticket row and page.
"""

from odoo import api, models
from odoo.tools import frozendict, ormcache


class SupportNameCacheMixin(models.AbstractModel):
    """The names of all records of a small configuration model (ticket types,
    priorities), per language, cached per process: a portal list or ticket page
    prints them without reading the records (a query per model and page).

    The cache is cleared on any change of a name: a record created or deleted, a
    name written (a translation updated too: Odoo writes the field after it),
    and Odoo's translation import clears every cache itself.
    """

    _name = "support.name.cache.mixin"
    _description = "Names cached per process"

    @api.model
    @ormcache("self.env.lang")
    def _get_cached_names(self):
        """{id: name in the environment's language} of every record, archived
        ones too (a ticket keeps the type or priority it had)."""
        records = self.sudo().with_context(active_test=False).search_fetch([], ["name"])
        return frozendict({record.id: record.name for record in records})

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()  # _get_cached_names
        return records

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            self.env.registry.clear_cache()  # _get_cached_names
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _get_cached_names
        return res
