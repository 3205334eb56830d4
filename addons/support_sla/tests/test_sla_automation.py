# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The SLA fields are stored through the ORM: Odoo's automation rules see a ticket's
SLA status change when the clock alone breaches it (scheduled action)."""

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaTicketCommon, ams

NOTICE = "SLA breached: call the customer's key user"


@tagged("post_install", "-at_install")
class TestSlaAutomation(SlaTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        model = cls.env["ir.model"]._get("helpdesk.ticket")
        cls.automation = cls.env["base.automation"].create(
            {
                "name": "Breached tickets: tell the team",
                "trigger": "on_create_or_write",
                "model_id": model.id,
                "trigger_field_ids": [
                    Command.set(
                        cls.env["ir.model.fields"]
                        ._get("helpdesk.ticket", "sla_status")
                        .ids
                    )
                ],
                "filter_pre_domain": "[('sla_status', '!=', 'breached')]",
                "filter_domain": "[('sla_status', '=', 'breached')]",
            }
        )
        action = cls.env["ir.actions.server"].create(
            {
                "name": "Post the breach notice",
                "base_automation_id": cls.automation.id,
                "model_id": model.id,
                "state": "code",
                "code": f"for record in records:\n"
                f"    record.message_post(body={NOTICE!r})",
            }
        )
        cls.automation.write({"action_server_ids": [Command.link(action.id)]})

    def _notices(self, ticket):
        return ticket.message_ids.filtered(lambda message: NOTICE in message.body)

    def test_breach_by_the_clock_fires_the_automation_rule(self):
        # Medium on Light: response due 2 business days later, Wed 4 Nov 09:00 CET
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            ticket = self._ticket(name="Watched")
            self.env.flush_all()
            self.assertEqual(ticket.sla_status, "on_track")
            self.assertEqual(ticket.sla_response_deadline, ams(2026, 11, 4, 9))
            frozen.move_to(ams(2026, 11, 4, 8, 59))
            self.env["helpdesk.ticket"]._cron_sla_check(commit=False)
            self.env.flush_all()
            self.assertEqual(ticket.sla_status, "at_risk")
            self.assertFalse(self._notices(ticket))
            # the deadline passes: the scheduled action finds the breach
            frozen.move_to(ams(2026, 11, 4, 9, 5))
            self.env["helpdesk.ticket"]._cron_sla_check(commit=False)
            self.env.flush_all()
        self.assertEqual(ticket.sla_status, "breached")
        self.assertEqual(len(self._notices(ticket)), 1)
        # a later recomputation that changes nothing does not fire it again
        with freeze_time(ams(2026, 11, 4, 10)):
            ticket._sla_recompute()
            self.env.flush_all()
        self.assertEqual(len(self._notices(ticket)), 1)
