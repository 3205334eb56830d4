# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.starter.catalogue`` (Load the Starter Catalogue): the tiered plans (Basic,
Light, Medium, Heavy) with their add-ons, priorities, policies and calendars loaded into
a company in one click, for a database installed without demo data; loading it again
creates nothing twice.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from odoo.addons.base.models.res_partner import _tz_get

# Every record the catalogue holds gets an external id in this namespace (not a module:
# upgrading or uninstalling an addon never deletes the provider's catalogue), suffixed
# with the company id, so that a second load finds what the first one created.
XMLID_MODULE = "support_starter"

MON_FRI = range(5)
EVERY_DAY = range(7)
DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

# key: (name, days, hour from, hour to, the country's holidays off)
CALENDARS = {
    "calendar_business_0900": (
        "Support: business days 09:00-17:00",
        MON_FRI,
        9,
        17,
        True,
    ),
    "calendar_business_0800": (
        "Support: business days 08:00-17:00",
        MON_FRI,
        8,
        17,
        True,
    ),
    "calendar_extended": (
        "Support: business days 07:00-23:00 (Extended)",
        MON_FRI,
        7,
        23,
        True,
    ),
    # 365 covers the plan calendar's days off (weekends and holidays): no holidays
    "calendar_365": ("Support: days off 08:00-17:00 (365)", EVERY_DAY, 8, 17, False),
    "calendar_365_extended": (
        "Support: every day 07:00-23:00 (365 + Extended)",
        EVERY_DAY,
        7,
        23,
        False,
    ),
}

# key: (name, code, sequence, helpdesk stars, description)
PRIORITIES = {
    "priority_critical": (
        "Critical",
        "CRIT",
        1,
        "3",
        "Business unit or more cannot work; emergency.",
    ),
    "priority_high": (
        "High",
        "HIGH",
        2,
        "2",
        "Primary work functions stopped for some users.",
    ),
    "priority_medium": ("Medium", "MED", 3, "1", "Work impaired, a workaround exists."),
    "priority_low": ("Low", "LOW", 4, "0", "Inconvenient until resolved."),
}

AXES = {
    "axis_impact": (
        "Impact",
        [
            ("System wide", "Affects an entire business unit, department or location"),
            ("Multiple users", "Affects a number of users"),
            ("Single user", "Only affects a single person"),
        ],
    ),
    "axis_urgency": (
        "Urgency",
        [
            ("High", "Can no longer perform primary work functions until resolved"),
            ("Medium", "Work functions impaired until resolved, workaround in place"),
            ("Low", "Inconvenient until resolved"),
        ],
    ),
}

# impact (rows) x urgency (columns: high, medium, low)
MATRIX_GRID = [
    ("priority_critical", "priority_medium", "priority_low"),  # system wide
    ("priority_high", "priority_medium", "priority_low"),  # multiple users
    ("priority_high", "priority_low", "priority_low"),  # single user
]

# key: (name, code, sequence, monthly price, user limit, cloc min, cloc max, calendar,
#       includes SLA, monitoring and hotline)
PLANS = {
    "plan_basic": ("Basic", "BASIC", 10, 0.0, 0, 0, 0, "calendar_business_0900", False),
    "plan_light": (
        "Light",
        "LIGHT",
        20,
        250.0,
        50,
        0,
        5000,
        "calendar_business_0800",
        True,
    ),
    "plan_medium": (
        "Medium",
        "MEDIUM",
        30,
        500.0,
        100,
        5000,
        20000,
        "calendar_business_0800",
        True,
    ),
    "plan_heavy": (
        "Heavy",
        "HEAVY",
        40,
        750.0,
        250,
        20000,
        50000,
        "calendar_business_0800",
        True,
    ),
}
PAID_PLANS = ("plan_light", "plan_medium", "plan_heavy")

