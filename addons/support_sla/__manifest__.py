# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Support SLA",
    "summary": "Triage, SLA policies, business-time deadlines, breaches, evaluation",
    "version": "19.0.1.0.3",
    "category": "After-Sales",
    "website": "https://github.com/support-suite/odoo-support-suite",
    "author": "Support Suite",
    "maintainers": ["support-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "base_automation",
        "board",
        "support_contract",
    ],
    "external_dependencies": {"python": ["holidays"]},
    # a second SLA engine on the same tickets (see readme/DESCRIPTION.md)
    "excludes": ["helpdesk_mgmt_sla"],
    "data": [
        "security/ir.model.access.csv",
        "security/support_sla_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "views/resource_calendar_views.xml",
        "views/support_priority_views.xml",
        "views/support_priority_axis_views.xml",
        "views/support_priority_matrix_views.xml",
        "views/support_sla_policy_views.xml",
        "views/support_sla_breach_views.xml",
        "views/support_catalogue_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_stage_views.xml",
        "wizards/support_starter_catalogue_views.xml",
        "wizards/support_contract_end_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/support_sla_evaluation_views.xml",
        "report/support_sla_evaluation_report.xml",
        "data/mail_template_evaluation.xml",
        "views/support_sla_dashboard_views.xml",
        "views/support_sla_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "support_sla/static/src/priority_matrix_grid/*",
        ],
        "web.assets_tests": [
            "support_sla/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/support_priority_demo.xml",
        "demo/support_sla_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
}
