# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Support Contracts",
    "summary": "Support plans, add-ons, reserved hours, contracts, ledger, billing",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/support-suite/odoo-support-suite",
    "author": "Support Suite",
    "maintainers": ["support-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": [
        "sale_management",
        "hr_timesheet",
        "helpdesk_mgmt",
    ],
    "data": [
        "security/support_contract_groups.xml",
        "security/ir.model.access.csv",
        "security/support_contract_security.xml",
        "data/ir_sequence_data.xml",
        "data/product_product_data.xml",
        "views/support_plan_views.xml",
        "views/support_addon_views.xml",
        "views/support_hour_band_views.xml",
        "views/support_ticket_type_views.xml",
        "views/support_contract_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sale_order_views.xml",
        "views/support_contract_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
    ],
}