# the targets of every paid tier: (priority, emergency channel only, response kind,
# response value, resolution kind, resolution value, note)
POLICIES = [
    (
        "priority_low",
        False,
        "business_days",
        3,
        "day_end_plus",
        3,
        "Response within 3 business days; resolved by the end of the working day plus "
        "three working days.",
    ),
    (
        "priority_medium",
        False,
        "business_days",
        2,
        "next_day_end",
        0,
        "Response within 2 business days; resolved by the end of the next working day.",
    ),
    (
        "priority_high",
        False,
        "business_hours",
        8,
        "day_end_plus",
        0,
        "Response within 8 business hours; resolved by the end of the working day.",
    ),
    (
        "priority_critical",
        True,
        "business_minutes",
        10,
        "day_end_plus",
        0,
        "Reported through the emergency phone number: response within 10 minutes of "
        "contracted availability.",
    ),
    (
        "priority_critical",
        False,
        "business_hours",
        8,
        "day_end_plus",
        0,
        "Critical issue not reported through the emergency number: as High.",
    ),
]

# key: (name, code, sequence, monthly price, calendar, window); all widen Critical only
ADDONS = {
    "addon_extended": (
        "Extended availability",
        "EXT",
        10,
        1000.0,
        "calendar_extended",
        "working_days",
    ),
    "addon_365": (
        "Non-business 365 days availability",
        "365",
        20,
        1500.0,
        "calendar_365",
        "days_off",
    ),
    "addon_365_extended": (
        "365 + Extended",
        "365EXT",
        30,
        2000.0,
        "calendar_365_extended",
        "every_day",
    ),
}

# reserved hours per month: hours from, hours to, discount %
HOUR_BANDS = [(0, 10, 4), (10, 20, 6), (20, 50, 9), (50, 100, 11)]


