# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_groups_and_menu(self):
        """Agents are helpdesk and timesheet users; managers are agents."""
        agent = new_test_user(
            self.env,
            login="agent_install",
            groups="support_contract.support_contract_group_user",
        )
        self.assertTrue(agent.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(agent.has_group("hr_timesheet.group_hr_timesheet_user"))
        self.assertFalse(
            agent.has_group("support_contract.support_contract_group_manager")
        )
        manager = new_test_user(
            self.env,
            login="manager_install",
            groups="support_contract.support_contract_group_manager",
        )
        self.assertTrue(
            manager.has_group("support_contract.support_contract_group_user")
        )
        # one workspace: the contracts are a menu of the Helpdesk app, no
        # separate "Support" app
        self.assertFalse(
            self.env.ref("support_contract.support_root_menu", raise_if_not_found=False)
        )
        menu = self.env.ref("support_contract.support_contracts_menu")
        self.assertEqual(
            menu.parent_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu")
        )
        visible = self.env["ir.ui.menu"].with_user(agent)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        self.assertIn(menu.parent_id.id, visible)
        internal = new_test_user(
            self.env, login="internal_install", groups="base.group_user"
        )
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(internal)._visible_menu_ids()
        )
