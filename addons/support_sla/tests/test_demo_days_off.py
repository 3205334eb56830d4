# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo catalogue as sold: the 365 add-on covers the plan's holidays."""

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from .common import ams, utc


@tagged("post_install", "-at_install")
class TestDemoAddonOnHolidays(BaseCommon):
    def test_demo_365_on_christmas_friday(self):
        """Demo Light (business days 08:00-17:00 Europe/Amsterdam, Dutch
        holidays) + demo Non-business 365, a Critical ticket reported through
        the emergency number on Fri 25 Dec 2026 10:00 CET (Christmas): 10
        minutes of the 365 window -> 10:10 CET = 09:10 UTC the same day. (The
        shipped 365 calendar worked only on Saturday and Sunday: Sat 26 Dec
        08:10 CET = 07:10 UTC.)"""
        ref = self.env.ref
        customer = self.env["res.partner"].create(
            {"name": "Christmas customer", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Christmas contact", "parent_id": customer.id}
        )
        contract = self.env["support.contract"].create(
            {
                "partner_id": customer.id,
                "plan_id": ref("support_contract.support_plan_light_demo").id,
                "company_id": ref("base.main_company").id,
                "date_start": "2026-01-01",
                "addon_line_ids": [
                    Command.create(
                        {"addon_id": ref("support_contract.support_addon_365_demo").id}
                    )
                ],
            }
        )
        contract.action_activate()
        with freeze_time(ams(2026, 12, 25, 10)):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Production down",
                    "description": "<p>Down</p>",
                    "partner_id": contact.id,
                    "company_id": ref("base.main_company").id,
                    "sla_emergency": True,
                    "sla_priority_id": ref("support_sla.support_priority_crit_demo").id,
                }
            )
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 12, 25, 9, 10))
