# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_installed_with_dependencies(self):
        """The addon and every dependency its manifest names are installed."""
        module = self.env["ir.module.module"].search([("name", "=", "support_portal")])
        self.assertEqual(module.state, "installed")
        for dependency in module.dependencies_id:
            self.assertEqual(dependency.state, "installed", dependency.name)
