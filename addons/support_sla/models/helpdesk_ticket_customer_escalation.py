# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tickets, extended with the escalations their customer asks for: level 1 to the
senior partner, then level 2 to the managing partner, each with a response target on
the provider's calendar, tracked, notified by mail and shown in the portal."""

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .support_sla_customer_escalation import LEVELS


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    sla_customer_escalation_ids = fields.One2many(
        comodel_name="support.sla.customer.escalation",
        inverse_name="ticket_id",
        string="Escalations by the Customer",
        readonly=True,
    )
    # written by _customer_escalate only (a write, so that the change is tracked)
    sla_customer_escalation_level = fields.Integer(
        string="Escalated by the Customer",
        readonly=True,
        copy=False,
        tracking=True,
        help="0: not escalated; 1: to the senior partner; 2: to the managing partner.",
    )

    def _sla_check_protected(self, vals_list):
        """The customer's escalation level is the suite's record too."""
        res = super()._sla_check_protected(vals_list)
        if not self.env.su and any(
            "sla_customer_escalation_level" in vals for vals in vals_list
        ):
            raise AccessError(
                self.env._(
                    "The SLA of a ticket is computed; these fields cannot be "
                    "written: %(fields)s",
                    fields="sla_customer_escalation_level",
                )
            )
        return res

    def _customer_escalation_next_level(self):
        """ "1", "2" or False (both asked)."""
        self.ensure_one()
        level = self.sla_customer_escalation_level + 1
        return str(level) if level <= len(LEVELS) else False

    def _customer_can_escalate(self, partner):
        """Whether this partner may ask the next escalation (the portal's form)."""
        self.ensure_one()
        contract = self.support_contract_id
        return bool(
            contract
            and contract._is_key_user(partner)
            and not self.stage_id.closed
            and self._customer_escalation_next_level()
        )

    def _customer_escalate(self, partner, reason, level=None):
        """A key user of the ticket's contract asks for an escalation.

        :param level: the level the customer asked for ("1" or "2"); refused
            unless it is the next one (level 2 only after level 1)
        :return: the escalation
        """
        self.ensure_one()
        contract = self.support_contract_id
        if not contract or partner not in contract.key_user_ids:
            raise AccessError(
                self.env._("Only the contract's key users can escalate a ticket.")
            )
        if self.stage_id.closed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is closed; reopen it first.",
                    ticket=self.number,
                )
            )
        next_level = self._customer_escalation_next_level()
        level = str(level or next_level or "")
        if not next_level:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is already escalated to the managing partner.",
                    ticket=self.number,
                )
            )
        if level != next_level:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s can be escalated to level %(next)s now, not "
                    "to level %(level)s.",
                    ticket=self.number,
                    next=next_level,
                    level=level,
                )
            )
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell us why you ask for an escalation."))
        if len(reason) > 5000:
            raise UserError(
                self.env._("The reason of an escalation has at most 5,000 characters.")
            )
        user = contract._customer_escalation_user(level)
        if not user:
            raise UserError(
                self.env._(
                    "No one is set up to receive escalations of level %(level)s; "
                    "please call us.",
                    level=level,
                )
            )
        company = self.company_id
        hours = (
            company.sla_escalation_senior_hours
            if level == "1"
            else company.sla_escalation_managing_hours
        )
        now = fields.Datetime.now()
        calendar = company.resource_calendar_id
        # business hours of the provider's calendar (without one: clock hours)
        deadline = (
            calendar and calendar.plan_hours(hours, now, compute_leaves=True)
        ) or now + timedelta(hours=hours)
        # sudo: the request is the suite's record of the customer's escalation
        # (portal users write nothing themselves); checked above
        ticket = self.sudo()
        escalation = ticket.env["support.sla.customer.escalation"].create(
            {
                "ticket_id": self.id,
                "level": level,
                "partner_id": partner.id,
                "reason": reason,
                "user_id": user.id,
                "request_date": now,
                "response_deadline": deadline,
            }
        )
        ticket.sla_customer_escalation_level = int(level)
        roles = dict(escalation._fields["level"]._description_selection(self.env))
        ticket.message_post(
            body=self.env._(
                "Escalation asked, level %(level)s (%(role)s, %(user)s): %(reason)s",
                level=level,
                role=roles[level],
                user=user.name,
                reason=reason,
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=user.partner_id.ids,
        )
        ticket.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.to_date(deadline),
            summary=self.env._(
                "Escalation level %(level)s: answer the customer", level=level
            ),
            note=reason,
            user_id=user.id,
        )
        return escalation
