/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A support manager opens the Helpdesk app: its first screen is the SLA dashboard,
// and the suite's menus are in the app's navbar.
registry.category("web_tour.tours").add("support_workspace_dashboard", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Helpdesk app",
            trigger: ".o_app[data-menu-xmlid='helpdesk_mgmt.helpdesk_ticket_main_menu']",
            run: "click",
        },
        {
            content: "The app opens on the SLA dashboard",
            trigger: ".o_dashboard .o-dashboard-action-header:contains('At risk or breached now, by team')",
        },
        {
            content: "Tickets at risk or breached, by customer",
            trigger: ".o-dashboard-action:has(.o-dashboard-action-header:contains('by customer')) .o_pivot th:contains('Tulpen Test B.V.')",
        },
        {
            content: "SLA met per month and priority, as a graph",
            trigger: ".o-dashboard-action:has(.o-dashboard-action-header:contains('SLA met')) .o_graph_renderer canvas",
        },
        {
            content: "Hours reserved and used per customer",
            trigger: ".o-dashboard-action:has(.o-dashboard-action-header:contains('Hours reserved')) .o_pivot",
        },
        {
            content: "Contracts up for renewal or over their plan limits",
            trigger: ".o-dashboard-action:has(.o-dashboard-action-header:contains('renewal')) .o_list_view td:contains('Tulpen Test B.V.')",
        },
        {
            content: "Evaluations to discuss",
            trigger: ".o-dashboard-action:has(.o-dashboard-action-header:contains('Evaluations to discuss')) .o_list_view",
        },
        {
            content: "The navbar holds the suite's menus",
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='support_contract.support_contracts_menu']",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='support_sla.support_sla_evaluation_menu']",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='helpdesk_mgmt.helpdesk_ticket_reporting_menu']",
        },
        {
            content: "One Dashboard in the navbar: the SLA dashboard and the teams' in it",
            trigger: ".o_main_navbar .o_menu_sections button[data-menu-xmlid='helpdesk_mgmt.helpdesk_ticket_dashboard_menu']",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu [data-menu-xmlid='support_sla.support_sla_dashboard_menu']",
        },
        {
            content: "Open the teams' dashboard",
            trigger: ".o-dropdown--menu [data-menu-xmlid='support_sla.helpdesk_team_dashboard_menu']",
            run: "click",
        },
        {
            content: "helpdesk_mgmt's team dashboard",
            trigger: ".o_helpdesk_team_dashboard",
        },
    ],
});
