# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpdesk tickets, extended for the portal: what a customer's contact may see and do
on a ticket (filters, confirm a resolution, reopen), the received mail, and the SLA
preview of the new-ticket form.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

# Headers of the mails the suite sends the reporter by itself (acknowledgement,
# delay notices): automatic (RFC 3834), and no out-of-office or automatic answer
# wanted (Exchange); delivery failures still come back
AUTOMATIC_MAIL_HEADERS = {
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "OOF, AutoReply",
}

# a customer's contract in these states gives its key users all its tickets
RUNNING_CONTRACT_STATES = ("active", "suspended")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    support_key_user_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Key Users of the Customer",
        compute="_compute_support_key_user_ids",
        search="_search_support_key_user_ids",
        compute_sudo=True,
        help="Key users of the customer's running (active or suspended) contracts: "
        "they read all of the customer's tickets in the portal.",
    )

    def _compute_support_key_user_ids(self):
        for ticket in self:
            ticket.support_key_user_ids = (
                ticket.commercial_partner_id.support_contract_ids.filtered(
                    lambda contract: contract.state in RUNNING_CONTRACT_STATES
                ).key_user_ids
            )

    def _search_support_key_user_ids(self, operator, value):
        """Tickets of the customers with a running contract naming one of the key
        users ``value``: the ticket's customer compared with one subquery of the
        contracts.

        The portal ticket rules ask it on every ticket query of a portal user.
        Written as the path ``commercial_partner_id.support_contract_ids`` the rule
        joined the customer and nested a subquery of its contracts per ticket: the
        portal home's count of 2,000 tickets took 7.2 ms of PostgreSQL (median)
        against 2.8 ms this way (bash scripts/bench load, benchmarks/README.md).
        """
        if operator != "in":
            return NotImplemented
        # sudo: the rules decide who reads the ticket; this only finds the
        # customers whose running contracts name these key users (as the path
        # through the customer does, without the contracts' own rules)
        contracts = (
            self.env["support.contract"]
            .sudo()
            ._search(
                [
                    ("state", "in", RUNNING_CONTRACT_STATES),
                    ("key_user_ids", "in", [each for each in value if each]),
                ]
            )
        )
        return Domain("commercial_partner_id", "in", contracts.subselect("partner_id"))

    # Portal

    @api.model
    def _get_portal_filters(self):
        """Filters of the portal ticket list, by key: label and domain.

        Extension point; the keys are prefixed so that they never meet
        helpdesk_mgmt's stage filters (stage ids).
        """
        # (domains before labels: babel's extractor mistakes a tuple following a
        # translated string for another call of _)
        open_ = Domain("stage_id.closed", "=", False)
        return {
            "support_open": {
                "domain": open_,
                "label": self.env._("Open"),
                "sequence": 1,
            },
            "support_waiting_us": {
                "domain": open_
                & Domain("stage_id.sla_pause", "=", False)
                & Domain("stage_id.sla_resolved", "=", False),
                "label": self.env._("Waiting for us"),
                "sequence": 2,
            },
            "support_waiting_you": {
                "domain": open_
                & (
                    Domain("stage_id.sla_pause", "=", "customer")
                    | Domain("stage_id.sla_resolved", "=", True)
                ),
                "label": self.env._("Waiting for you"),
                "sequence": 3,
            },
            "support_at_risk": {
                "domain": open_ & Domain("sla_status", "in", ("at_risk", "breached")),
                "label": self.env._("At risk"),
                "sequence": 4,
            },
            "support_breached": {
                "domain": Domain("sla_status", "=", "breached"),
                "label": self.env._("SLA breached"),
                "sequence": 5,
            },
        }

    @api.model
    def _get_portal_glance_counts(self):
        """Open tickets the user sees, those at risk (or breached) and those
        waiting for the customer: one grouped count (the portal home's tiles), the
        same tickets as the list's filters of those names."""
        filters = self._get_portal_filters()
        groups = self._read_group(
            filters["support_open"]["domain"],
            ["sla_status", "stage_id.sla_pause", "stage_id.sla_resolved"],
            ["__count"],
        )
        return {
            "open": sum(group[-1] for group in groups),
            "at_risk": sum(
                count
                for status, _pause, _resolved, count in groups
                if status in ("at_risk", "breached")
            ),
            "waiting_you": sum(
                count
                for _status, pause, resolved, count in groups
                if pause == "customer" or resolved
            ),
        }

    def _get_portal_close_stages(self):
        """Stages the customer may close the ticket into from the portal: those of
        its team (or shared ones of its company) marked "close from portal"."""
        self.ensure_one()
        if self.team_id:
            stages = self.team_id.sudo()._get_applicable_stages()
        else:
            stages = (
                self.env["helpdesk.ticket.stage"]
                .sudo()
                .search(
                    [
                        ("company_id", "in", [False, self.company_id.id]),
                        ("team_ids", "=", False),
                    ]
                )
            )
        return stages.filtered("close_from_portal")

    def _portal_can_confirm(self):
        """The ticket waits for the customer to confirm its resolution."""
        self.ensure_one()
        return bool(self.stage_id.sla_resolved and not self.stage_id.closed)

    def _portal_can_reopen(self):
        """The customer may reopen a resolved or closed ticket."""
        self.ensure_one()
        return bool(self.stage_id.sla_resolved or self.stage_id.closed)

    def _portal_confirm_stage(self):
        self.ensure_one()
        stage = self.company_id.sla_close_stage_id
        if not stage or stage not in self.team_id._get_applicable_stages():
            stages = self._get_portal_close_stages() or self._sla_close_stage()
            stage = stages[:1]
        return stage

    def _portal_confirm_resolution(self, partner):
        """The customer confirms the resolution: the ticket closes."""
        self.ensure_one()
        if not self._portal_can_confirm():
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s does not wait for your confirmation.",
                    ticket=self.number,
                )
            )
        stage = self._portal_confirm_stage()
        if not stage:
            raise UserError(
                self.env._("There is no stage to close ticket %s in.", self.number)
            )
        self.sudo().stage_id = stage
        self.sudo().message_post(
            body=self.env._(
                "%(name)s confirmed the resolution.", name=partner.display_name
            ),
            author_id=partner.id,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _portal_reopen(self, partner, reason=""):
        """The customer reopens a resolved or closed ticket, saying why."""
        self.ensure_one()
        if not self._portal_can_reopen():
            raise UserError(
                self.env._("Ticket %(ticket)s is still open.", ticket=self.number)
            )
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Tell us why you reopen the ticket: what still fails?")
            )
        stage = self._sla_default_resume_stage()
        if not stage:
            raise UserError(
                self.env._(
                    "There is no open stage to reopen ticket %s in.", self.number
                )
            )
        self.sudo().with_context(sla_resumed_by="customer").stage_id = stage
        # a customer comment: it notifies the team (and the SLA notes the reply)
        self.sudo().message_post(
            body=self.env._("Reopened: %(reason)s", reason=reason),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _portal_send_received_mail(self):
        """Confirm to the submitter that the ticket arrived, with its number."""
        self._support_mail_reporter("support_portal.mail_template_ticket_received")

    def _support_mail_reporter(self, template_xmlid):
        """Mail the template to each ticket's contact, as the company, in the
        chatter (the contact's language: the template's)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        # the reporter is the current user when writing from the portal or by mail
        # (the gateway runs as the sender's user): Odoo skips the current user
        # among the recipients unless told that a direct recipient is meant
        # queued, not sent within the request or the mail fetch that created the
        # ticket (the mail queue's cron sends it)
        tickets = (
            self.sudo()
            .with_context(mail_notify_author_mention=True, mail_notify_force_send=False)
            .filtered("partner_id")
        )
        if not tickets:
            return
        # the template rendered in each reporter's language, then posted: what
        # message_post_with_source does through a mail composer record, without
        # creating and computing the composer (13 queries and about a third of
        # the acknowledgement's time per mail ticket, benchmark: bash scripts/bench
        # mail)
        # sudo: the reporter's ticket, SLA and contract, whoever's action mails it
        # (a portal user, the mail gateway's user), as the mail composer renders it
        rendered = template.sudo()._generate_template(
            tickets.ids, ("body_html", "subject")
        )
        for ticket in tickets:
            ticket.message_post(
                body=rendered[ticket.id]["body_html"],
                subject=rendered[ticket.id]["subject"],
                # an automatic message: not the staff's first response of the SLA
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
                author_id=ticket.company_id.partner_id.id,
                partner_ids=ticket.partner_id.ids,
                email_layout_xmlid=template.email_layout_xmlid or False,
                mail_auto_delete=template.auto_delete,
                # no responder answers it: no loop of automatic mails starts
                mail_headers=AUTOMATIC_MAIL_HEADERS,
            )

    @api.model
    def _portal_preview_sla(self, partner, ticket_type=None, row=None, column=None):
        """Priority and deadlines a ticket submitted now would get.

        :param partner: the submitting contact (its company's running contract
            applies)
        :return: dict with ``contract``, ``priority`` (support.priority),
            ``response_deadline`` and ``resolution_deadline`` (naive UTC or False)
        """
        Contract = self.env["support.contract"].sudo()
        contract = Contract._get_active_contract_for_partners(partner).get(
            partner.commercial_partner_id.id, Contract
        )
        vals = {
            "partner_id": partner.id,
            "company_id": (contract.company_id or self.env.company).id,
            "support_contract_id": contract.id,
            "support_ticket_type_id": ticket_type.id if ticket_type else False,
            "sla_row_value_id": row.id if row else False,
            "sla_column_value_id": column.id if column else False,
            "sla_start_date": fields.Datetime.now(),
        }
        # the values the ticket would be created with, and the SLA they give
        # (sudo: the contract's configuration is not readable by the portal user)
        self.sudo()._support_complete_create_values([vals])
        ticket = self.sudo().new(vals)
        return {
            "contract": contract,
            "priority": self.env["support.priority"]
            .sudo()
            .browse(vals["sla_priority_id"]),
            "response_deadline": ticket.sla_response_deadline,
            "resolution_deadline": ticket.sla_resolution_deadline,
        }
