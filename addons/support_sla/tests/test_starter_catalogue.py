# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The starter catalogue, loaded into a company of its own (no demo record belongs to
it): what it creates, that a second load creates nothing, that records made by hand
are used rather than duplicated, and a first ticket's deadlines from it. The same
first day in a database installed without demo data: ``nodemo_first_day.py``.
"""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.base.tests.common import BaseCommon

from .common import ams

# what one load creates in a company without support records: 5 calendars,
# 4 priorities, 2 axes with 3 values each, 1 matrix, 4 plans, 3 x 5 policies,
# 3 add-ons, 4 reserved-hour bands and 1 helpdesk team
STARTER_RECORDS = 5 + 4 + 2 + 6 + 1 + 4 + 15 + 3 + 4 + 1


def load_starter_catalogue(env, company, **values):
    """Load the catalogue into ``company`` as the Settings button does; the wizard."""
    wizard = env["support.starter.catalogue"].create(
        {"company_id": company.id, **values}
    )
    action = wizard.action_load()
    assert action["res_id"] == wizard.id
    return wizard


def open_first_ticket(env, company, team, contact):
    """Wed 13 May 2026 14:00 CEST: an incident stopping the work of multiple users."""
    impact, urgency = (
        env["support.priority.axis"].search(
            [("name", "=", name), ("company_id", "=", company.id)]
        )
        for name in ("Impact", "Urgency")
    )
    with freeze_time(ams(2026, 5, 13, 14)):
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Invoices cannot be posted",
                "description": "<p>Since this morning</p>",
                "partner_id": contact.id,
                "team_id": team.id,
                "company_id": company.id,
                "support_ticket_type_id": env.ref(
                    "support_contract.support_ticket_type_incident"
                ).id,
                "sla_row_value_id": impact.value_ids[1].id,  # multiple users
                "sla_column_value_id": urgency.value_ids[0].id,  # work stopped
            }
        )
        env.flush_all()
    return ticket


def assert_first_ticket_deadlines(case, ticket):
    case.assertEqual(ticket.sla_priority_id.code, "HIGH")
    # Wed 13 May 2026 14:00 CEST + 8 business hours (08:00-17:00): 3 h on Wednesday,
    # Thursday 14 May is Ascension Day (off), 5 h on Friday: 13:00
    case.assertEqual(ticket.sla_response_deadline, ams(2026, 5, 15, 13))
    # resolution counts from the response: by the end of that working day
    case.assertEqual(ticket.sla_resolution_deadline, ams(2026, 5, 15, 17))


@tagged("post_install", "-at_install")
class TestStarterCatalogue(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nl = cls.env.ref("base.nl")
        cls.company = cls.env["res.company"].create(
            {
                "name": "Fresh Provider B.V.",
                "country_id": cls.nl.id,
                "currency_id": cls.env.ref("base.EUR").id,
            }
        )
        cls.admin = cls.env["res.users"].create(
            {
                "name": "Provider Admin",
                "login": "starter_admin",
                "tz": "Europe/Amsterdam",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "group_ids": [
                    Command.link(cls.env.ref("base.group_system").id),
                    Command.link(
                        cls.env.ref(
                            "support_contract.support_contract_group_manager"
                        ).id
                    ),
                    Command.link(
                        cls.env.ref("helpdesk_mgmt.group_helpdesk_manager").id
                    ),
                ],
            }
        )
        cls.admin_env = cls.env(
            user=cls.admin,
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids),
        )

    def _in_company(self, model):
        return self.env[model].search([("company_id", "=", self.company.id)])

    def _counts(self):
        return {
            model: len(self._in_company(model))
            for model in (
                "resource.calendar",
                "support.priority",
                "support.priority.axis",
                "support.priority.matrix",
                "support.plan",
                "support.sla.policy",
                "support.addon",
                "support.hour.band",
                "helpdesk.ticket.team",
                "product.product",
            )
        }

    def test_load_creates_the_tiered_catalogue_once(self):
        before = self._counts()
        self.assertFalse(before["support.plan"])
        wizard = load_starter_catalogue(self.admin_env, self.company)
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.created_count, STARTER_RECORDS)
        self.assertEqual(wizard.existing_count, 0)
        self.assertIn(f"Created: {STARTER_RECORDS}, already there: 0.", wizard.result)
        plans = self._in_company("support.plan").sorted("sequence")
        self.assertEqual(plans.mapped("code"), ["BASIC", "LIGHT", "MEDIUM", "HEAVY"])
        # each plan and add-on is sold through its own service product at its price
        self.assertEqual(plans.mapped("product_id.list_price"), [0, 250, 500, 750])
        self.assertTrue(plans[0].is_free)
        addons = self._in_company("support.addon").sorted("sequence")
        self.assertEqual(addons.mapped("product_id.list_price"), [1000, 1500, 2000])
        self.assertEqual(
            addons.mapped("sla_window"), ["working_days", "days_off", "every_day"]
        )
        for addon in addons:
            self.assertEqual(addon.plan_ids, plans[1:])
            self.assertEqual(addon.sla_priority_ids.mapped("code"), ["CRIT"])
        self.assertEqual(
            self._in_company("support.hour.band").mapped("discount"), [4, 6, 9, 11]
        )
        # the priority Code every priority needs, and the impact x urgency matrix
        matrix = self._in_company("support.priority.matrix")
        self.assertEqual(len(matrix.cell_ids), 9)
        top = matrix.cell_ids.filtered(
            lambda c: c.row_value_id.name == "System wide"
            and c.column_value_id.name == "High"
        )
        self.assertEqual(top.priority_id.code, "CRIT")
        for plan in plans[1:]:
            self.assertEqual(plan.sla_matrix_id, matrix)
            self.assertEqual(len(plan.sla_policy_ids), 5)
            self.assertEqual(plan.sla_resolution_start, "response")
        # the business calendars take the Dutch public holidays off (King's Day)
        business = plans[1].calendar_id
        self.assertEqual(business.tz, "Europe/Amsterdam")
        self.assertEqual(business.sla_holiday_country_id, self.nl)
        kings_day = business.global_leave_ids.filtered(
            lambda leave: leave.date_from.date() <= date(2026, 4, 27)
            and leave.date_to.date() >= date(2026, 4, 27)
        )
        self.assertTrue(kings_day, business.global_leave_ids.mapped("name"))
        # a helpdesk team led by the provider's administrator
        team = wizard.team_id
        self.assertEqual(team.company_id, self.company)
        self.assertEqual(team.user_id, self.admin)
        after = self._counts()

        again = load_starter_catalogue(self.admin_env, self.company)
        self.assertEqual(again.created_count, 0)
        self.assertEqual(again.existing_count, STARTER_RECORDS)
        self.assertIn("Nothing created", again.result)
        self.assertEqual(self._counts(), after)

    def test_records_made_by_hand_are_used_not_duplicated(self):
        critical = self.admin_env["support.priority"].create(
            {
                "name": "P1 Critical",
                "code": "CRIT",
                "sequence": 1,
                "company_id": self.company.id,
            }
        )
        # an archived priority keeps its code: used too, not a duplicate code
        old_high = self.admin_env["support.priority"].create(
            {
                "name": "High (old)",
                "code": "HIGH",
                "sequence": 2,
                "active": False,
                "company_id": self.company.id,
            }
        )
        bands = self.admin_env["support.hour.band"].create(
            {"hours_from": 0, "hours_to": 40, "discount": 5}
        )
        team = self.admin_env["helpdesk.ticket.team"].create(
            {"name": "Service desk", "company_id": self.company.id}
        )
        wizard = load_starter_catalogue(self.admin_env, self.company, team_id=team.id)
        # the hand-made priorities, band scale (instead of 4 bands) and team are kept
        self.assertEqual(wizard.created_count, STARTER_RECORDS - 7)
        self.assertEqual(wizard.existing_count, 3)
        self.assertEqual(
            self.env["support.priority"]
            .with_context(active_test=False)
            .search([("code", "=", "HIGH"), ("company_id", "=", self.company.id)]),
            old_high,
        )
        self.assertEqual(
            self._in_company("support.priority").filtered(lambda p: p.code == "CRIT"),
            critical,
        )
        self.assertEqual(self._in_company("support.hour.band"), bands)
        self.assertEqual(self._in_company("helpdesk.ticket.team"), team)
        self.assertEqual(self._in_company("support.addon").sla_priority_ids, critical)
        # a record deleted after loading comes back on the next load, alone
        self._in_company("support.addon").filtered(lambda a: a.code == "365").unlink()
        again = load_starter_catalogue(self.admin_env, self.company, team_id=team.id)
        self.assertEqual(again.created_count, 1)
        self.assertIn("Created: 1, already there:", again.result)

    def test_country_is_required(self):
        wizard = self.admin_env["support.starter.catalogue"].create(
            {"company_id": self.company.id, "country_id": False}
        )
        with self.assertRaisesRegex(UserError, "Choose the country"):
            wizard.action_load()
        self.assertFalse(self._in_company("support.plan"))

    def test_only_into_a_company_the_user_works_in(self):
        other = self.env["res.company"].create({"name": "Other Provider B.V."})
        self.admin.company_ids |= other
        wizard = self.admin_env["support.starter.catalogue"].create(
            {"company_id": other.id, "country_id": self.nl.id}
        )
        with self.assertRaisesRegex(UserError, "Switch to Other Provider B.V. first"):
            wizard.action_load()
        self.assertFalse(
            self.env["support.plan"].search([("company_id", "=", other.id)])
        )

    def test_only_settings_administrators_load_it(self):
        manager = self.env["res.users"].create(
            {
                "name": "Support Manager",
                "login": "starter_manager",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "group_ids": [
                    Command.link(
                        self.env.ref(
                            "support_contract.support_contract_group_manager"
                        ).id
                    )
                ],
            }
        )
        with self.assertRaises(AccessError):
            self.env["support.starter.catalogue"].with_user(manager).create(
                {"company_id": self.company.id}
            )

    def test_first_ticket_gets_deadlines_from_the_catalogue(self):
        wizard = load_starter_catalogue(self.admin_env, self.company)
        env = self.admin_env
        light = env["support.plan"].search(
            [("code", "=", "LIGHT"), ("company_id", "=", self.company.id)]
        )
        customer = env["res.partner"].create({"name": "Tulip B.V.", "is_company": True})
        contact = env["res.partner"].create(
            {"name": "Key User", "parent_id": customer.id, "email": "key@tulip.example"}
        )
        contract = env["support.contract"].create(
            {
                "partner_id": customer.id,
                "plan_id": light.id,
                "date_start": "2026-05-01",
                "company_id": self.company.id,
            }
        )
        contract.action_activate()
        ticket = open_first_ticket(env, self.company, wizard.team_id, contact)
        self.assertEqual(ticket.support_contract_id, contract)
        assert_first_ticket_deadlines(self, ticket)


@tagged("post_install", "-at_install")
class TestStarterCatalogueTour(HttpCase):
    def test_settings_button_loads_it_once(self):
        company = self.env["res.company"].create(
            {"name": "Fresh Provider B.V.", "country_id": self.env.ref("base.nl").id}
        )
        admin = self.env["res.users"].create(
            {
                "name": "Provider Admin",
                "login": "starter_tour_admin",
                "password": "starter_tour_admin",
                "tz": "Europe/Amsterdam",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [
                    Command.link(self.env.ref("base.group_system").id),
                    Command.link(
                        self.env.ref(
                            "support_contract.support_contract_group_manager"
                        ).id
                    ),
                    Command.link(
                        self.env.ref("helpdesk_mgmt.group_helpdesk_manager").id
                    ),
                ],
            }
        )
        self.start_tour(
            "/odoo/action-support_sla.res_config_settings_action",
            "support_starter_catalogue",
            login="starter_tour_admin",
        )
        plans = self.env["support.plan"].search([("company_id", "=", company.id)])
        self.assertEqual(
            sorted(plans.mapped("code")), ["BASIC", "HEAVY", "LIGHT", "MEDIUM"]
        )
        team = self.env["helpdesk.ticket.team"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(team.user_id, admin)
