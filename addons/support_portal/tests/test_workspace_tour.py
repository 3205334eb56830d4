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

    def test_manager_lands_on_the_dashboard(self):
        self.assertEqual(self.breached.sla_status, "breached")
        self.assertTrue(self.contract_a.over_plan_limit)
        self.start_tour(
            "/odoo", "support_workspace_dashboard", login="support_manager_tour"
        )
