# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract``, extended: measurements of the customer's custom code and the
included upgrade.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class SupportContract(models.Model):
    """Measurements of the customer's custom code and the included upgrade.

    support_contract owns ``cloc_lines``, ``cloc_date`` and ``cloc_source`` (and the
    warning over the plan's ``cloc_max``): this addon feeds them from the latest
    measurement and adds the warning under the plan's ``cloc_min``. It makes the
    included upgrade's interval configurable (12 months, two years or none) and
    records its use when a covered migration quotation is confirmed.
    """

    _inherit = "support.contract"

    cloc_measurement_ids = fields.One2many(
        "support.cloc.measurement", "contract_id", string="Code Measurements"
    )
    cloc_measurement_id = fields.Many2one(
        "support.cloc.measurement",
        string="Latest Measurement",
        readonly=True,
        copy=False,
        help="The measurement cloc_lines, cloc_date and cloc_source come from.",
    )
    cloc_measurement_count = fields.Integer(
        string="Code Measurement Count", compute="_compute_cloc_measurement_count"
    )
    upgrade_interval = fields.Selection(
        [
            ("12", "One upgrade per contract year"),
            ("24", "One upgrade per two contract years"),
            ("none", "No upgrade included"),
        ],
        string="Included Upgrade",
        default="12",
        required=True,
        tracking=True,
        help="How often a version upgrade is included, in periods counted from the "
        "contract's start date: one in each contract year (1 March to 28 February "
        "for a contract from 1 March), or one in each two contract years.",
    )

    def _compute_cloc_measurement_count(self):
        counts = dict(
            self.env["support.cloc.measurement"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.cloc_measurement_count = counts.get(contract, 0)

    @api.depends("plan_id.cloc_min")
    def _compute_limit_warning(self):
        res = super()._compute_limit_warning()
        for contract in self:
            plan = contract.plan_id
            lines = contract.cloc_lines
            if plan.cloc_min and lines and lines < plan.cloc_min:
                below = self.env._(
                    "%(lines)s lines of custom code are below the %(limit)s lines "
                    "plan %(plan)s is for.",
                    lines=lines,
                    limit=plan.cloc_min,
                    plan=plan.name,
                )
                contract.limit_warning = " ".join(
                    filter(None, [contract.limit_warning, below])
                )
        return res

    @api.depends("upgrade_interval")
    def _compute_upgrade_available(self):
        return super()._compute_upgrade_available()

    def _get_upgrade_interval_months(self):
        self.ensure_one()
        if self.upgrade_interval == "none":
            return 0
        return int(self.upgrade_interval or 12)

    def action_view_cloc_measurements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_migration_quote.support_cloc_measurement_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_contract_id": self.id,
        }
        return action

    def action_measure_cloc(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_migration_quote.support_cloc_measure_wizard_action"
        )
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_contract_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_quote_migration(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_migration_quote.support_migration_quote_wizard_action"
        )
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_contract_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_register_upgrade(self):
        """The included upgrade was used today."""
        self.ensure_one()
        if self.upgrade_interval == "none":
            raise UserError(
                self.env._(
                    "Contract %(contract)s includes no upgrade.", contract=self.name
                )
            )
        self.upgrade_last_date = fields.Date.context_today(self)
        return True

    # business methods -----------------------------------------------------------

    def _get_upgrade_entitlement(self):
        """(covered, reason): whether an upgrade starting today is included."""
        self.ensure_one()
        contract = self
        env = self.env
        if contract.state != "active":
            return False, env._(
                "Contract %(contract)s is not active: the upgrade is not included.",
                contract=contract.name,
            )
        if contract.upgrade_interval == "none":
            return False, env._(
                "Contract %(contract)s includes no upgrade.", contract=contract.name
            )
        # whole sentences, not the interval's label inside one: the label is a
        # capitalised noun phrase in some languages
        months = contract._get_upgrade_interval_months()
        if not contract.upgrade_available:
            return False, env._(
                "Contract %(contract)s includes one upgrade every %(months)s months; "
                "the last one was on %(last)s, the next is included from %(next)s.",
                contract=contract.name,
                months=months,
                last=format_date(env, contract.upgrade_last_date),
                next=format_date(env, contract.upgrade_next_date),
            )
        return True, env._(
            "contract %(contract)s includes one upgrade every %(months)s months "
            "(last used: %(last)s).",
            contract=contract.name,
            months=months,
            last=format_date(env, contract.upgrade_last_date) or env._("never"),
        )

    def _update_cloc_from_measurements(self):
        """Feed cloc_lines, cloc_date and cloc_source from the latest measurement.

        Runs as superuser on these fields only: agents measure but cannot edit
        contracts. The change is tracked in the contract's chatter.
        """
        Measurement = self.env["support.cloc.measurement"]
        for contract in self:
            latest = Measurement.search(
                [("contract_id", "=", contract.id)],
                order="date desc, id desc",
                limit=1,
            )
            if latest == contract.cloc_measurement_id:
                continue
            vals = {"cloc_measurement_id": latest.id}
            if latest:
                vals.update(latest._get_contract_cloc_vals())
            contract.sudo().write(vals)
