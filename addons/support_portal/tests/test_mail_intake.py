# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import ast
import base64
import itertools
import logging
from collections import Counter
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime as rfc_date
from html import escape

import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.support_contract.tests.i18n_check import activate_languages
from odoo.addons.support_contract.tools.log_guard import LOG_BURST
from odoo.addons.support_portal.models.helpdesk_ticket_mail import ACK_TRIGGERED_KEY
from odoo.addons.support_portal.models.mail_thread import (
    REPLY_ARRIVAL_KEY,
    is_automatic_reply,
)
from odoo.addons.support_sla.tests.common import ams, utc

from .common import SupportPortalMixin, html_text

ALIAS = "support@support.test"
MESSAGE_NUMBERS = itertools.count(1)


def encoded(text):
    """`text` as a MIME encoded word (RFC 2047): how a sender puts control
    characters into a header."""
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def rfc822(
    sender,
    subject,
    body,
    to=ALIAS,
    date=None,
    attachments=(),
    headers=None,
    message_id=None,
    html=None,
):
    """A real RFC 822 message as a mail server hands it over: text and HTML
    alternatives (the HTML made from the text unless given), attachments as
    MIME parts."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    date = pytz.utc.localize(date) if date else datetime.now(pytz.utc)
    msg["Date"] = rfc_date(date)
    msg["Message-Id"] = message_id or f"<intake-{next(MESSAGE_NUMBERS)}@mail>"
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    html = html or "<p>{}</p>".format(escape(body).replace("\n", "<br/>"))
    msg.add_alternative(html, subtype="html")
    for name, data, mimetype in attachments:
        maintype, subtype = mimetype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_string()


@tagged("post_install", "-at_install")
class TestMailIntake(BaseCommon, SupportPortalMixin):
    """Tickets by e-mail through the real mail gateway (``message_process``).

    Tulpen Test B.V. (Dutch contact, key user, contract with its own team "Team
    Tulpen" and its on-duty agent) and Fjord Test AB (Swedish key user, Stockholm)
    write to the team alias tulpen@support.test; calendar Monday to Friday
    08:00-17:00 Europe/Amsterdam.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        activate_languages(cls.env, ["support_portal"])
        # the gateway runs with mail and tracking on, as in production
        cls.env = cls.env(context={})
        env = cls.env
        cls.alias_domain = env["mail.alias.domain"].create(
            {"name": "support.test", "bounce_alias": "bounce"}
        )
        cls.company.alias_domain_id = cls.alias_domain
        cls.company.email = "help@support.test"
        cls.agent = new_test_user(
            env,
            login="intake_agent",
            groups="helpdesk_mgmt.group_helpdesk_user",
            email="intake.agent@support.test",
        )
        cls.agent_on_duty = new_test_user(
            env,
            login="intake_on_duty",
            groups="helpdesk_mgmt.group_helpdesk_user",
            email="on.duty@support.test",
        )
        Team = env["helpdesk.ticket.team"]
        cls.team_tulpen = Team.create(
            {
                "name": "Team Tulpen",
                "user_ids": [Command.set((cls.agent | cls.agent_on_duty).ids)],
                "support_on_duty_user_id": cls.agent_on_duty.id,
            }
        )
        # the support address: the first line's alias
        cls.team_default = Team.create({"name": "First line", "alias_name": "support"})
        cls.team_triage = Team.create({"name": "Triage"})
        cls.company.write(
            {
                "support_default_team_id": cls.team_default.id,
                "support_triage_team_id": cls.team_triage.id,
                "support_reopen_days": 14,
            }
        )
        cls.contract_a.team_id = cls.team_tulpen
        cls.contact_a.partner_id.write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        cls.portal_b.partner_id.write({"lang": "sv_SE", "tz": "Europe/Stockholm"})
        # helpdesk_mgmt's auto-assign on (its default)
        cls.company.helpdesk_mgmt_ticket_auto_assign = True

    def _process(self, message):
        return self.env["mail.thread"].message_process(False, message)

    def _tickets(self, subject):
        return self.env["helpdesk.ticket"].search([("name", "=", subject)])

    def _ack(self, ticket):
        """The acknowledgement mails queued for the ticket's reporter, once the
        acknowledgement job has run."""
        self._run_acknowledgements()
        return self._queued_ack(ticket)

    def _queued_ack(self, ticket):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("recipient_ids", "in", ticket.partner_id.ids),
            ]
        )

    # -- new tickets --------------------------------------------------------------
    def test_dutch_contact_multipart_with_attachment(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    "Voorraadrapport traag",
                    "Het voorraadrapport laadt al een uur.",
                    attachments=[("log.txt", b"timeout after 60s", "text/plain")],
                )
            )
        ticket = self._tickets("Voorraadrapport traag")
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.contact_a.partner_id)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        # never the sender's portal user, nor the system user
        self.assertFalse(ticket.user_id)
        self.assertIn(self.key_user_a.partner_id, ticket.message_partner_ids)
        self.assertEqual(ticket.message_ids.attachment_ids.mapped("name"), ["log.txt"])
        # Medium (plan default): 2 business days -> Wed 4 Nov 09:00 CET (08:00 UTC)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
        ack = self._ack(ticket)
        self.assertEqual(len(ack), 1)
        self.assertIn("ontvangen", ack.subject)
        text = html_text(ack.body_html)
        self.assertIn(ticket.number, text)
        # response Wed 4 Nov 09:00, resolution end of the next working day (Tue 3
        # Nov 17:00), Amsterdam time, Dutch format
        self.assertIn("04-11-2026 09:00:00", text)
        self.assertIn("03-11-2026 17:00:00", text)
        self.assertIn("Europe/Amsterdam", text)
        self.assertNotIn("UTC", text)
        self.assertIn(f"/my/ticket/{ticket.id}", ack.body_html)

    def test_swedish_contact_gets_swedish_ack_in_stockholm_time(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    "Britt Fjord <portal_b@example.com>",
                    "Virkespriser fel",
                    "Priserna stämmer inte.",
                )
            )
        ticket = self._tickets("Virkespriser fel")
        self.assertEqual(ticket.support_contract_id, self.contract_b)
        # contract B has no team: the company's default team
        self.assertEqual(ticket.team_id, self.team_default)
        self.assertFalse(ticket.user_id)
        ack = self._ack(ticket)
        self.assertEqual(len(ack), 1)
        self.assertIn("mottaget", ack.subject)
        self.assertIn("Europe/Stockholm", html_text(ack.body_html))

    def test_acknowledgement_is_queued_once_by_its_job(self):
        """The mail fetch only notes that the reporter is to be told and triggers
        the acknowledgement job; the job queues one mail per ticket, in the
        reporter's language, even when the same mail is fetched twice, two tickets
        are created in one batch, or the job runs twice."""
        mail = rfc822(
            "Bart Contact <contact_a@example.com>",
            "Tweemaal opgehaald",
            "Dezelfde mail, twee keer opgehaald.",
            message_id="<fetched-twice@mail>",
        )
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(mail)
            self._process(mail)
        ticket = self._tickets("Tweemaal opgehaald")
        self.assertEqual(len(ticket), 1)
        self.assertTrue(ticket.support_ack_pending)
        self.assertFalse(self._queued_ack(ticket), "nothing rendered in the fetch")
        Ticket = self.env["helpdesk.ticket"]
        twins = Ticket.create(
            [
                self._ticket_vals("Telefoon", self.contact_a.partner_id),
                self._ticket_vals("Telefoon", self.contact_a.partner_id),
                self._ticket_vals("Telefon", self.portal_b.partner_id),
            ]
        )
        self._run_acknowledgements()
        Ticket._cron_support_acknowledge(commit=False)
        for each in ticket | twins:
            ack = self._queued_ack(each)
            self.assertEqual(len(ack), 1, each.name)
            self.assertIn(each.number, ack.subject)
            self.assertFalse(each.support_ack_pending)
        self.assertIn("ontvangen", self._queued_ack(ticket).subject)
        self.assertIn("mottaget", self._queued_ack(twins[2]).subject)

    def test_acknowledgement_job_is_triggered_once_per_transaction(self):
        """The tickets of one transaction trigger the job once (it mails every
        waiting ticket when it runs); a transaction rolled back takes its
        trigger along, and the next ticket triggers the job again."""
        cron = self.env.ref("support_portal.ir_cron_ticket_acknowledgement")
        Trigger = self.env["ir.cron.trigger"]
        Ticket = self.env["helpdesk.ticket"]
        # a transaction of its own: nothing triggered in it yet
        self.env.cr.precommit.data.pop(ACK_TRIGGERED_KEY, None)
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        Ticket.create(self._ticket_vals("Eerste", self.contact_a.partner_id))
        Ticket.create(self._ticket_vals("Tweede", self.contact_a.partner_id))
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)
        with self.env.cr.savepoint() as savepoint:
            self.env.cr.precommit.data.pop(ACK_TRIGGERED_KEY, None)
            Ticket.create(self._ticket_vals("Terug", self.contact_a.partner_id))
            savepoint.rollback()
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)
        late = Ticket.create(self._ticket_vals("Later", self.contact_a.partner_id))
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 2)
        self.assertTrue(late.support_ack_pending)

    def test_automatic_mails_say_they_are_automatic(self):
        """The acknowledgement and the delay notice carry Auto-Submitted (RFC
        3834) and ask Exchange for no out-of-office answer: a customer's
        responder does not answer them (before: no such header)."""
        ticket = self._mail_ticket("Automatisch")
        with freeze_time(ams(2026, 11, 4, 9)):
            ticket._sla_recompute()
            ticket._sla_notify(ams(2026, 11, 4, 9))
        mails = self._ack(ticket)
        self.assertEqual(len(mails), 2)
        for mail in mails:
            headers = ast.literal_eval(mail.headers)
            self.assertEqual(headers.get("Auto-Submitted"), "auto-generated")
            self.assertEqual(headers.get("X-Auto-Response-Suppress"), "OOF, AutoReply")
            # as handed to the mail server
            outgoing = mail._prepare_outgoing_list()[0]
            self.assertTrue(is_automatic_reply(outgoing["headers"]))

    def test_key_users_follow_as_the_contract_names_them(self):
        """Key users follow each mail ticket as the contract names them when the
        mail arrives: one added since the last mail follows, one deleted since
        does not break the intake."""
        self._process(
            rfc822("Bart Contact <contact_a@example.com>", "Eerste mail", "Tekst.")
        )
        first = self._tickets("Eerste mail")
        self.assertIn(self.key_user_a.partner_id, first.message_partner_ids)
        self.assertNotIn(self.other_contact_a, first.message_partner_ids)
        self.contract_a.key_user_ids = [Command.link(self.other_contact_a.id)]
        self._process(
            rfc822("Bart Contact <contact_a@example.com>", "Tweede mail", "Tekst.")
        )
        second = self._tickets("Tweede mail")
        self.assertIn(self.other_contact_a, second.message_partner_ids)
        self.assertIn(self.key_user_a.partner_id, second.message_partner_ids)
        leaving = self.env["res.partner"].create(
            {"name": "Leaving Key", "parent_id": self.customer_a.id}
        )
        self.contract_a.key_user_ids = [Command.link(leaving.id)]
        self._process(
            rfc822("Bart Contact <contact_a@example.com>", "Derde mail", "Tekst.")
        )
        self.assertIn(leaving, self._tickets("Derde mail").message_partner_ids)
        leaving.unlink()
        self._process(
            rfc822("Bart Contact <contact_a@example.com>", "Vierde mail", "Tekst.")
        )
        fourth = self._tickets("Vierde mail")
        self.assertEqual(len(fourth), 1)
        self.assertEqual(
            set(fourth.message_partner_ids.ids)
            & {self.key_user_a.partner_id.id, self.other_contact_a.id},
            {self.key_user_a.partner_id.id, self.other_contact_a.id},
        )

    def test_unknown_sender_goes_to_triage_without_contract(self):
        self._process(
            rfc822("Someone <someone@unknown.test>", "Help needed", "Please call.")
        )
        ticket = self._tickets("Help needed")
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.support_contract_id)
        self.assertFalse(ticket.support_covered)
        self.assertEqual(ticket.team_id, self.team_triage)
        self.assertEqual(ticket.support_no_contract_label, "No contract")
        self.assertFalse(ticket.sla_response_deadline)
        self.assertFalse(ticket.user_id)

    def test_agent_forwarding_a_customer_mail(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    f"Intake Agent <{self.agent.email}>",
                    "Fwd: Factuur leeg",
                    "Zie hieronder.\n\n---------- Forwarded message ---------\n"
                    "From: Bart Contact <contact_a@example.com>\n"
                    "Subject: Factuur leeg\n\nDe factuur is leeg.",
                )
            )
        ticket = self._tickets("Fwd: Factuur leeg")
        self.assertEqual(ticket.partner_id, self.contact_a.partner_id)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self.assertFalse(ticket.sla_first_response_date)
        self.assertEqual(ticket.sla_response_status, "on_track")

    def test_agent_forwarding_a_customer_mail_from_gmail(self):
        """Gmail forwards in HTML: the forwarded header lines in <div>s, the
        gateway marks them as quoted (<br data-o-mail-quote="1">). The customer
        is found all the same (before: the ticket's contact was the agent, no
        contract, the response met by the forward)."""
        html = (
            '<div dir="ltr">Zie hieronder.<br><br><div class="gmail_quote">'
            '<div dir="ltr" class="gmail_attr">---------- Forwarded message '
            '---------<br>From: <strong class="gmail_sendername" dir="auto">Bart '
            'Contact</strong> <span dir="auto">&lt;<a href="mailto:contact_a@'
            'example.com">contact_a@example.com</a>&gt;</span><br>Date: Mon, 2 Nov '
            '2026 at 08:55<br>Subject: Factuur leeg<br>To: &lt;<a href="mailto:'
            f'{self.agent.email}">{self.agent.email}</a>&gt;<br></div><br><br>'
            '<div dir="ltr">De factuur is leeg.</div></div></div>'
        )
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    f"Intake Agent <{self.agent.email}>",
                    "Fwd: Factuur leeg",
                    "Zie hieronder.",
                    html=html,
                )
            )
        ticket = self._tickets("Fwd: Factuur leeg")
        self.assertEqual(ticket.partner_id, self.contact_a.partner_id)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self.assertFalse(ticket.sla_first_response_date)
        self.assertEqual(ticket.message_ids.author_id, self.contact_a.partner_id)

    def test_a_sender_opening_ticket_after_ticket_is_stopped(self):
        """An autoresponder without Auto-Submitted, or a script, mailing new
        tickets: Odoo's loop detection takes at most mail.gateway.loop.threshold
        (20) new tickets from one address in mail.gateway.loop.minutes (120),
        then creates nothing; other senders are not affected (before: one ticket
        per mail, 25 of 25)."""
        Ticket = self.env["helpdesk.ticket"]
        for number in range(25):
            self._process(
                rfc822(
                    "Alarm <alarm@monitor.test>",
                    f"Disk full {number}",
                    "Disk /var is full.",
                )
            )
        tickets = Ticket.search([("name", "=like", "Disk full %")])
        self.assertEqual(len(tickets), 20)
        self.assertFalse(self._tickets("Disk full 20"))
        self._process(
            rfc822("Bart Contact <contact_a@example.com>", "Na het alarm", "Tekst.")
        )
        self.assertEqual(len(self._tickets("Na het alarm")), 1)

    def test_auto_reply_bounce_and_bulk_create_nothing(self):
        count = self.env["helpdesk.ticket"].search_count([])
        for headers in (
            {"Auto-Submitted": "auto-replied"},
            {"X-Autoreply": "yes"},
            {"Precedence": "bulk"},
        ):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    "Out of office",
                    f"I am away ({headers}).",
                    headers=headers,
                )
            )
        self._process(
            rfc822(
                "MAILER-DAEMON <mailer-daemon@example.com>",
                "Undelivered Mail Returned to Sender",
                "Delivery to the following recipient failed permanently.",
            )
        )
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_broken_mime_creates_nothing_and_is_logged(self):
        count = self.env["helpdesk.ticket"].search_count([])
        broken = (
            "From: Bart Contact <contact_a@example.com>\r\n"
            f"To: {ALIAS}\r\n"
            "Subject: Broken\r\n"
            "Message-Id: <broken-1@mail>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="never-there"\r\n'
            "\r\n"
            "no boundary follows\r\n"
        )
        with self.assertLogs("odoo.addons.support_portal", level="WARNING") as logs:
            self.assertFalse(self._process(broken))
        self.assertIn("broken-1@mail", logs.output[0])
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_a_mail_loop_cannot_flood_the_logs(self):
        """An autoresponder answering in a loop: the intake logs at most LOG_BURST
        lines a minute and creates nothing (before: one WARNING per mail, 70
        lines)."""
        count = self.env["helpdesk.ticket"].search_count([])
        with (
            freeze_time("2031-03-03 10:00:00"),
            self.assertLogs("odoo.addons.support_portal", level="WARNING") as logs,
        ):
            for _number in range(LOG_BURST + 20):
                self._process(
                    rfc822(
                        "Bart Contact <contact_a@example.com>",
                        "Out of office",
                        "I am away.",
                        headers={"Auto-Submitted": "auto-replied"},
                    )
                )
        self.assertEqual(len(logs.records), LOG_BURST)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_odoos_own_gateway_logging_is_limited_too(self):
        """70 hostile mails that Odoo's gateway logs and drops itself (replies to
        its bounce notification, by their References), each with a sender's name
        and a Message-Id that try to forge log lines: Odoo's mail loggers write at
        most LOG_BURST lines a minute per line of its code plus one summary line
        the next minute, every line with its control characters escaped (before:
        71 lines per line of code, the forged lines raw)."""
        forged = "Eve\u20282031-05-05 10:00:00,000 1 ERROR db odoo: forged\x1b[31m"
        count = self.env["helpdesk.ticket"].search_count([])

        def hostile(number):
            message_id = encoded(f"<flood-{number}@x>\nERROR forged")
            return (
                f"From: {encoded(forged)} <eve@hostile.example>\r\n"
                f"To: {ALIAS}\r\n"
                "Subject: Flood\r\n"
                f"Message-Id: {message_id}\r\n"
                "References: <1-loop-detection-bounce-email@support.test>\r\n"
                "\r\n"
                "Flood\r\n"
            )

        with freeze_time("2031-05-05 10:00:00") as frozen:
            # logging.INFO: Odoo names its level 25 "INFO" too
            with self.assertLogs("odoo.addons.mail", level=logging.INFO) as logs:
                for number in range(LOG_BURST + 20):
                    self.assertFalse(self._process(hostile(number)))
            frozen.tick(61)
            with self.assertLogs("odoo.addons.mail", level=logging.INFO) as next_logs:
                self.assertFalse(self._process(hostile("next")))
        sites = Counter((record.pathname, record.lineno) for record in logs.records)
        # the References' line and the "Ignored mail from ..." line
        self.assertEqual(len(sites), 2, logs.output)
        self.assertEqual(set(sites.values()), {LOG_BURST})
        # the next minute, one line each saying how many were left out
        self.assertEqual(len(next_logs.records), 2, next_logs.output)
        for record in next_logs.records:
            self.assertIn(
                "(20 similar line(s) left out in the last 60 s)", record.getMessage()
            )
        for record in logs.records + next_logs.records:
            message = record.getMessage()
            self.assertFalse(any(char in message for char in "\n\r\x1b\u2028"), message)
        ignored = [line for line in logs.output if "Ignored mail from" in line]
        self.assertIn(
            "Eve\\u20282031-05-05 10:00:00,000 1 ERROR db odoo: forged\\x1b[31m",
            ignored[0],
        )
        self.assertIn("<flood-0@x>\\nERROR forged", ignored[0])
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_gateway_tracebacks_stay_on_one_line(self):
        """Mails no route accepts make Odoo's gateway raise, and the fetch logs the
        failure with its traceback ("Failed to process mail from ... server ...",
        exc_info): each failure is one line, the traceback's control characters
        escaped (the sender's name cannot forge a log line), and at most
        LOG_BURST such lines a minute (before: the traceback over 10 lines, the
        forged line raw)."""
        fetch_logger = logging.getLogger("odoo.addons.mail.models.fetchmail")
        forged = "\u20282031-05-05 10:00:00,000 1 ERROR db odoo: forged\x1b[31m"

        def hostile(number):
            return (
                f"From: {encoded('Eve' + forged)} <eve@hostile.example>\r\n"
                "To: nobody@elsewhere.example\r\n"
                "Subject: Nowhere\r\n"
                f"Message-Id: <trace-{number}@x>\r\n"
                "\r\n"
                "No alias takes this.\r\n"
            )

        def fetch(message):
            # what fetchmail.server.fetch_mail does with a message it cannot process
            try:
                self._process(message)
            except ValueError:
                fetch_logger.info(
                    "Failed to process mail from %s server %s.",
                    "imap",
                    "Support",
                    exc_info=True,
                )
            else:
                self.fail("a mail without a route was processed")

        with freeze_time("2031-05-05 10:00:00"):
            with self.assertLogs(fetch_logger, level=logging.INFO) as logs:
                for number in range(LOG_BURST + 20):
                    fetch(hostile(number))
        self.assertEqual(len(logs.records), LOG_BURST)
        # as the log handler writes them: message, then the traceback if any
        for line in logs.output:
            self.assertFalse(any(char in line for char in "\n\r\x1b\u2028"), line)
        first = logs.output[0]
        self.assertIn("Failed to process mail from imap server Support.", first)
        self.assertIn("Traceback (most recent call last):", first)
        self.assertIn(
            "ValueError: No possible route found for incoming message from", first
        )
        self.assertIn(
            "Eve\\u20282031-05-05 10:00:00,000 1 ERROR db odoo: forged\\x1b[31m",
            first,
        )

    def test_attachment_policy(self):
        # 10 MB is the limit (kept); executables are dropped as in the portal
        ten_mb = b"x" * (10 * 1024 * 1024)
        self._process(
            rfc822(
                "Bart Contact <contact_a@example.com>",
                "Big export",
                "The export is attached.",
                attachments=[
                    ("export.csv", ten_mb, "text/csv"),
                    ("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
                    ("page.html", b"<script>x</script>", "text/html"),
                ],
            )
        )
        ticket = self._tickets("Big export")
        names = ticket.message_ids.attachment_ids.mapped("name")
        self.assertEqual(names, ["export.csv"])
        self.assertEqual(ticket.message_ids.attachment_ids.file_size, 10 * 1024 * 1024)

    # -- replies --------------------------------------------------------------------
    def _mail_ticket(self, subject="Rapport leeg"):
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    subject,
                    "Het rapport is leeg.",
                    message_id=f"<{subject}@mail>",
                )
            )
        return self._tickets(subject)

    def _reply_while_waiting(self, subject, body, **kwargs):
        """A mail ticket (Mon 2 Nov 09:00) waits for the customer from 10:00; the
        customer's mail ``subject`` (``{number}`` = the ticket number) is received
        at 12:00."""
        ticket = self._mail_ticket()
        with freeze_time(ams(2026, 11, 2, 10)):
            ticket.stage_id = self.stage_waiting
        with freeze_time(ams(2026, 11, 2, 12)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    subject.format(number=ticket.number),
                    body,
                    **kwargs,
                )
            )
        return ticket

    def test_reply_date_header_resumes_at_the_customers_moment(self):
        # sent 11:57, received 12:00: the clock runs again from 11:57
        ticket = self._reply_while_waiting(
            "Re: [{number}] Rapport leeg",
            "Hier is de schermafdruk.",
            date=ams(2026, 11, 2, 11, 57),
            headers={"In-Reply-To": "<Rapport leeg@mail>"},
        )
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(ticket.sla_pause_ids.date_end, utc(2026, 11, 2, 10, 57))
        self.assertEqual(
            ticket.sla_last_customer_message_date, utc(2026, 11, 2, 10, 57)
        )

    def test_reply_from_the_future_counts_at_receipt(self):
        # no In-Reply-To: the ticket number in the subject files it
        ticket = self._reply_while_waiting(
            "Re: {number}", "Antwoord.", date=ams(2030, 1, 1, 12)
        )
        self.assertEqual(
            len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 2
        )
        self.assertEqual(ticket.sla_pause_ids.date_end, utc(2026, 11, 2, 11))
        self.assertEqual(ticket.sla_last_customer_message_date, utc(2026, 11, 2, 11))

    def test_auto_reply_does_not_resume(self):
        ticket = self._reply_while_waiting(
            "Automatisch antwoord: {number}",
            "Ik ben afwezig.",
            headers={
                "Auto-Submitted": "auto-replied",
                "In-Reply-To": "<Rapport leeg@mail>",
            },
        )
        self.assertTrue(ticket.sla_paused)
        self.assertEqual(ticket.stage_id, self.stage_waiting)

    def test_subject_number_as_the_ticket_sequence_pads_it(self):
        """A word of the subject is looked up as a ticket number when it has as
        many digits in a row as the ticket sequence pads numbers to: after the
        padding changes, the new numbers are found too."""
        ticket = self._mail_ticket()
        self.assertRegex(ticket.number, r"\d{5}")
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "helpdesk.ticket.sequence")]
        )
        sequence.padding = 2
        short = self._mail_ticket("Kort nummer")
        self.assertNotRegex(short.number, r"\d{5}")
        with freeze_time(ams(2026, 11, 2, 12)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    f"Nog steeds: {short.number}",
                    "Zelfde probleem.",
                )
            )
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    f"Ook nog: {ticket.number}",
                    "Ook dit.",
                )
            )
        self.assertFalse(self._tickets(f"Nog steeds: {short.number}"))
        self.assertFalse(self._tickets(f"Ook nog: {ticket.number}"))
        self.assertEqual(
            len(short.message_ids.filtered(lambda m: m.message_type == "email")), 2
        )
        self.assertEqual(
            len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 2
        )

    def test_reply_on_closed_ticket_reopens_or_opens_a_new_one(self):
        ticket = self._mail_ticket()
        with freeze_time(ams(2026, 11, 3, 10)):
            ticket.stage_id = self.stage_done
        with freeze_time(ams(2026, 11, 10, 10)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    f"Re: [{ticket.number}] Rapport leeg",
                    "Het is weer leeg.",
                    message_id="<again-1@mail>",
                )
            )
        self.assertFalse(ticket.stage_id.closed)
        # closed more than 14 days ago: a new ticket linking the old one
        with freeze_time(ams(2026, 11, 11, 10)):
            ticket.stage_id = self.stage_done
        with freeze_time(ams(2026, 11, 30, 10)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    f"Re: [{ticket.number}] Rapport leeg",
                    "En weer.",
                    message_id="<again-2@mail>",
                )
            )
        self.assertTrue(ticket.stage_id.closed)
        new = self.env["helpdesk.ticket"].search(
            [("support_previous_ticket_id", "=", ticket.id)]
        )
        self.assertEqual(len(new), 1)
        self.assertEqual(new.partner_id, self.contact_a.partner_id)
        self.assertEqual(new.team_id, self.team_tulpen)

    # -- routing ----------------------------------------------------------------------
    def test_critical_assigns_on_duty_and_notifies_team(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.key_user_a)
            .sudo()
            .create(
                self._ticket_vals(
                    "Production down",
                    self.key_user_a.partner_id,
                    sla_emergency=True,
                )
            )
        )
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self.assertEqual(ticket.user_id, self.agent_on_duty)
        notice = ticket.message_ids.filtered(
            lambda m: self.agent.partner_id in m.partner_ids
        )
        self.assertTrue(notice)

    def test_backend_ticket_assigns_internal_team_member_only(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(self._ticket_vals("Phone call", self.key_user_a.partner_id))
        )
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(len(self._ack(ticket)), 1)
        portal_ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.contact_a)
            .sudo()
            .create(self._ticket_vals("Portal form", self.contact_a.partner_id))
        )
        self.assertFalse(portal_ticket.user_id)
        # the reporter writing in the portal is the current user: mailed all the
        # same (Odoo leaves the author out of a message's recipients)
        self.assertEqual(len(self._ack(portal_ticket)), 1)

    def test_backend_ticket_without_contract_keeps_helpdesk_mgmt_team_rule(self):
        """No contract, not by mail: neither triage nor the default team; the
        assignee's first team (helpdesk_mgmt), and the creator is auto-assigned."""
        internal = self.env["helpdesk.ticket"].with_user(self.agent)
        ticket = internal.create({"name": "Printer jam", "description": "Jam."})
        self.assertFalse(ticket.support_contract_id)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        # auto-assign off, no team given: no team at all, as in helpdesk_mgmt
        self.company.helpdesk_mgmt_ticket_auto_assign = False
        ticket = internal.create({"name": "Desk lamp", "description": "Broken."})
        self.assertFalse(ticket.user_id)
        self.assertFalse(ticket.team_id)
        # a customer's ticket without contract team still gets the default team
        ticket = internal.create(
            self._ticket_vals("Timber export", self.portal_b.partner_id)
        )
        self.assertEqual(ticket.team_id, self.team_default)

    def test_reply_closing_rule_on_the_reply_does_not_reopen(self):
        """A stage rule that closes the ticket on the customer's reply itself (as
        helpdesk_ticket_partner_response does) is not undone by the reopening of
        closed tickets; a ticket closed before the reply reopens."""
        ticket = self._mail_ticket()
        with freeze_time(ams(2026, 11, 3, 10)):
            ticket.stage_id = self.stage_done
            ticket._sla_customer_replied(None)
            self.assertTrue(ticket.stage_id.closed)
        with freeze_time(ams(2026, 11, 3, 10, 5)):
            ticket._sla_customer_replied(None)
            self.assertFalse(ticket.stage_id.closed)

    def test_reply_closing_rule_a_second_later_does_not_reopen(self):
        """The rule closes the ticket on the reply at 10:00:00.9 (closed_date
        10:00:00); the reopening runs at 10:00:01.2, a second later by the clock,
        and leaves it closed: it compares with the moment the reply arrived
        (10:00:00.5), not with its own. A mail arriving later reopens it."""
        ticket = self._mail_ticket()
        with freeze_time(ams(2026, 11, 3, 10) + timedelta(seconds=0.5)) as clock:
            arrived = ticket.with_context(**{REPLY_ARRIVAL_KEY: fields.Datetime.now()})
            clock.tick(0.4)
            ticket.stage_id = self.stage_done
            clock.tick(0.3)
            arrived._sla_customer_replied(None)
            self.assertTrue(ticket.stage_id.closed)
        with freeze_time(ams(2026, 11, 3, 10, 5)):
            self._process(
                rfc822(
                    "Bart Contact <contact_a@example.com>",
                    f"Re: [{ticket.number}] Rapport leeg",
                    "Nog steeds leeg.",
                )
            )
        self.assertFalse(ticket.stage_id.closed)

    def test_unknown_sender_at_a_customers_domain(self):
        """Matched by the customer's own domain when the company allows it: a new
        contact of that customer, its contract, team and acknowledgement."""
        self.customer_a.website = "https://www.tulpen.test"
        mail = rfc822(
            "Nieuwe Collega <nieuw@Tulpen.test>", "Scanner kapot", "Hij doet niets."
        )
        self._process(mail)
        ticket = self._tickets("Scanner kapot")
        self.assertFalse(ticket.support_contract_id)
        self.assertEqual(ticket.team_id, self.team_triage)
        self.company.support_match_sender_domain = True
        with freeze_time(ams(2026, 11, 2, 9)):
            self._process(
                rfc822(
                    "Nieuwe Collega <nieuw@tulpen.test>",
                    "Printer kapot",
                    "Hij print niets.",
                )
            )
        ticket = self._tickets("Printer kapot")
        self.assertEqual(ticket.partner_id.parent_id, self.customer_a)
        self.assertEqual(ticket.partner_id.name, "Nieuwe Collega")
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self.assertTrue(ticket.sla_response_deadline)
        self.assertEqual(len(self._ack(ticket)), 1)
        # a domain two customers share (or a mail provider's) matches nobody
        self.customer_b.email = "info@tulpen.test"
        self._process(rfc822("Iemand <iemand@tulpen.test>", "Wie ben ik", "Onbekend."))
        ticket = self._tickets("Wie ben ik")
        self.assertFalse(ticket.support_contract_id)
        self.assertEqual(ticket.team_id, self.team_triage)
        self.assertFalse(ticket.partner_id.parent_id)

    def test_customer_alias_default_contact_keeps_a_known_sender(self):
        """A per-customer alias whose default contact is the customer: a known
        sender stays the ticket's contact, an unknown one gets the customer."""
        self.team_tulpen.write(
            {
                "alias_name": "tulpen",
                "alias_defaults": repr({"partner_id": self.customer_a.id}),
            }
        )
        self._process(
            rfc822(
                "Bart Contact <contact_a@example.com>",
                "Via eigen adres",
                "Test.",
                to="tulpen@support.test",
            )
        )
        ticket = self._tickets("Via eigen adres")
        self.assertEqual(ticket.partner_id, self.contact_a.partner_id)
        self.assertEqual(ticket.team_id, self.team_tulpen)
        self._process(
            rfc822(
                "Onbekend <onbekend@elders.test>",
                "Zonder contact",
                "Test.",
                to="tulpen@support.test",
            )
        )
        ticket = self._tickets("Zonder contact")
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.support_contract_id, self.contract_a)

    def test_demo_tickets_have_teams_and_the_demo_an_alias_domain(self):
        """The demo works by mail: an alias domain, and every demo ticket of the
        suite has its team (tests run on a database with the demo data)."""
        demo = self.env["ir.model.data"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("module", "in", ["support_contract", "support_sla", "support_portal"]),
            ]
        )
        tickets = self.env["helpdesk.ticket"].browse(demo.mapped("res_id")).exists()
        if not tickets:
            self.fail("no demo ticket: the suite's demo data is missing")
        self.assertFalse(tickets.filtered(lambda t: not t.team_id).mapped("name"))
        self.assertTrue(
            self.env.ref("support_portal.mail_alias_domain_support_demo").name
        )

    # -- expected miss ----------------------------------------------------------------
    def test_expected_resolution_is_told_and_a_breach_without_notice_too(self):
        """Staff tell the reporter the new expected resolution time (in Dutch,
        Amsterdam time); at the breach, a reporter nobody told is told
        automatically, the one told is not told again. Both mails are in the
        chatter. Resolution targets: Tue 3 Nov 17:00."""
        told = self._mail_ticket("Rapport leeg")
        untold = self._mail_ticket("Export traag")
        Message = self.env["mail.message"]
        with freeze_time(ams(2026, 11, 3, 15)):
            with self.assertRaises(UserError):
                told.with_user(self.agent).action_support_tell_expected_resolution()
            told.support_expected_resolution_date = ams(2026, 11, 4, 12)
            told.with_user(self.agent).action_support_tell_expected_resolution()
        self.assertTrue(told.support_delay_notified_date)
        with self.assertRaises(AccessError):
            told.with_user(self.agent).support_delay_notified_date = False
        notice = Message.search(
            [("res_id", "=", told.id), ("subject", "ilike", "verwachte")]
        )
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.contact_a.partner_id)
        text = html_text(notice.body)
        self.assertIn("04-11-2026 12:00:00 (Europe/Amsterdam)", text)
        self.assertIn(told.number, text)
        with freeze_time(ams(2026, 11, 4, 9)):
            tickets = told | untold
            tickets._sla_recompute()
            self.assertEqual(set(tickets.mapped("sla_resolution_status")), {"breached"})
            tickets._sla_notify(ams(2026, 11, 4, 9))
            # a second run tells nobody again
            tickets._sla_notify(ams(2026, 11, 4, 9))
        late = Message.search(
            [("res_id", "in", tickets.ids), ("subject", "ilike", "duurt langer")]
        )
        self.assertEqual(late.mapped("res_id"), [untold.id])
        self.assertEqual(late.partner_ids, self.contact_a.partner_id)
        self.assertIn("03-11-2026 17:00:00 (Europe/Amsterdam)", html_text(late.body))
        self.assertTrue(untold.support_delay_notified_date)
        self.assertTrue(
            self.env["mail.mail"].search([("mail_message_id", "in", late.ids)])
        )
        # the evaluation's breach list says when each reporter was told (a quarter
        # is evaluated once it has ended)
        with freeze_time(ams(2027, 1, 5, 9)):
            evaluation = self.env["support.sla.evaluation"].create(
                {"contract_id": self.contract_a.id, "year": 2026, "quarter": "4"}
            )
        html = html_text(
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "support_sla.action_report_sla_evaluation", evaluation.ids
            )[0]
            .decode()
        )
        self.assertIn("Reporter told", html)
        self.assertIn(told.number, html)
        self.assertIn(untold.number, html)
