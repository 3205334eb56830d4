# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Support Migration Quote",
    "summary": "Count custom code with cloc and quote the migration",
    "version": "19.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/support-suite/odoo-support-suite",
    "author": "Support Suite",
    "maintainers": ["support-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "support_contract",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/support_cloc_measurement_security.xml",
        "security/support_migration_pricing_rule_security.xml",
        "data/product_product_data.xml",
        "views/support_cloc_measurement_views.xml",
        "views/support_migration_pricing_rule_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/support_contract_views.xml",
        "wizards/support_cloc_measure_wizard_views.xml",
        "wizards/support_migration_quote_wizard_views.xml",
        "views/support_migration_quote_menus.xml",
    ],
    "demo": [
        "demo/support_migration_pricing_rule_demo.xml",
        "demo/support_cloc_measurement_demo.xml",
    ],
}
