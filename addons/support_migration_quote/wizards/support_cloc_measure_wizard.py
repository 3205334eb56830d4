# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.cloc.measure.wizard`` (Measure Custom Code): record a measurement of a
customer's custom code, three ways.
"""

import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import ArchiveLimits, ClocInputError, count_archive, parse_cloc_output

PARAM_PREFIX = "support_migration_quote."


class SupportClocMeasureWizard(models.TransientModel):
    """Record a measurement of a customer's custom code, three ways."""

    _name = "support.cloc.measure.wizard"
    _inherit = ["support.customer.contract.mixin"]
    _description = "Measure Custom Code"

    contract_id = fields.Many2one(
        help="The measurement feeds this contract's lines of custom code."
    )
    source = fields.Selection(
        [
            ("archive", "Upload an archive of the custom addons"),
            ("output", "Paste the output of odoo-bin cloc"),
            ("manual", "Type the number of lines"),
        ],
        required=True,
        default="archive",
    )
    archive = fields.Binary(
        attachment=False,
        help="A zip or tar.gz file of the customer's custom addons: every folder "
        "with a __manifest__.py is counted as odoo-bin cloc -p would.",
    )
    archive_name = fields.Char()
    cloc_output = fields.Text(
        string="Pasted Output",
        help="What odoo-bin cloc -d <database> (or -p <path>) printed, with or "
        "without -v, pasted unchanged.",
    )
    code_lines = fields.Integer(string="Lines of Code")
    reason = fields.Text(
        help="Where the figure comes from (an earlier count, the previous "
        "partner's handover, ...)."
    )

    @api.model
    def _get_archive_limits(self):
        """Limits of an uploaded archive, from system parameters (MiB, KiB, count)."""
        get = self.env["ir.config_parameter"].sudo().get_param
        default = ArchiveLimits()

        def number(key, fallback):
            try:
                return max(int(get(PARAM_PREFIX + key, fallback)), 0)
            except (TypeError, ValueError):
                return fallback

        mib = 2**20
        return ArchiveLimits(
            max_archive_size=number(
                "archive_max_size_mb", default.max_archive_size // mib
            )
            * mib,
            max_total_size=number(
                "archive_max_unpacked_mb", default.max_total_size // mib
            )
            * mib,
            max_files=number("archive_max_files", default.max_files),
            max_file_size=number("archive_max_file_mb", default.max_file_size // mib)
            * mib,
            max_py_size=number("archive_max_py_kb", default.max_py_size // 1024) * 1024,
            max_py_lines=number("archive_max_py_lines", default.max_py_lines),
            # at most 200: the folders are created and walked recursively
            max_depth=min(number("archive_max_depth", default.max_depth), 200),
        )

    def _prepare_measurement_vals(self):
        """Values of the measurement, by source; UserError on bad input."""
        self.ensure_one()
        measurement = self.env["support.cloc.measurement"]
        vals = {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "contract_id": self.contract_id.id,
            "source": self.source,
        }
        if self.source == "manual":
            if self.code_lines < 0:
                raise UserError(self.env._("The number of lines cannot be negative."))
            if not (self.reason or "").strip():
                raise UserError(
                    self.env._(
                        "Say why the number is typed by hand and where it comes from."
                    )
                )
            vals.update(code_lines=self.code_lines, reason=self.reason.strip())
            return vals
        try:
            if self.source == "archive":
                if not self.archive:
                    raise UserError(self.env._("Upload an archive to count."))
                try:
                    data = base64.b64decode(self.archive, validate=True)
                except (binascii.Error, ValueError) as err:
                    raise UserError(
                        self.env._("The uploaded file cannot be read.")
                    ) from err
                result = count_archive(
                    data, self.archive_name, self._get_archive_limits()
                )
                vals["archive_name"] = self.archive_name
            else:
                if not (self.cloc_output or "").strip():
                    raise UserError(self.env._("Paste the output of odoo-bin cloc."))
                result = parse_cloc_output(self.cloc_output)
                vals["cloc_output"] = self.cloc_output
        except ClocInputError as error:
            measurement._raise_input_error(error)
        vals.update(measurement._prepare_vals_from_result(result))
        return vals

    def action_measure(self):
        self.ensure_one()
        measurement = self.env["support.cloc.measurement"].create(
            self._prepare_measurement_vals()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.cloc.measurement",
            "res_id": measurement.id,
            "view_mode": "form",
            "target": "current",
        }
