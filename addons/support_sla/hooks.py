# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Uninstall: helpdesk_mgmt's Dashboard menu opens its team dashboard again (the
suite made it a menu of two, the SLA dashboard and the teams)."""


def uninstall_hook(env):
    menu = env.ref("helpdesk_mgmt.helpdesk_ticket_dashboard_menu", False)
    action = env.ref("helpdesk_mgmt.helpdesk_ticket_dashboard_action", False)
    if menu and action:
        menu.action = action
