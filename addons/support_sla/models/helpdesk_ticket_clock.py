# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The clocks of a ticket's SLA as its stages and messages move them: pauses
while waiting for the customer, the first response of staff, the resolution,
and a customer reply that resumes a waiting ticket."""

from collections import defaultdict

from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def _sla_sync_stage(self, resumed_by="stage", created=False):
        """Open or close SLA pauses and note resolution after a stage change (the
        SLA follows: the pauses mark it to compute, the dates are its inputs)."""
        now = fields.Datetime.now()
        # a customer's mail resumes the clock when it was sent (Date header, when
        # plausible: see support_portal), never later than now
        resume_date = min(self.env.context.get("sla_resume_date") or now, now)
        Pause = self.env["support.sla.pause"].sudo()
        open_pauses = {}
        # a ticket being created has no pause yet
        paused = self.browse() if created else self.filtered("sla_paused")
        if paused:
            open_pauses = {
                pause.ticket_id.id: pause
                for pause in Pause.search(
                    [
                        ("ticket_id", "in", paused.ids),
                        ("date_end", "=", False),
                        # an estimate awaiting approval pauses whatever the stage
                        ("reason", "in", Pause._stage_reasons()),
                    ]
                )
            }
        to_create = []
        to_end = defaultdict(lambda: Pause)
        to_write = defaultdict(lambda: self.browse())
        for ticket in self:
            stage = ticket.stage_id
            pause = open_pauses.get(ticket.id)
            if pause and pause.reason != stage.sla_pause:
                to_end[max(resume_date, pause.date_start)] |= pause
                pause = None
            if stage.sla_pause and not pause:
                to_create.append(
                    {
                        "ticket_id": ticket.id,
                        "reason": stage.sla_pause,
                        "stage_id": stage.id,
                        "date_start": now,
                    }
                )
            vals = {}
            if (
                not created
                and not (stage.closed or stage.sla_resolved)
                and ticket.sla_resolved_date
            ):
                # reopened: the resolution is running again, not met
                vals["sla_resolved_date"] = False
                vals["sla_reopen_count"] = ticket.sla_reopen_count + 1
            if (stage.closed or stage.sla_resolved) and not ticket.sla_resolved_date:
                vals["sla_resolved_date"] = now
                if not ticket.sla_first_response_date:
                    # closing answers the customer (the closing e-mail goes out)
                    vals["sla_first_response_date"] = now
            if not created and ticket.sla_autoclose_warned:
                vals["sla_autoclose_warned"] = False
            if vals:
                to_write[tuple(sorted(vals.items()))] |= ticket
        for date_end, pauses in to_end.items():
            pauses.write({"date_end": date_end, "resumed_by": resumed_by})
        for vals, tickets in to_write.items():
            # sudo: the SLA dates are read-only for the user changing the stage
            tickets.sudo().write(dict(vals))
        if to_create:
            Pause.create(to_create)

    def _sla_default_resume_stage(self):
        """Open stage a customer reply moves a waiting ticket to."""
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(
            lambda stage: not stage.closed
            and not stage.sla_pause
            and not stage.sla_resolved
        )
        return stages.filtered(lambda stage: not stage.unattended)[:1] or stages[:1]

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        message_type = msg_vals.get("message_type", message.message_type)
        if message_type in ("comment", "email") and not message.subtype_id.internal:
            author = message.author_id.sudo()
            if author and not author.partner_share:
                first = self.sla_first_response_date
                call = self.sla_emergency_call_date
                # an emergency call is a new report: the first reply after it
                # answers it
                if not first or (call and first < call <= message.date):
                    self.sudo().sla_first_response_date = message.date
            elif message.subtype_id:
                self.sudo()._sla_customer_replied(message.date)
        return res

    def _sla_customer_replied(self, date):
        """A customer message: note it and resume a waiting ticket's clocks."""
        self.ensure_one()
        vals = {"sla_last_customer_message_date": date}
        stage = self.stage_id
        target = stage.sla_resume_stage_id
        if stage.sla_pause and not target:
            target = self._sla_default_resume_stage()
        if (stage.sla_pause or stage.sla_resolved) and target:
            vals["stage_id"] = target.id
            self.with_context(sla_resumed_by="customer").write(vals)
        else:
            # the date alone, which nobody tracks: mail.thread need not read
            # every tracked field of the ticket first
            self.with_context(mail_notrack=True).write(vals)

    def _sla_pause_open(self, reason, date=None):
        """Pause the clocks of these tickets for a reason a flow of its own ends
        (not a stage): an estimate awaiting approval, a release on acceptance."""
        now = date or fields.Datetime.now()
        # sudo: the pause log is the SLA engine's record
        Pause = self.env["support.sla.pause"].sudo()
        open_ones = Pause.search(
            [
                ("ticket_id", "in", self.ids),
                ("reason", "=", reason),
                ("date_end", "=", False),
            ]
        ).ticket_id
        Pause.create(
            [
                {"ticket_id": ticket.id, "reason": reason, "date_start": now}
                for ticket in self - open_ones
            ]
        )

    def _sla_pause_close(self, reason, resumed_by="decision"):
        """End the open pauses of this reason of these tickets (now)."""
        now = fields.Datetime.now()
        # sudo: the pause log is the SLA engine's record
        pauses = (
            self.env["support.sla.pause"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", self.ids),
                    ("reason", "=", reason),
                    ("date_end", "=", False),
                ]
            )
        )
        for pause in pauses:
            pause.write(
                {"date_end": max(now, pause.date_start), "resumed_by": resumed_by}
            )
