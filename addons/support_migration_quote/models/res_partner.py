# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contacts, extended: the customer's custom-code measurements and the latest one."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cloc_measurement_ids = fields.One2many(
        "support.cloc.measurement", "partner_id", string="Code Measurements"
    )
    cloc_measurement_count = fields.Integer(
        string="Code Measurement Count",
        compute="_compute_cloc_measurement_count",
        groups="support_contract.support_contract_group_user",
    )

    @api.depends("cloc_measurement_ids")
    def _compute_cloc_measurement_count(self):
        counts = dict(
            self.env["support.cloc.measurement"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.cloc_measurement_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _get_latest_cloc_measurement(self):
        """The latest measurement of the partner's commercial entity, if any."""
        self.ensure_one()
        return self.env["support.cloc.measurement"].search(
            [("partner_id", "=", self.commercial_partner_id.id)],
            order="date desc, id desc",
            limit=1,
        )

    def action_view_cloc_measurements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_migration_quote.support_cloc_measurement_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
