# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Auto-closing of tickets: waiting for the customer too long (after a
warning), or resolved and not confirmed, with a notice to the customer."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import split_every

from odoo.addons.support_contract.tools.log_guard import guarded_logger

from .helpdesk_ticket import (
    SLA_CRON_BATCH,
)

_logger = guarded_logger(__name__)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def _sla_close_stage(self):
        self.ensure_one()
        stage = self.company_id.sla_close_stage_id
        if not stage:
            stage = self.team_id._get_applicable_stages().filtered("closed")[:1]
        return stage

    @api.model
    def _cron_sla_autoclose(self, batch_size=SLA_CRON_BATCH):
        """Close tickets left waiting for the customer, after a warning, and resolved
        tickets the customer did not confirm (the SLA terms close them after 7 days)."""
        now = fields.Datetime.now()
        Cron = self.env["ir.cron"]
        for company in self.env["res.company"].search([]):
            days = company.sla_autoclose_days
            warn = company.sla_autoclose_warning_days
            if days:
                threshold = now - timedelta(days=days - (warn or 0))
                waiting = self.search(
                    [
                        ("company_id", "=", company.id),
                        ("stage_id.sla_pause", "=", "customer"),
                        ("last_stage_update", "<=", threshold),
                    ],
                    order="id",
                )
                for batch in split_every(batch_size, waiting.ids, list):
                    self.browse(batch)._sla_autoclose_waiting(now, days, warn)
                    if not Cron._commit_progress(len(batch)):
                        return
            confirm = company.sla_confirm_days
            if confirm:
                resolved = self.search(
                    [
                        ("company_id", "=", company.id),
                        ("stage_id.sla_resolved", "=", True),
                        ("stage_id.closed", "=", False),
                        ("last_stage_update", "<=", now - timedelta(days=confirm)),
                    ],
                    order="id",
                )
                for batch in split_every(batch_size, resolved.ids, list):
                    self.browse(batch)._sla_autoclose_resolved(now, confirm)
                    if not Cron._commit_progress(len(batch)):
                        return

    def _sla_waiting_since(self):
        self.ensure_one()
        return max(
            filter(None, (self.last_stage_update, self.sla_last_customer_message_date))
        )

    def _sla_autoclose_waiting(self, now, days, warn):
        warning = self.env.ref("support_sla.mail_template_sla_autoclose_warning")
        notice = self.env.ref("support_sla.mail_template_sla_autoclose_notice")
        to_close = self.browse()
        to_warn = self.browse()
        for ticket in self:
            since = ticket._sla_waiting_since()
            if now >= since + timedelta(days=days):
                to_close |= ticket
            elif (
                warn
                and not ticket.sla_autoclose_warned
                and now >= since + timedelta(days=days - warn)
            ):
                to_warn |= ticket
        to_close._sla_close_with_notice(notice)
        for ticket in to_warn:
            ticket.message_post_with_source(
                warning, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
            )
        # sudo: the flag is read-only for users
        to_warn.sudo().sla_autoclose_warned = True

    def _sla_autoclose_resolved(self, now, confirm):
        notice = self.env.ref("support_sla.mail_template_sla_autoclose_unconfirmed")
        self.filtered(
            lambda ticket: now >= ticket._sla_waiting_since() + timedelta(days=confirm)
        )._sla_close_with_notice(notice)

    def _sla_close_with_notice(self, template):
        """Move these tickets to their closed stage (one write per stage) and post
        the notice on each."""
        closed = self.browse()
        for stage, tickets in self.grouped(lambda t: t._sla_close_stage()).items():
            if not stage:
                _logger.warning(
                    "Tickets %s: no closed stage to auto-close them", tickets.ids
                )
                continue
            # sudo: the scheduled action's user may not edit every ticket
            tickets.sudo().write({"stage_id": stage.id})
            closed |= tickets
        for ticket in closed:
            ticket.message_post_with_source(
                template, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
            )
