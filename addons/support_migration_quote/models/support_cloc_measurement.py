# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.cloc.measurement`` (Custom Code Measurement): one measurement of a
customer's custom code, kept as measured.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, formatLang

from ..tools import ClocInputError, ClocResult


class SupportClocMeasurement(models.Model):
    """One measurement of a customer's custom code, kept as measured.

    Created by the measure wizard from an uploaded archive (counted here with
    ``odoo.tools.cloc``), from pasted ``odoo-bin cloc`` output, or typed by hand with
    a reason. The figures, source, date and author cannot be changed afterwards.
    """

    _name = "support.cloc.measurement"
    _description = "Custom Code Measurement"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The customer's commercial entity.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    contract_id = fields.Many2one(
        "support.contract",
        string="Contract",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
        help="The contract whose custom code this measures; by default the "
        "customer's active contract. Its latest measurement feeds the contract's "
        "lines of custom code.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    source = fields.Selection(
        [
            ("archive", "Uploaded archive"),
            ("output", "Pasted odoo-bin cloc output"),
            ("manual", "Typed by hand"),
        ],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Measured by",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    code_lines = fields.Integer(
        string="Lines of Code",
        required=True,
        readonly=True,
        aggregator="max",
        help="Lines of custom code as odoo-bin cloc counts them: Python, "
        "JavaScript, XML, CSS and SCSS, without blank and comment lines.",
    )
    total_lines = fields.Integer(
        readonly=True,
        help="All lines of the counted files, blank and comment lines included.",
    )
    module_count = fields.Integer(string="Modules", readonly=True)
    reason = fields.Text(
        readonly=True, help="Why the figure was typed by hand, and where it comes from."
    )
    archive_name = fields.Char(readonly=True)
    cloc_output = fields.Text(
        string="Pasted Output", readonly=True, prefetch=False, copy=False
    )
    error_count = fields.Integer(
        string="Files Not Counted",
        readonly=True,
        help="Files cloc could not count (syntax errors, minified or huge files).",
    )
    error_details = fields.Text(string="Errors", readonly=True)
    excluded_lines = fields.Integer(
        readonly=True, help="Lines of code cloc listed as excluded (-d -v)."
    )
    excluded_details = fields.Text(string="Excluded", readonly=True)
    line_ids = fields.One2many(
        "support.cloc.measurement.line",
        "measurement_id",
        string="Detail",
        readonly=True,
    )
    sale_order_ids = fields.One2many(
        "sale.order",
        "migration_measurement_id",
        string="Quotations",
        groups="sales_team.group_sale_salesman",
    )
    sale_order_count = fields.Integer(
        compute="_compute_sale_order_count", groups="sales_team.group_sale_salesman"
    )

    _code_lines_positive = models.Constraint(
        "CHECK (code_lines >= 0 AND total_lines >= 0)",
        "A measurement cannot have a negative number of lines.",
    )

    # figures that describe what was measured: set once, at creation
    _MEASURED_FIELDS = frozenset(
        {
            "partner_id",
            "date",
            "source",
            "user_id",
            "code_lines",
            "total_lines",
            "module_count",
            "reason",
            "archive_name",
            "cloc_output",
            "error_count",
            "error_details",
            "excluded_lines",
            "excluded_details",
            "line_ids",
        }
    )

    @api.depends("partner_id.name", "code_lines", "date")
    def _compute_display_name(self):
        for measurement in self:
            measurement.display_name = self.env._(
                "%(partner)s: %(lines)s lines (%(date)s)",
                partner=measurement.partner_id.name or "",
                lines=formatLang(self.env, measurement.code_lines, digits=0),
                date=format_datetime(self.env, measurement.date, dt_format="short")
                if measurement.date
                else "",
            )

    @api.depends("sale_order_ids")
    def _compute_sale_order_count(self):
        for measurement in self:
            measurement.sale_order_count = len(measurement.sale_order_ids)

    @api.constrains("source", "reason")
    def _check_reason(self):
        for measurement in self:
            if (
                measurement.source == "manual"
                and not (measurement.reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A measurement typed by hand needs a reason: where does the "
                        "figure come from?"
                    )
                )

    @api.constrains("contract_id", "partner_id")
    def _check_contract_partner(self):
        for measurement in self:
            contract = measurement.contract_id
            if contract and contract.partner_id != measurement.partner_id:
                raise ValidationError(
                    self.env._(
                        "Measurement of %(partner)s cannot belong to contract "
                        "%(contract)s of %(other)s.",
                        partner=measurement.partner_id.name,
                        contract=contract.name,
                        other=contract.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("partner_id"):
                partner = Partner.browse(vals["partner_id"]).commercial_partner_id
                vals["partner_id"] = partner.id
                if "contract_id" not in vals:
                    vals["contract_id"] = self._default_contract(
                        partner,
                        self.env["res.company"].browse(vals.get("company_id"))
                        or self.env.company,
                    ).id
        self._check_not_older_than_current(vals_list)
        measurements = super().create(vals_list)
        measurements.contract_id._update_cloc_from_measurements()
        return measurements

    def write(self, vals):
        self._check_measured_unchanged(vals)
        contracts = self.contract_id if "contract_id" in vals else None
        res = super().write(vals)
        if contracts is not None:
            (contracts | self.contract_id)._update_cloc_from_measurements()
        return res

    def unlink(self):
        contracts = self.contract_id
        res = super().unlink()
        contracts.exists()._update_cloc_from_measurements()
        return res

    @api.model
    def _check_not_older_than_current(self, vals_list):
        """Refuse a measurement dated before the contract's current one: the
        contract's figure (and a fee priced by custom code) follows the latest
        measurement, and an older one recorded afterwards cannot be the latest."""
        Contract = self.env["support.contract"]
        for vals in vals_list:
            contract = Contract.browse(vals.get("contract_id") or [])
            current = contract.sudo().cloc_measurement_id
            date = (
                fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now()
            )
            if current and date < current.date:
                raise UserError(
                    self.env._(
                        "This measurement (%(date)s) is older than the current "
                        "measurement of contract %(contract)s (%(current)s): record "
                        "a new measurement of the code as it is today.",
                        date=format_datetime(self.env, date, dt_format="short"),
                        contract=contract.name,
                        current=format_datetime(
                            self.env, current.date, dt_format="short"
                        ),
                    )
                )

    def _check_measured_unchanged(self, vals):
        """UserError when ``vals`` would change what was measured."""
        changed = self._MEASURED_FIELDS.intersection(vals)
        if changed and not self.env.context.get("install_mode"):
            for measurement in self:
                for name in changed:
                    field = self._fields[name]
                    old = field.convert_to_write(measurement[name], measurement)
                    if (
                        field.type not in ("one2many", "many2many")
                        and old == vals[name]
                    ):
                        continue
                    raise UserError(
                        self.env._(
                            "A measurement is kept as measured: %(field)s of "
                            "%(measurement)s cannot be changed. Record a new "
                            "measurement instead.",
                            field=field._description_string(self.env),
                            measurement=measurement.display_name,
                        )
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quoted(self):
        quoted = self.sudo().filtered("sale_order_ids")
        if quoted:
            raise UserError(
                self.env._(
                    "%(measurement)s was quoted (%(orders)s): it cannot be deleted.",
                    measurement=quoted[0].display_name,
                    orders=", ".join(quoted[0].sale_order_ids.mapped("name")),
                )
            )

    def action_view_sale_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        action["domain"] = [("migration_measurement_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_quote_migration(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_migration_quote.support_migration_quote_wizard_action"
        )
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_measurement_id": self.id,
        }
        return action

    # business methods -----------------------------------------------------------

    @api.model
    def _default_contract(self, partner, company):
        """The contract a new measurement of ``partner`` belongs to: the active
        one, else the latest draft, upcoming or suspended one of ``company``."""
        Contract = self.env["support.contract"]
        contract = Contract._get_active_contract_for_partners(partner, company).get(
            partner.id
        )
        return contract or Contract.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("state", "in", ("draft", "upcoming", "suspended")),
            ],
            order="date_start desc, id desc",
            limit=1,
        )

    def _get_contract_cloc_vals(self):
        """Values of support.contract's cloc_lines, cloc_date and cloc_source."""
        self.ensure_one()
        source = dict(self._fields["source"]._description_selection(self.env)).get(
            self.source
        )
        if self.archive_name:
            source = f"{source}: {self.archive_name}"
        return {
            "cloc_lines": self.code_lines,
            "cloc_date": fields.Date.context_today(self, self.date),
            "cloc_source": source,
        }

    # measurement from a ClocResult --------------------------------------------

    @api.model
    def _prepare_vals_from_result(self, result: ClocResult):
        """Values of a measurement holding ``result`` (figures and detail lines)."""
        return {
            "code_lines": result.code_lines,
            "total_lines": result.total_lines,
            "module_count": len(result.modules),
            "error_count": result.error_count,
            "error_details": result.errors_text() or False,
            "excluded_lines": result.excluded_lines,
            "excluded_details": result.excluded_text() or False,
            "line_ids": [
                fields.Command.create(
                    {
                        "module_name": line["module"],
                        "language": line["language"],
                        "file_count": line["file_count"],
                        "code_lines": line["code_lines"],
                        "total_lines": line["total_lines"],
                    }
                )
                for line in result.detail_lines()
            ],
        }

    @api.model
    def _raise_input_error(self, error: ClocInputError):
        raise UserError(self.env._(error.message)) from error
