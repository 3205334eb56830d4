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
    ],
}
