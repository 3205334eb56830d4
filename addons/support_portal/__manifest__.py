# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Support Portal",
    "summary": "Key users' portal for tickets, SLA, contract, hours; plan configurator",
    "version": "19.0.1.2.0",
    "category": "Website",
    "website": "https://github.com/support-suite/odoo-support-suite",
    "author": "Support Suite",
    "maintainers": ["support-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "support_sla",
        "portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/helpdesk_ticket_security.xml",
        "security/support_contract_security.xml",
        "security/account_move_security.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/support_contract_views.xml",
        "views/support_contract_templates.xml",
        "views/support_contract_agreement_templates.xml",
        "views/support_sla_evaluation_templates.xml",
        "report/support_sla_evaluation_report.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/portal_formal_templates.xml",
        "views/support_plan_configurator_templates.xml",
        "views/support_plan_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "support_portal/static/src/interactions/*.js",
            "support_portal/static/src/scss/*.scss",
        ],
        "web.assets_tests": [
            "support_portal/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/res_users_demo.xml",
        "demo/helpdesk_ticket_team_demo.xml",
        "demo/support_contract_demo.xml",
        "demo/support_change_estimate_demo.xml",
    ],
}