class SupportStarterCatalogue(models.TransientModel):
    """Loads the tiered plans (Basic, Light, Medium, Heavy), their add-ons,
    reserved-hour bands, the impact x urgency matrix with its priorities and targets,
    the availability calendars with the country's public holidays and a helpdesk team
    into a company.

    Every record is looked up first (by its external id, then by its code or name in
    the company) and only created when missing; everything stays editable.
    """

    _name = "support.starter.catalogue"
    _description = "Load the Starter Catalogue"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        # the companies the user works in now (the company switcher's)
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    country_id = fields.Many2one(
        comodel_name="res.country",
        string="Public Holidays Of",
        default=lambda self: self.env.company.country_id,
        help="The business calendars take this country's public holidays off.",
    )
    tz = fields.Selection(
        selection=_tz_get,
        string="Time Zone",
        default=lambda self: self.env.user.tz or "Europe/Amsterdam",
        required=True,
        help="Time zone of the availability calendars (Europe/Amsterdam: CET/CEST).",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Helpdesk Team",
        help="Team the catalogue's tickets go to. Empty: a team 'Support' is created "
        "with you as its leader and member.",
    )
    state = fields.Selection(
        selection=[("draft", "To load"), ("done", "Loaded")],
        default="draft",
        required=True,
    )
    created_count = fields.Integer(readonly=True)
    existing_count = fields.Integer(readonly=True)
    result = fields.Text(readonly=True)

    @api.onchange("company_id")
    def _onchange_company_id(self):
        self.country_id = self.company_id.country_id

    def action_load(self):
        self.ensure_one()
        if self.company_id not in self.env.companies:
            raise UserError(
                self.env._(
                    "Switch to %(company)s first: the starter catalogue is loaded "
                    "into a company you are working in.",
                    company=self.company_id.name,
                )
            )
        if not self.country_id:
            raise UserError(
                self.env._(
                    "Choose the country whose public holidays the business calendars "
                    "take off (e.g. the Netherlands)."
                )
            )
        loader = _Loader(self)
        loader.load()
        if loader.created:
            result = self.env._(
                "Created: %(created)s, already there: %(existing)s.",
                created=len(loader.created),
                existing=len(loader.existing),
            )
        else:
            result = self.env._(
                "Nothing created: the starter catalogue is already there "
                "(%(existing)s records).",
                existing=len(loader.existing),
            )
        result += "\n\n" + self.env._(
            "Next: give the team %(team)s an e-mail alias (Helpdesk > Configuration > "
            "Teams, e.g. support@your-domain, with the alias domain in Settings) so "
            "that customers' mails become tickets; sell a plan's product on a "
            "quotation (its confirmation creates the contract) or create the contract "
            "under Support > Contracts.",
            team=loader.team.display_name,
        )
        self.write(
            {
                "state": "done",
                "created_count": len(loader.created),
                "existing_count": len(loader.existing),
                "result": result,
                "team_id": loader.team.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class _Loader:
    """One load of the catalogue into the wizard's company."""

    def __init__(self, wizard):
        # English names (translatable fields: the provider renames or translates them)
        self.env = wizard.env(context=dict(wizard.env.context, lang="en_US"))
        self.wizard = wizard
        self.company = wizard.company_id
        self.created = []
        self.existing = []
        self.records = {}
        self.team = wizard.team_id

    def _xmlid(self, key):
        return f"{XMLID_MODULE}.{key}_{self.company.id}"

    def _get(self, key, model, domain, values):
        """The record of ``key``: found by its external id, else by ``domain`` in the
        company, else created from ``values``."""
        record = self.env.ref(self._xmlid(key), raise_if_not_found=False)
        if record is None and domain is not None:
            # archived records too: an archived priority keeps its unique code
            record = (
                self.env[model].with_context(active_test=False).search(domain, limit=1)
            )
        if record:
            self.existing.append(record)
        else:
            record = self.env[model].create(values)
            self.created.append(record)
        self.records[key] = record
        # the external id is how the next load recognises it; registering ids needs
        # the data model's rights, which the Settings administrator running this has
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": self._xmlid(key), "record": record, "noupdate": True}]
        )
        return record

    def load(self):
        company = self.company
        in_company = [("company_id", "=", company.id)]
        for key, (name, days, hour_from, hour_to, holidays_off) in CALENDARS.items():
            self._get(
                key,
                "resource.calendar",
                [("name", "=", name), *in_company],
                {
                    "name": name,
                    "tz": self.wizard.tz,
                    "company_id": company.id,
                    "sla_availability": True,
                    "sla_holiday_country_id": holidays_off
                    and self.wizard.country_id.id,
                    "attendance_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "name": DAY_NAMES[day],
                                "dayofweek": str(day),
                                "hour_from": hour_from,
                                "hour_to": hour_to,
                                "day_period": "full_day",
                            }
                        )
                        for day in days
                    ],
                },
            )
        for key, (name, code, sequence, stars, description) in PRIORITIES.items():
            self._get(
                key,
                "support.priority",
                [("code", "=", code), *in_company],
                {
                    "name": name,
                    "code": code,
                    "sequence": sequence,
                    "helpdesk_priority": stars,
                    "description": description,
                    "company_id": company.id,
                },
            )
        for key, (name, values) in AXES.items():
            axis = self._get(
                key,
                "support.priority.axis",
                [("name", "=", name), *in_company],
                {"name": name, "company_id": company.id},
            )
            for index, (value_name, description) in enumerate(values):
                self._get(
                    f"{key}_{index + 1}",
                    "support.priority.axis.value",
                    [("axis_id", "=", axis.id), ("name", "=", value_name)],
                    {
                        "name": value_name,
                        "description": description,
                        "sequence": 10 * (index + 1),
                        "axis_id": axis.id,
                    },
                )
        self._load_matrix()
        self._load_plans()
        self._load_addons()
        self._load_bands()
        self._load_team()

    def _load_matrix(self):
        rows = [self.records[f"axis_impact_{i}"] for i in (1, 2, 3)]
        columns = [self.records[f"axis_urgency_{i}"] for i in (1, 2, 3)]
        name = "Impact x Urgency"
        self._get(
            "matrix_impact_urgency",
            "support.priority.matrix",
            [("name", "=", name), ("company_id", "=", self.company.id)],
            {
                "name": name,
                "company_id": self.company.id,
                "row_axis_id": self.records["axis_impact"].id,
                "column_axis_id": self.records["axis_urgency"].id,
                "cell_ids": [
                    Command.create(
                        {
                            "row_value_id": row.id,
                            "column_value_id": column.id,
                            "priority_id": self.records[priority].id,
                        }
                    )
                    for row, grid_row in zip(rows, MATRIX_GRID, strict=True)
                    for column, priority in zip(columns, grid_row, strict=True)
                ],
            },
        )

    def _load_plans(self):
        for key, (
            name,
            code,
            sequence,
            price,
            user_limit,
            cloc_min,
            cloc_max,
            calendar,
            paid,
        ) in PLANS.items():
            values = {
                "name": name,
                "code": code,
                "sequence": sequence,
                "monthly_price": price,
                "user_limit": user_limit,
                "cloc_min": cloc_min,
                "cloc_max": cloc_max,
                "calendar_id": self.records[calendar].id,
                "includes_sla": paid,
                "includes_monitoring": paid,
                "includes_hotline": paid,
                "company_id": self.company.id,
                "sla_matrix_id": self.records["matrix_impact_urgency"].id,
                "sla_default_priority_id": self.records["priority_medium"].id,
            }
            if paid:
                # the SLA terms count resolution from the response
                values["sla_resolution_start"] = "response"
            plan = self._get(
                key,
                "support.plan",
                [("code", "=", code), ("company_id", "=", self.company.id)],
                values,
            )
            if key not in PAID_PLANS:
                continue
            for index, policy in enumerate(POLICIES):
                self._load_policy(f"policy_{key}_{index + 1}", plan, *policy)

    def _load_policy(
        self,
        key,
        plan,
        priority,
        emergency,
        response,
        response_value,
        resolution,
        resolution_value,
        note,
    ):
        priority = self.records[priority]
        self._get(
            key,
            "support.sla.policy",
            [
                ("plan_id", "=", plan.id),
                ("priority_id", "=", priority.id),
                ("addon_id", "=", False),
                ("emergency_only", "=", emergency),
            ],
            {
                "plan_id": plan.id,
                "priority_id": priority.id,
                "emergency_only": emergency,
                "response_kind": response,
                "response_value": response_value,
                "resolution_kind": resolution,
                "resolution_value": resolution_value,
                "note": note,
            },
        )

    def _load_addons(self):
        paid_plans = [self.records[key].id for key in PAID_PLANS]
        for key, (name, code, sequence, price, calendar, window) in ADDONS.items():
            self._get(
                key,
                "support.addon",
                [("code", "=", code), ("company_id", "=", self.company.id)],
                {
                    "name": name,
                    "code": code,
                    "sequence": sequence,
                    "monthly_price": price,
                    "calendar_id": self.records[calendar].id,
                    "critical_only": True,
                    "sla_window": window,
                    "sla_priority_ids": [
                        Command.set(self.records["priority_critical"].ids)
                    ],
                    "plan_ids": [Command.set(paid_plans)],
                    "company_id": self.company.id,
                },
            )

    def _load_bands(self):
        """The reserved-hour bands form one scale per company: a company that has
        bands keeps its own."""
        Band = self.env["support.hour.band"]
        bands = Band.search([("company_id", "=", self.company.id)])
        if bands:
            self.existing.extend(bands)
            return
        bands = Band.create(
            [
                {
                    "hours_from": hours_from,
                    "hours_to": hours_to,
                    "discount": discount,
                    "company_id": self.company.id,
                }
                for hours_from, hours_to, discount in HOUR_BANDS
            ]
        )
        self.created.extend(bands)

    def _load_team(self):
        if self.team:
            return
        user = self.env.user
        self.team = self._get(
            "team_support",
            "helpdesk.ticket.team",
            [("name", "=", "Support"), ("company_id", "=", self.company.id)],
            {
                "name": "Support",
                "company_id": self.company.id,
                "user_id": user.id,
                "user_ids": [Command.set(user.ids)],
            },
        )
