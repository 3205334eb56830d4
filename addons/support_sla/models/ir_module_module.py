# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Modules, extended: installing a second SLA engine beside the suite's from Apps is
refused with the reason, not only with Odoo's "Modules ... are incompatible" (which
the command line still gives: ``-i`` marks modules while only ``base`` is loaded)."""

from odoo import models
from odoo.exceptions import UserError

# OCA modules that compute SLA deadlines of their own on the same helpdesk tickets;
# the manifest excludes them too (see readme/DESCRIPTION.md, "Beside the OCA helpdesk
# modules")
SECOND_SLA_ENGINES = ("helpdesk_mgmt_sla",)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def button_install(self):
        engine = self.filtered(lambda module: module.name in SECOND_SLA_ENGINES)[:1]
        if engine:
            raise UserError(
                self.env._(
                    "%(module)s (%(name)s) is incompatible with Support SLA: both "
                    "compute SLA deadlines on the same helpdesk tickets, and customers "
                    "would see two deadlines that disagree. Support SLA already times "
                    "tickets from the contract's plan (availability calendar with "
                    "public holidays, priority matrix, pauses). To use %(name)s "
                    "instead, uninstall Support SLA first.",
                    module=engine.shortdesc or engine.name,
                    name=engine.name,
                )
            )
        return super().button_install()
