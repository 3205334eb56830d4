# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Installing OCA's helpdesk_mgmt_sla beside the suite is refused with the reason
(the module itself is installed only in the peers' environment, where scripts/peers
checks the same refusal on the real module)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestSecondSlaEngine(BaseCommon):
    def test_helpdesk_mgmt_sla_is_refused_with_the_reason(self):
        Module = self.env["ir.module.module"]
        engine = Module.search([("name", "=", "helpdesk_mgmt_sla")]) or Module.create(
            {
                "name": "helpdesk_mgmt_sla",
                "shortdesc": "Helpdesk Ticket SLA",
                "state": "uninstalled",
            }
        )
        self.assertEqual(engine.state, "uninstalled")
        # the manifest's exclusion, as Odoo reads it
        support_sla = Module.search([("name", "=", "support_sla")])
        self.assertIn("helpdesk_mgmt_sla", support_sla.exclusion_ids.mapped("name"))
        with self.assertRaisesRegex(
            UserError,
            r"Helpdesk Ticket SLA \(helpdesk_mgmt_sla\) is incompatible with "
            r"Support SLA: both compute SLA deadlines on the same helpdesk tickets",
        ):
            engine.button_install()
        self.assertEqual(engine.state, "uninstalled")
        # other modules install as before
        other = Module.search(
            [("state", "=", "uninstalled"), ("name", "=", "helpdesk_type")]
        ) or Module.create({"name": "helpdesk_type", "state": "uninstalled"})
        other.button_install()
        self.assertEqual(other.state, "to install")
