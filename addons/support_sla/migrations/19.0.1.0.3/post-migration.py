# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The figures of an SLA evaluation are stored (they were computed whenever read):
store them for the existing evaluations, discussed ones included (their figures as
of the upgrade, the closest to what was shown), in grouped reads per quarter."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["support.sla.evaluation"].search([])._store_figures(frozen_too=True)
