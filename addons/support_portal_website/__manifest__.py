# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "Support Portal Website",
    "summary": "The plan configurator in the website's menu",
    "version": "19.0.1.0.0",
    "category": "Website",
    "website": "https://github.com/support-suite/odoo-support-suite",
    "author": "Support Suite",
    "maintainers": ["support-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": [
        "support_portal",
        "website",
    ],
    "data": [
        "data/website_menu_data.xml",
    ],
}
