# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.contract``, extended: measurements of the customer's custom code and the
included upgrade.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class SupportContract(models.Model):
    """Measurements of the customer's custom code and the included upgrade.

    support_contract owns ``cloc_lines``, ``cloc_date`` and ``cloc_source`` (and the
    warning over the plan's ``cloc_max``): this addon feeds them from the latest
    measurement and adds the warning under the plan's ``cloc_min``. It owns the
    included upgrade, which is sold here: its interval (one per contract year, per
    two contract years or none; contract years count from the start date), when it
    was last used and when the next is included; its use is recorded
    when a covered migration quotation is confirmed.
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
    # One version upgrade per contract year is included by default (the first year
    # from the start date).
    upgrade_last_date = fields.Date(
        string="Last Included Upgrade",
        tracking=True,
        copy=False,
        help="When the included upgrade was last used.",
    )
    upgrade_available = fields.Boolean(
        string="Included Upgrade Available",
        compute="_compute_upgrade_available",
        help="No included upgrade was used in the current contract year (the "
        "first from the start date; 1 March 2026 - 28 February 2027, then 1 March "
        "2027 - 29 February 2028, ...).",
    )
    upgrade_next_date = fields.Date(
        string="Next Included Upgrade", compute="_compute_upgrade_available"
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

    @api.depends("upgrade_last_date", "upgrade_interval", "date_start")
    @api.depends_context("date")
    def _compute_upgrade_available(self):
        today = fields.Date.to_date(self.env.context.get("date")) or (
            fields.Date.context_today(self)
        )
        for contract in self:
            months = contract._get_upgrade_interval_months()
            if not months:
                contract.upgrade_next_date = False
                contract.upgrade_available = False
                continue
            last = contract.upgrade_last_date
            # the first day of the contract period after the one of the last
            # upgrade (an upgrade before the start belongs to no period of it)
            contract.upgrade_next_date = last and contract._upgrade_period_start(
                last, months, following=True
            )
            contract.upgrade_available = not last or contract.upgrade_next_date <= today

    def _upgrade_period_start(self, day, months, following=False):
        """First day of the contract period of `months` months holding `day`
        (periods count from the start date: the contract years for 12), or of the
        next period with `following`. A day before the start: the start."""
        self.ensure_one()
        start = self.date_start or day
        if day < start:
            return start
        index = ((day.year - start.year) * 12 + day.month - start.month) // months
        # from the start date each time (31 January + 1 month = 28 February)
        if start + relativedelta(months=index * months) > day:
            index -= 1
        return start + relativedelta(months=(index + following) * months)

    def _get_upgrade_interval_months(self):
        """Months between two included upgrades; 0 when none is included."""
        self.ensure_one()
        if self.upgrade_interval == "none":
            return 0
        return int(self.upgrade_interval or 12)

    def _use_included_upgrade(self, date=None):
        """Record that the included upgrade (one per contract year, or per
        interval of contract years) is used on ``date``.

        :raise UserError: when it was used in the same period already
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        contract = self.with_context(date=date)
        if not contract.upgrade_available:
            raise UserError(
                self.env._(
                    "Contract %(contract)s used its included upgrade on %(last)s; "
                    "the next one is included from %(next)s.",
                    contract=self.name,
                    last=format_date(self.env, self.upgrade_last_date),
                    next=format_date(self.env, contract.upgrade_next_date),
                )
            )
        self.upgrade_last_date = date

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
        years = contract._get_upgrade_interval_months() // 12
        name = contract.name
        last = format_date(env, contract.upgrade_last_date) or env._("never")
        next_ = format_date(env, contract.upgrade_next_date)
        if not contract.upgrade_available:
            if years == 1:
                return False, env._(
                    "Contract %(contract)s includes one upgrade per contract year; "
                    "the last one was on %(last)s, the next is included from "
                    "%(next)s.",
                    contract=name,
                    last=last,
                    next=next_,
                )
            return False, env._(
                "Contract %(contract)s includes one upgrade per %(years)s contract "
                "years; the last one was on %(last)s, the next is included from "
                "%(next)s.",
                contract=name,
                years=years,
                last=last,
                next=next_,
            )
        if years == 1:
            return True, env._(
                "contract %(contract)s includes one upgrade per contract year "
                "(last used: %(last)s).",
                contract=name,
                last=last,
            )
        return True, env._(
            "contract %(contract)s includes one upgrade per %(years)s contract years "
            "(last used: %(last)s).",
            contract=name,
            years=years,
            last=last,
        )

    def _portal_entitlement_lines(self):
        """The included upgrade in the customer's words: what it is, the
        contract year (or two) it counts in, and whether this one's is still
        available. A contract from 1 March 2026, seen on 10 October 2026 after an
        upgrade on 5 April 2026: "this contract year runs from 03/01/2026 to
        02/28/2027; used on 04/05/2026, the next is included from 03/01/2027"."""
        lines = super()._portal_entitlement_lines()
        env = self.env
        months = self._get_upgrade_interval_months()
        label = env._("Included upgrade")
        if not months:
            lines.append(
                {
                    "label": label,
                    "value": env._(
                        "Your contract includes no upgrade to a new major Odoo "
                        "version; we quote one on request."
                    ),
                }
            )
            return lines
        today = fields.Date.to_date(env.context.get("date")) or (
            fields.Date.context_today(self)
        )
        day = max(today, self.date_start)
        start = self._upgrade_period_start(day, months)
        end = self._upgrade_period_start(day, months, following=True) - relativedelta(
            days=1
        )
        dates = {
            "start": format_date(env, start),
            "end": format_date(env, end),
            "first": format_date(env, self.date_start),
        }
        if months == 12:
            value = env._(
                "One upgrade to a new major Odoo version (for example from 18.0 to "
                "19.0) is included in each contract year. Contract years count from "
                "your start date, %(first)s: this contract year runs from %(start)s "
                "to %(end)s.",
                **dates,
            )
        else:
            value = env._(
                "One upgrade to a new major Odoo version (for example from 18.0 to "
                "19.0) is included in each period of %(years)s contract years. "
                "Contract years count from your start date, %(first)s: this period "
                "runs from %(start)s to %(end)s.",
                years=months // 12,
                **dates,
            )
        contract = self.with_context(date=today)
        if contract.upgrade_available:
            note = env._("The upgrade of this period is still available.")
        else:
            note = env._(
                "Used on %(last)s; the next one is included from %(next)s.",
                last=format_date(env, contract.upgrade_last_date),
                next=format_date(env, contract.upgrade_next_date),
            )
        lines.append({"label": label, "value": value, "note": note})
        return lines

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
            # an older measurement returns when the latest one is deleted
            contract.sudo().with_context(support_cloc_restore=True).write(vals)
