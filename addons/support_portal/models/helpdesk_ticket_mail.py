# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake of tickets by every channel: team, assignee, acknowledgement, mail
replies (reopen, resume at the customer's moment) and the attachment policy."""

import os
import re
from datetime import timedelta

from lxml import html as lxml_html

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import email_split, ormcache, split_every
from odoo.tools.mail import email_split_tuples
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.support_contract.tools.log_guard import guarded_logger
from odoo.addons.support_contract.tools.row_locks import lock_free_rows

from ..tools.attachment_policy import (
    BLOCKED_MIMETYPES,
    DEFAULT_BLOCKED_EXTENSIONS,
    DEFAULT_MAX_ATTACHMENT_MB,
)
from .ir_sequence import TICKET_SEQUENCE_CODE
from .mail_thread import noting_reply_arrival, reply_arrival

_logger = guarded_logger(__name__)

# A mail's Date header counts as the moment the customer replied when it is at
# most this long before its receipt (the mail server's fetch interval, 5 minutes
# by default, plus transit) and not in the future; otherwise the receipt counts.
MAX_FETCH_DELAY = timedelta(minutes=15)
# The job that mails the acknowledgements, and how many tickets it mails per commit
ACK_CRON_XMLID = "support_portal.ir_cron_ticket_acknowledgement"
ACK_CRON_BATCH = 200
# Mark, in a transaction's precommit data, that the acknowledgement job is triggered
ACK_TRIGGERED_KEY = "support_portal.ack_triggered"
# Context key of the mail gateway's message_new (see fields_get)
NAME_FIELD_ONLY_KEY = "support_fields_get_name_only"
# Words of a subject that may be a ticket number ("HT00042", "T-2026-17")
NUMBER_TOKEN = re.compile(r"[A-Za-z0-9/_-]*\d[A-Za-z0-9/_-]*")
DIGIT_RUN = re.compile(r"\d+")
# "From:" line of a forwarded message, as mail clients write it (en, nl, sv, de, da)
FORWARDED_FROM = re.compile(
    r"^[>\s*]*(?:From|Van|Från|Von|Fra)\s*:\s*\**\s*(.+@.+)$", re.M | re.I
)
# Elements that end a line of a mail's text as a reader sees it
LINE_ENDING_ELEMENTS = ("br", "p", "div", "tr", "li", "blockquote")


def body_lines(body):
    """The text of a mail's HTML body, line by line as its reader sees it. Not
    Odoo's html2plaintext: it breaks lines only at a bare <br> and at </p>, so
    the header lines of a forward the gateway marked as quoted (<br
    data-o-mail-quote="1">, in <div>s, as Gmail forwards) ran into one line and
    the forwarded "From:" was not found."""
    if not (body and body.strip()):
        return ""
    tree = lxml_html.fromstring(str(body))
    for element in tree.iter(*LINE_ENDING_ELEMENTS):
        element.tail = "\n" + (element.tail or "")
    return tree.text_content()


# A file of its own: the intake is apart from the portal's ticket pages, and the
# ticket's SLA file is being reshaped by others
class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    support_previous_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Follows Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Closed ticket the customer replied to long after it was closed.",
    )
    support_reader_tz = fields.Char(
        string="Reporter's Time Zone",
        compute="_compute_support_reader_tz",
        help="Zone of the deadlines the reporter reads: the contact's time zone, "
        "else the contract's calendar zone, else the company's.",
    )

    support_expected_resolution_date = fields.Datetime(
        string="Expected Resolution",
        copy=False,
        tracking=True,
        help="When the resolution target is at risk or missed: the time staff now "
        "expect to resolve the ticket. Tell the Reporter mails it to the reporter.",
    )
    support_delay_notified_date = fields.Datetime(
        string="Reporter Told of Delay",
        copy=False,
        readonly=True,
        help="When the reporter was told that the resolution target will be or was "
        "missed (by staff, or automatically at the breach).",
    )
    support_ack_pending = fields.Boolean(
        string="Acknowledgement Pending",
        copy=False,
        readonly=True,
        help="The reporter is still to be mailed the acknowledgement (the "
        "acknowledgement job mails it shortly after the ticket arrived).",
    )
    # the acknowledgement job finds the few waiting tickets among all of them
    _support_ack_pending_idx = models.Index("(id) WHERE support_ack_pending IS TRUE")

    support_no_contract_label = fields.Char(
        string="No Contract",
        compute="_compute_support_no_contract_label",
        help='"No contract" on tickets no running contract covers.',
    )

    @api.depends("partner_id.tz", "support_contract_id")
    def _compute_support_reader_tz(self):
        for ticket in self:
            # sudo: the zones of the contract's and the company's calendars, which
            # a portal reader may not read
            ticket_su = ticket.sudo()
            ticket.support_reader_tz = (
                ticket.partner_id.tz
                or ticket_su.support_contract_id.plan_id.calendar_id.tz
                or ticket_su.company_id.partner_id.tz
                or ticket_su.company_id.resource_calendar_id.tz
                or "Europe/Amsterdam"
            )

    @api.depends("support_contract_id")
    def _compute_support_no_contract_label(self):
        label = self.env._("No contract")
        for ticket in self:
            ticket.support_no_contract_label = (
                not ticket.support_contract_id and label or False
            )

    @api.model
    def default_get(self, fields):
        defaults = super().default_get(fields)
        # helpdesk_mgmt's auto-assign gives the ticket to whoever creates it: a
        # customer's portal user or the system user running the mail gateway
        if defaults.get("user_id") and not self._support_may_assign(
            defaults["user_id"]
        ):
            defaults["user_id"] = False
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("user_id") and not self._support_may_assign(vals["user_id"]):
                vals["user_id"] = False
        self._support_mark_ack_pending(vals_list)
        tickets = super().create(vals_list)
        urgent = tickets.filtered(
            lambda t: (t.sla_emergency or t.priority == "3")
            and t.team_id.support_on_duty_user_id
            and t.user_id == t.team_id.support_on_duty_user_id
        )
        if urgent:
            urgent._support_notify_team()
        if any(vals.get("support_ack_pending") for vals in vals_list):
            # the acknowledgement is rendered and queued by a job, after the mail
            # fetch or the request that created the ticket (as Odoo queues its
            # outgoing mail): this transaction only notes who must be told
            self._support_trigger_acknowledgements()
        return tickets

    def _support_trigger_acknowledgements(self):
        """Have the acknowledgement job run after this transaction: once per
        transaction, as the job mails every ticket waiting when it runs (a mail
        fetch commits each mail, a batch of tickets triggers the job once). The
        mark lives in the transaction's precommit data, which a commit or a
        rollback (also of a savepoint) clears with the trigger it stands for."""
        data = self.env.cr.precommit.data
        if data.get(ACK_TRIGGERED_KEY):
            return
        # the job's id from the cache of ids, without env.ref's check that the
        # record exists: a query less per mail
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(ACK_CRON_XMLID)
        if cron_id:
            # sudo: the job is the suite's, whoever creates the ticket
            self.env["ir.cron"].sudo().browse(cron_id)._trigger()
            data[ACK_TRIGGERED_KEY] = True

    def _support_mark_ack_pending(self, vals_list):
        """Note in the creation values which new tickets' reporters get the
        acknowledgement: a customer's contact with an e-mail address, outside
        module installation and imports without tracking."""
        context = self.env.context
        if context.get("tracking_disable") or context.get("install_mode"):
            return
        Partner = self.env["res.partner"].sudo()
        for vals in vals_list:
            partner = Partner.browse(vals.get("partner_id"))
            if partner.partner_share and partner.email:
                vals["support_ack_pending"] = True

    @api.model
    def _cron_support_acknowledge(self, batch_size=ACK_CRON_BATCH, commit=True):
        """Mail each reporter whose ticket waits for its acknowledgement (the
        ``mail_template_ticket_received`` template, in the reporter's language and
        zone), once: a ticket is taken only when no other transaction holds it
        and it still waits, and it stops waiting in the transaction that queues
        its mail.

        :param commit: False to run in the current transaction (tests, benchmark)
        """
        if commit:
            progress = self.env["ir.cron"]._commit_progress
        else:

            def progress(processed=0, remaining=None):
                return float("inf")

        domain = Domain("support_ack_pending", "=", True)
        pending = self.sudo().search(domain, order="id").ids
        progress(remaining=len(pending))
        for batch in split_every(batch_size, pending, list):
            tickets = lock_free_rows(
                self.sudo().browse(batch), "NO KEY UPDATE"
            ).filtered_domain(domain)
            tickets.support_ack_pending = False
            tickets.filtered(
                lambda t: t.partner_id.partner_share and t.partner_id.email
            )._portal_send_received_mail()
            if not progress(len(batch)):
                return

    def _support_complete_create_values(self, vals_list):
        super()._support_complete_create_values(vals_list)
        Contract = self.env["support.contract"].sudo()
        Company = self.env["res.company"].sudo()
        Team = self.env["helpdesk.ticket.team"].sudo()
        # by mail the alias names a team: the contract's team (or the triage team
        # for a sender without contract) comes first
        by_mail = self.env.context.get("support_mail_intake")
        for vals in vals_list:
            team = Team.browse(vals.get("team_id"))
            contract_id = vals.get("support_contract_id")
            company = Company.browse(vals.get("company_id")) or self.env.company
            if contract_id and (by_mail or not team):
                # a customer's ticket: the contract's team, else the default team
                team = (
                    Team.browse(Contract._support_cached_team_id(contract_id))
                    or team
                    or company.support_default_team_id
                )
            elif not contract_id and by_mail:
                # a sender without contract: triage first, then the alias's team
                team = (
                    company.support_triage_team_id
                    or team
                    or company.support_default_team_id
                )
            # a ticket of no contract by any other channel keeps helpdesk_mgmt's
            # rule: the given team, else the assignee's first team, else none
            if team:
                vals["team_id"] = team.id
            on_duty = team.support_on_duty_user_id
            if on_duty and (vals.get("sla_emergency") or vals.get("priority") == "3"):
                vals["user_id"] = on_duty.id
        return vals_list

    # -- assignment and routing ----------------------------------------------------
    @api.model
    def _support_may_assign(self, user_id):
        """Tickets go to internal users only: never a customer's portal user, and
        never the system user (OdooBot) that runs the mail gateway for a sender
        without a user (it stands for nobody who could take the ticket). Outside
        the gateway, helpdesk_mgmt's auto-assign keeps whoever creates the ticket."""
        user = self.env["res.users"].sudo().browse(user_id)
        if not user or user.share:
            return False
        return not (
            self.env.context.get("support_mail_intake") and user._is_superuser()
        )

    def _support_notify_team(self):
        """A Critical ticket or an emergency call: the team learns of it at once."""
        for ticket in self:
            members = ticket.team_id.user_ids.filtered(lambda u: not u.share)
            ticket.message_post(
                body=self.env._(
                    "Critical ticket %(number)s for %(customer)s, assigned to "
                    "%(user)s (on duty).",
                    number=ticket.number,
                    customer=ticket.partner_id.commercial_partner_id.display_name,
                    user=ticket.user_id.name,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=members.partner_id.ids,
            )

    # -- expected miss ----------------------------------------------------------------
    @api.model
    def _sla_protected_fields(self):
        # when the reporter was told is the suite's record, not a user's entry
        return super()._sla_protected_fields() | {"support_delay_notified_date"}

    def action_support_tell_expected_resolution(self):
        """Mail the reporter the new expected resolution time (staff, when the
        resolution target is at risk or missed)."""
        now = fields.Datetime.now()
        for ticket in self:
            if not ticket.partner_id:
                raise UserError(
                    self.env._(
                        "Ticket %(number)s has no contact to tell.",
                        number=ticket.number,
                    )
                )
            if not ticket.support_expected_resolution_date or (
                ticket.support_expected_resolution_date <= now
            ):
                raise UserError(
                    self.env._(
                        "Set the expected resolution of ticket %(number)s to a time "
                        "in the future first.",
                        number=ticket.number,
                    )
                )
        self._support_tell_delay(
            "support_portal.mail_template_ticket_expected_resolution"
        )
        return True

    def _support_tell_delay(self, template_xmlid):
        """Mail the reporters of these tickets about the delay of the resolution
        (in their language and zone) and note when."""
        self._support_mail_reporter(template_xmlid)
        # sudo: the date is set by the suite's code only (read-only field)
        self.sudo().support_delay_notified_date = fields.Datetime.now()

    def _sla_notify(self, now):
        """A resolution target breached whose reporter was not told of the delay:
        the reporter is told automatically."""
        untold = self.filtered(
            lambda t: t.sla_resolution_status == "breached"
            and not t.sla_resolution_breach_logged
            and not t.support_delay_notified_date
            and t.partner_id
        )
        result = super()._sla_notify(now)
        untold._support_tell_delay(
            "support_portal.mail_template_ticket_resolution_missed"
        )
        return result

    # -- mail gateway -----------------------------------------------------------------
    @api.model
    def message_new(self, msg, custom_values=None):
        msg["attachments"] = self._support_allowed_attachments(msg)
        customer = self._support_forwarded_customer(msg)
        if customer:
            # an agent forwarded the customer's mail: the ticket, its contract and
            # its first message are the customer's (the forward answers nothing)
            msg["author_id"] = customer.id
            msg["email_from"] = customer.email_formatted
            msg["from"] = customer.email_formatted
        if msg.get("author_id") and custom_values and "partner_id" in custom_values:
            # a per-customer alias names the customer as default contact: it is for
            # senders the gateway does not know; a known sender stays the contact
            custom_values = dict(custom_values)
            del custom_values["partner_id"]
        elif not msg.get("author_id") and not (custom_values or {}).get("partner_id"):
            contact = self._support_contact_of_domain(msg, custom_values)
            if contact:
                msg["author_id"] = contact.id
        ticket = super(
            HelpdeskTicket,
            self.with_context(support_mail_intake=True, **{NAME_FIELD_ONLY_KEY: True}),
        ).message_new(msg, custom_values=custom_values)
        # the gateway's own environment (the one plain helpdesk_mgmt returns)
        return ticket.with_env(self.env)

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        """The tickets an address created, for Odoo's mail loop detection: more
        than ``mail.gateway.loop.threshold`` (20) in ``mail.gateway.loop.minutes``
        (120) and its next mail creates nothing (Odoo answers it once). Odoo
        counts on the model's primary e-mail field, which helpdesk_mgmt does not
        name: an autoresponder without Auto-Submitted opened a ticket per mail."""
        return [("partner_email", "ilike", email_from_normalized)]

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        followers = super()._message_auto_subscribe_followers(
            updated_values, default_subtype_ids
        )
        if (
            len(self) == 1
            and self.env.context.get("support_mail_intake")
            and updated_values.get("partner_id")
        ):
            # a ticket created by mail: the customer's key users follow it (they
            # are told of the mail posted next), added with the ticket's other
            # automatic followers when it is created, in the same insert (a
            # message_subscribe of its own looked the followers and the partners
            # up again: 3 queries per mail, bash scripts/bench mail)
            Subtype = self.env["mail.message.subtype"]
            default, _internal, external = Subtype.default_subtypes(self._name)
            # the contract's key users from the process's cache (reading them
            # cost a query a mail), whether they are active from the contacts
            # (the sender's often already read)
            contract = self.sudo().support_contract_id
            key_users = (
                self.env["res.partner"]
                .sudo()
                .browse(
                    contract._support_cached_key_user_ids(contract.id)
                    if contract
                    else ()
                )
            )
            followers += [
                (
                    partner.id,
                    (external if partner.partner_share else default).ids,
                    False,
                )
                for partner in key_users.filtered("active")
            ]
        return followers

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        if allfields is None and self.env.context.get(NAME_FIELD_ONLY_KEY):
            # the mail gateway's message_new describes every field of the ticket
            # only to learn whether it has a name field: the name field is what it
            # asks about (helpdesk_mgmt gives the name; describing the suite's
            # 120 fields took a tenth of a new-ticket mail, bash scripts/bench
            # mail)
            allfields = [self._rec_name or "name"]
        return super().fields_get(allfields=allfields, attributes=attributes)

    @api.model
    def _support_contact_of_domain(self, msg, custom_values=None):
        """A new contact of the customer whose domain an unknown sender writes
        from, when the company matches senders by domain: the domain of the
        customer's own e-mail address or website (not of its contacts, so that
        nobody at gmail.com becomes a customer's contact), and exactly one customer
        with a running contract has it. Empty otherwise."""
        Partner = self.env["res.partner"]
        company = (
            self.env["res.company"].browse((custom_values or {}).get("company_id"))
            or self.env.company
        )
        emails = email_split(msg.get("email_from") or msg.get("from") or "")
        if not company.support_match_sender_domain or not emails:
            return Partner
        domain = emails[0].rpartition("@")[2].lower()
        # sudo: the gateway matches against every customer of the company, not
        # those the user it runs as may read
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search([("company_id", "=", company.id), ("state", "=", "active")])
        )
        customers = contracts.partner_id.filtered(
            lambda partner: domain in partner._support_mail_domains()
        )
        if len(customers) != 1:
            return Partner
        name = email_split_tuples(msg.get("from") or "")[:1]
        # sudo: the gateway's user may not create contacts; the new contact is the
        # sender, under the customer it writes for
        return Partner.sudo().create(
            {
                "name": (name and name[0][0]) or emails[0],
                "email": emails[0],
                "parent_id": customers.id,
                "type": "contact",
            }
        )

    @api.model
    def _support_forwarded_customer(self, msg):
        """The customer whose mail an internal user forwarded (the first "From:"
        line of the forwarded text naming a known customer contact), if any."""
        author = self.env["res.partner"].sudo().browse(msg.get("author_id"))
        if not author or author.partner_share:
            return self.env["res.partner"]
        text = body_lines(msg.get("body"))
        for line in FORWARDED_FROM.findall(text):
            emails = email_split(line)
            if not emails:
                continue
            partner = self.env["mail.thread"]._mail_find_partner_from_emails(
                emails[:1], force_create=False
            )[0]
            if partner and partner.partner_share:
                return partner
            break
        return self.env["res.partner"]

    def message_update(self, msg, update_vals=None):
        msg["attachments"] = self._support_allowed_attachments(msg)
        return super().message_update(msg, update_vals=update_vals)

    @api.model
    def _support_allowed_attachments(self, msg):
        """The attachments of a mail the portal would take too (one policy)."""
        kept = []
        for attachment in msg.get("attachments") or []:
            name, content = attachment[0], attachment[1]
            data = content.encode() if isinstance(content, str) else content or b""
            refusal = self._support_attachment_refusal(name, data)
            if refusal:
                _logger.info(
                    "Support intake dropped attachment %s of mail %s: %s",
                    name,
                    msg.get("message_id"),
                    refusal,
                )
                continue
            kept.append(attachment)
        return kept

    @api.model
    def _support_attachment_refusal(self, name, data):
        """Why a file cannot be attached to a ticket (None: it can): larger than
        ``support_portal.ticket_attachment_max_mb`` (10 MB), or a program, script
        or web page (``support_portal.ticket_attachment_blocked_extensions``)."""
        params = self.env["ir.config_parameter"].sudo()
        try:
            max_mb = float(
                params.get_param(
                    "support_portal.ticket_attachment_max_mb",
                    DEFAULT_MAX_ATTACHMENT_MB,
                )
            )
        except ValueError:
            max_mb = float(DEFAULT_MAX_ATTACHMENT_MB)
        if len(data) > max_mb * 1024 * 1024:
            return "too large"
        blocked = {
            ext if ext.startswith(".") else f".{ext}"
            for ext in params.get_param(
                "support_portal.ticket_attachment_blocked_extensions",
                DEFAULT_BLOCKED_EXTENSIONS,
            )
            .lower()
            .replace(",", " ")
            .split()
        }
        extension = os.path.splitext(name or "")[1].lower()
        if extension in blocked or guess_mimetype(data) in BLOCKED_MIMETYPES:
            return "blocked type"
        return None

    @api.model
    def _support_reroute_closed(self, routes, message_dict=None):
        """Routes of a mail to tickets, after the ticket rules: a ticket number in
        the subject of a new mail from the ticket's customer files it there; a
        reply to a ticket closed more than the company's reopen days ago opens a
        new ticket that links the closed one."""
        result = []
        for route in routes:
            model, thread_id, custom_values, user_id, alias = route
            if model == self._name and message_dict:
                if not thread_id:
                    thread_id = self._support_ticket_of_subject(message_dict).id
                ticket = self.sudo().browse(thread_id)
                if ticket and ticket.stage_id.closed and ticket.closed_date:
                    days = ticket.company_id.support_reopen_days
                    if ticket.closed_date < fields.Datetime.now() - timedelta(
                        days=days
                    ):
                        thread_id = False
                        custom_values = dict(
                            custom_values or {},
                            support_previous_ticket_id=ticket.id,
                            team_id=ticket.team_id.id,
                        )
                route = (model, thread_id, custom_values, user_id, alias)
            result.append(route)
        return result

    @api.model
    def _support_ticket_of_subject(self, message_dict):
        """The ticket of the sender's customer whose number the subject names: a
        word with at least as many digits in a row as the ticket numbers are
        padded to ("HT00042"; not the "17" of "Invoice 17 is wrong", which is
        not looked up)."""
        author = self.env["res.partner"].sudo().browse(message_dict.get("author_id"))
        if not author:
            return self.browse()
        digits = self._support_ticket_number_digits()
        tokens = [
            token
            for token in NUMBER_TOKEN.findall(message_dict.get("subject") or "")
            if max(map(len, DIGIT_RUN.findall(token))) >= digits
        ]
        if not tokens:
            return self.browse()
        return (
            self.sudo()
            .search(
                [
                    ("number", "in", tokens),
                    # helpdesk_mgmt's stored commercial partner: no join
                    ("commercial_partner_id", "=", author.commercial_partner_id.id),
                ],
                limit=1,
            )
            .sudo(False)
        )

    @api.model
    @ormcache()
    def _support_ticket_number_digits(self):
        """The fewest digits in a row a ticket number has: the smallest padding
        of helpdesk_mgmt's ticket sequences (5: HT00042), at least 1. Cached per
        process (a subject without such a word costs no query; bash scripts/bench
        mail); cleared when a ticket sequence changes (ir.sequence)."""
        # sudo, active_test: the sequences as configured, for every user
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "=", TICKET_SEQUENCE_CODE)])
        )
        return max(min(sequences.mapped("padding"), default=1), 1)

    # -- customer replies -------------------------------------------------------------
    def message_post(self, **kwargs):
        # the moment the message arrived, unless the mail gateway noted it first
        # (see _sla_customer_replied)
        with noting_reply_arrival(self.env):
            return super().message_post(**kwargs)

    def _sla_customer_replied(self, date):
        """The customer's moment counts: a mail's Date header when plausible (not
        in the future, at most MAX_FETCH_DELAY before receipt), else now. A reply
        to a ticket closed within the company's reopen days reopens it."""
        now = fields.Datetime.now()
        if not date or date > now or date < now - MAX_FETCH_DELAY:
            date = now
        # closed before the reply arrived (the mail gateway or message_post notes
        # when): a ticket closed since was closed by a rule acting on this reply
        # (helpdesk_ticket_partner_response's "customer answered" stage), which the
        # reply must not undo. Not "before now": the rule may close the ticket at
        # 10:00:00.9 and this run at 10:00:01, a second later.
        arrival = reply_arrival(self.env) or now
        reopen = self.stage_id.closed and not self.stage_id.sla_pause
        if reopen and self.closed_date and self.closed_date < arrival:
            days = self.company_id.support_reopen_days
            if self.closed_date >= now - timedelta(days=days):
                stage = self._sla_default_resume_stage()
                if stage:
                    # a stage change: the SLA rules decide what reopening resets
                    self.with_context(sla_resumed_by="customer").stage_id = stage
        if not self.stage_id.sla_pause:
            # nothing to resume: no context of this reply's own (see
            # noting_reply_arrival)
            return super()._sla_customer_replied(date)
        return super(
            HelpdeskTicket, self.with_context(sla_resume_date=date)
        )._sla_customer_replied(date)
