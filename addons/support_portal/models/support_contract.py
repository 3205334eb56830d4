# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Support contracts in the portal: key users (limit per plan, portal access), the
contract's portal URL, and the values its pages show (terms, availability, hour
ledger and usage, evaluations, invoices).
"""

from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import ormcache
from odoo.tools.misc import babel_locale_parse
from odoo.tools.misc import format_date as odoo_format_date

# Movements of the hour ledger shown per page of the contract's portal page
PORTAL_LEDGER_STEP = 50
# Months of the usage table and chart
PORTAL_USAGE_MONTHS = 12


class SupportContract(models.Model):
    _name = "support.contract"
    _inherit = ["support.contract", "portal.mixin"]
    # key users write to their account manager from the contract's portal page
    _mail_post_access = "read"

    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Support Team",
        check_company=True,
        help="The customer's dedicated team: it receives every ticket of the "
        "contract, whatever its channel (e-mail, portal, phone). Without it the "
        "company's default support team.",
    )
    key_user_count = fields.Integer(
        string="Key Users (count)",
        compute="_compute_key_user_count",
        help="Key users named on the contract; they count towards the plan's user "
        "limit.",
    )
    key_user_portal_missing = fields.Integer(
        string="Key Users without Portal Access",
        compute="_compute_key_user_count",
        help="Key users that have no portal account yet.",
    )

    @api.depends("key_user_ids")
    def _compute_key_user_count(self):
        for contract in self:
            key_users = contract.key_user_ids
            contract.key_user_count = len(key_users)
            contract.key_user_portal_missing = len(
                key_users.sudo().filtered(lambda partner: not partner.user_ids)
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/contracts/{contract.id}"
        return res

    @api.depends("user_count", "cloc_lines", "plan_id", "key_user_ids")
    def _compute_limit_warning(self):
        res = super()._compute_limit_warning()
        for contract in self:
            warning = contract._get_key_user_limit_warning()
            if warning:
                contract.limit_warning = " ".join(
                    filter(None, [contract.limit_warning, warning])
                )
        return res

    @api.constrains("key_user_ids", "partner_id")
    def _check_key_users_customer(self):
        for contract in self:
            strangers = contract.key_user_ids.filtered(
                lambda partner, c=contract: partner.commercial_partner_id
                != c.partner_id
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key users of contract %(contract)s must be contacts of "
                        "%(customer)s; %(contacts)s belong elsewhere.",
                        contract=contract.name,
                        customer=contract.partner_id.name,
                        contacts=", ".join(strangers.mapped("display_name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._warn_key_user_limit({})
        return contracts

    def write(self, vals):
        over_before = (
            {contract.id: contract._is_over_key_user_limit() for contract in self}
            if "key_user_ids" in vals or "plan_id" in vals
            else None
        )
        res = super().write(vals)
        if "team_id" in vals or "key_user_ids" in vals:
            # _support_cached_team_id, _support_cached_key_user_ids
            self.env.registry.clear_cache()
        if over_before is not None:
            self._warn_key_user_limit(over_before)
        return res

    @api.model
    @ormcache("contract_id")
    def _support_cached_team_id(self, contract_id):
        """Id of the contract's support team (0: none), cached per process: every
        ticket of the contract is routed by it, and in the ticket's own transaction
        reading the contract (all its columns) costs a query a ticket (benchmark:
        bash scripts/bench sla --part create). Cleared when a contract's team
        changes."""
        # sudo: the cache is shared by all users
        return self.browse(contract_id).sudo().team_id.id or 0

    @api.model
    @ormcache("contract_id")
    def _support_cached_key_user_ids(self, contract_id):
        """Ids of the contract's key users (archived ones too: the caller reads
        who is active), cached per process: a ticket created by mail makes them
        followers, and reading them in the ticket's own transaction cost a query
        a mail (bash scripts/bench mail). Cleared when a contract's key users
        change or a contact is deleted."""
        # sudo: the cache is shared by all users; active_test: the key users as
        # stored, whether archived or not
        contract = self.browse(contract_id).sudo().with_context(active_test=False)
        return tuple(contract.key_user_ids.ids)

    def _is_key_user(self, partner):
        # the key users cached per process: the portal's ticket page asks for
        # each form it may show (escalation, estimate, release), without reading
        # the key users (a query) and each of them (their columns)
        self.ensure_one()
        return bool(
            partner.active and partner.id in self._support_cached_key_user_ids(self.id)
        )

    def action_grant_key_users_portal(self):
        """Open Odoo's portal access wizard on the contract's key users."""
        self.ensure_one()
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_ids=self.key_user_ids.ids)
            .create({})
        )
        return wizard._action_open_modal()

    # Business methods

    def _get_portal_contract_values(self):
        """What the contract page of the portal shows besides the contract's fields.

        Extension point: support addons add their keys (hour balance, ledger, ...).
        """
        self.ensure_one()
        return {
            "availability": self._get_portal_availability(),
            "invoices": self._get_portal_invoices(),
            "usage": self._get_portal_usage(),
            "evaluations": self._get_portal_evaluations(),
        }

    def _get_portal_evaluations(self):
        """Quarterly SLA evaluations of the contract shown to the customer: the
        discussed ones, newest first."""
        self.ensure_one()
        return self.env["support.sla.evaluation"].search(
            [("contract_id", "=", self.id), ("state", "=", "done")]
        )

    def _get_portal_availability(self):
        """Availability windows in plain words: the plan's, then the add-ons'.

        :return: list of dicts with ``name``, ``lines`` (str), ``tz`` and ``note``
        """
        self.ensure_one()
        result = []
        calendar = self.plan_id.calendar_id
        if calendar:
            result.append(
                {
                    "name": self.plan_id.name,
                    "lines": calendar._get_portal_availability(),
                    "tz": calendar.tz,
                    "note": False,
                }
            )
        for line in self.addon_line_ids:
            calendar = line.addon_id.calendar_id
            if not calendar:
                continue
            result.append(
                {
                    "name": line.addon_id.name,
                    "lines": calendar._get_portal_availability(),
                    "tz": calendar.tz,
                    "note": line.addon_id.critical_only
                    and self.env._("Critical issues only"),
                }
            )
        return result

    def _get_portal_ledger_count(self):
        self.ensure_one()
        return self.env["support.hour.ledger"].search_count(
            [("contract_id", "=", self.id)]
        )

    def _get_portal_ledger(self, offset=0, limit=PORTAL_LEDGER_STEP):
        """Movements of the hour balance, newest first, ready to show: dicts with
        ``date`` (formatted), ``name``, ``ticket``, ``hours_logged``, ``hours``,
        ``separate``."""
        self.ensure_one()
        lines = self.env["support.hour.ledger"].search_fetch(
            [("contract_id", "=", self.id)],
            [
                "date",
                "name",
                "ticket_id",
                "hours",
                "hours_logged",
                "billable_separately",
            ],
            offset=offset,
            limit=limit,
        )
        # only the numbers of the tickets, not their many other columns
        lines.ticket_id.fetch(["number"])
        return [
            {
                "date": odoo_format_date(self.env, line.date),
                "name": line.name,
                "ticket": line.ticket_id.number or "",
                "hours_logged": line.hours_logged,
                "hours": line.hours,
                "separate": line.billable_separately,
            }
            for line in lines
        ]

    def _get_portal_usage(self, months=PORTAL_USAGE_MONTHS):
        """Hours per month over the last ``months`` months, and the balance.

        Two queries whatever the length of the history: the balance before the
        period, and the movements of the period grouped by month and kind.

        :return: dict with ``balance`` and ``months``, a list (oldest first) of
            dicts: ``date``, ``label``, ``credited``, ``consumed``, ``separate``
            (hours worked billed separately), ``excess``, ``adjustment``,
            ``balance`` (at the end of the month), and ``chart`` geometry
        """
        self.ensure_one()
        Ledger = self.env["support.hour.ledger"]
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=months - 1)
        balance = Ledger._get_balances(self, date_to=first).get(self.id, 0.0)
        per_month = {}
        for month, kind, separate, hours, logged in Ledger.sudo()._read_group(
            [("contract_id", "=", self.id), ("date", ">=", first)],
            ["date:month", "kind", "billable_separately"],
            ["hours:sum", "hours_logged:sum"],
        ):
            values = per_month.setdefault(
                month,
                dict.fromkeys(
                    ("credited", "consumed", "separate", "excess", "adjustment"), 0.0
                ),
            )
            if kind == "credit":
                values["credited"] += hours
            elif kind == "consumption":
                values["consumed"] -= hours
                if separate:
                    values["separate"] += logged
            elif kind == "excess":
                values["excess"] += hours
            else:
                values["adjustment"] += hours
        locale = babel_locale_parse(self.env.context.get("lang") or "en_US")
        result = []
        for index in range(months):
            month = first + relativedelta(months=index)
            values = per_month.get(
                month,
                dict.fromkeys(
                    ("credited", "consumed", "separate", "excess", "adjustment"), 0.0
                ),
            )
            balance += (
                values["credited"]
                - values["consumed"]
                + values["excess"]
                + values["adjustment"]
            )
            result.append(
                dict(
                    values,
                    date=month,
                    label=format_date(month, "MMM yyyy", locale=locale),
                    balance=round(balance, 2),
                )
            )
        return {
            "balance": round(balance, 2),
            "months": result,
            "chart": _usage_chart(result),
        }

    def _get_portal_invoices(self):
        """Posted customer invoices and credit notes of the contract, newest first:
        the monthly billing's, and those of the sale orders of the contract (the
        order that sold it, amendments, migration quotations).

        Extension point: other addons add the invoices they link to a contract.
        """
        self.ensure_one()
        domain = Domain("move_type", "in", ("out_invoice", "out_refund")) & Domain(
            "state", "=", "posted"
        )
        domain &= Domain("support_contract_id", "=", self.id) | Domain(
            "invoice_line_ids.sale_line_ids.order_id.support_contract_id",
            "=",
            self.id,
        )
        return self.env["account.move"].search(
            domain, order="invoice_date desc, id desc"
        )

    def _get_key_user_limit(self):
        """Number of users the plan allows (0 = no limit): key users count."""
        self.ensure_one()
        return self.plan_id.user_limit

    def _get_key_user_limit_warning(self):
        self.ensure_one()
        limit = self._get_key_user_limit()
        if not limit or len(self.key_user_ids) <= limit:
            return False
        return self.env._(
            "%(count)s key users exceed the %(limit)s users of plan %(plan)s.",
            count=len(self.key_user_ids),
            limit=limit,
            plan=self.plan_id.name,
        )

    def _is_over_key_user_limit(self):
        self.ensure_one()
        limit = self._get_key_user_limit()
        return bool(limit) and len(self.key_user_ids) > limit

    def _warn_key_user_limit(self, over_before):
        """Tell the account manager when key users go over the plan's user limit.

        Only crossing the limit warns (not every later change while over it),
        through an activity on the contract so that staff finds it in its to-do
        list.

        :param over_before: {contract id: whether it was over the limit before}
        """
        activity_type = self.env.ref(
            "mail.mail_activity_data_warning", raise_if_not_found=False
        )
        for contract in self:
            if not contract._is_over_key_user_limit() or over_before.get(contract.id):
                continue
            contract.activity_schedule(
                activity_type_id=activity_type.id if activity_type else False,
                summary=self.env._("Key users exceed the plan's user limit"),
                note=contract._get_key_user_limit_warning(),
                user_id=(contract.user_id or self.env.user).id,
            )


def _usage_chart(months, width=600, height=160):
    """Geometry of an SVG bar chart of hours per month: a bar for the hours that
    consumed the balance, stacked with those billed separately, and a tick for the
    reserved hours credited."""
    top = max(
        [m["consumed"] + m["separate"] for m in months]
        + [m["credited"] for m in months]
        + [1.0]
    )
    slot = width / max(len(months), 1)
    bar = slot * 0.6
    scale = (height - 20) / top
    bars = []
    for index, month in enumerate(months):
        x = index * slot + (slot - bar) / 2
        consumed = max(month["consumed"], 0.0) * scale
        separate = max(month["separate"], 0.0) * scale
        bars.append(
            {
                "x": round(x, 1),
                "width": round(bar, 1),
                "consumed_y": round(height - 20 - consumed, 1),
                "consumed_h": round(consumed, 1),
                "separate_y": round(height - 20 - consumed - separate, 1),
                "separate_h": round(separate, 1),
                "credited_y": round(height - 20 - month["credited"] * scale, 1),
                "label_x": round(index * slot + slot / 2, 1),
                "month": month,
            }
        )
    return {"width": width, "height": height, "bars": bars, "top": top}
