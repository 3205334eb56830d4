# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The staff's one workspace: the Helpdesk app opens on the SLA dashboard."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestWorkspaceTour(HttpCase, SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.breached = cls._old_breach()
        # contract A: 3 users more than plan Light allows
        cls.contract_a.user_count = cls.plan_light.user_limit + 3
        cls.manager = new_test_user(
            cls.env,
            login="support_manager_tour",
            groups="support_contract.support_contract_group_manager",
        )

    def _helpdesk_app(self, user):
        """The Helpdesk app as the web client gets it for this user: its action
        and the names of its navbar entries."""
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
        app = next(
            menu
            for menu in menus.values()
            if menu["xmlid"] == "helpdesk_mgmt.helpdesk_ticket_main_menu"
        )
        return app["actionID"], [menus[child]["name"] for child in app["children"]]

    def test_one_dashboard_in_the_navbar(self):
        """One *Dashboard* entry: the SLA dashboard opens the app for a support
        manager, helpdesk_mgmt's team dashboard for a helpdesk user."""
        agent = new_test_user(
            self.env,
            login="helpdesk_agent_menus",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        action, sections = self._helpdesk_app(self.manager)
        self.assertEqual(
            action, self.env.ref("support_sla.support_sla_dashboard_action").id
        )
        self.assertEqual(sections.count("Dashboard"), 1)
        self.assertNotIn("SLA Dashboard", sections)
        action, sections = self._helpdesk_app(agent)
        self.assertEqual(
            action, self.env.ref("helpdesk_mgmt.helpdesk_ticket_dashboard_action").id
        )
        self.assertEqual(sections.count("Dashboard"), 1)

    def test_manager_lands_on_the_dashboard(self):
        self.assertEqual(self.breached.sla_status, "breached")
        self.assertTrue(self.contract_a.over_plan_limit)
        self.start_tour(
            "/odoo", "support_workspace_dashboard", login="support_manager_tour"
        )
