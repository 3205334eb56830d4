# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Evaluations that count: a quarter evaluated once it has ended (in the company's
time zone) for a contract that ran in it, the meeting recorded (date, participants,
outcome, agreed improvements as activities), the figures frozen, objections within
the period, the PDF sent to the key users in their language."""

import re
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc_date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import html2plaintext
from odoo.tools.safe_eval import safe_eval

from .common import SlaTicketCommon, ams


@tagged("post_install", "-at_install")
class TestSlaEvaluationMeeting(SlaTicketCommon):
    """Company in Europe/Amsterdam. Contract Light (customer "Customer Ltd",
    key users Kees (Dutch) and Karin (English)); Q4 2026 runs from Thu 1 Oct
    2026 00:00 CEST (30 Sep 22:00 UTC) to Fri 1 Jan 2027 00:00 CET (31 Dec
    23:00 UTC).

    Tickets: "Edge first" Thu 1 Oct 2026 00:30 Amsterdam (30 Sep 22:30 UTC),
    "Edge last" Thu 31 Dec 2026 23:30 Amsterdam (22:30 UTC), "Next year" Fri 1
    Jan 2027 00:30 Amsterdam (31 Dec 23:30 UTC), "Before" Wed 30 Sep 2026 23:30
    Amsterdam (21:30 UTC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Amsterdam"
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.customer = cls.contract_light.partner_id
        cls.kees, cls.karin = cls.env["res.partner"].create(
            [
                {
                    "name": "Kees Key User",
                    "parent_id": cls.customer.id,
                    "email": "kees@customer.example.com",
                    "lang": "nl_NL",
                },
                {
                    "name": "Karin Key User",
                    "parent_id": cls.customer.id,
                    "email": "karin@customer.example.com",
                    "lang": "en_US",
                },
            ]
        )
        cls.contract_light.key_user_ids = cls.kees | cls.karin
        for name, moment in (
            ("Before", ams(2026, 9, 30, 23, 30)),
            ("Edge first", ams(2026, 10, 1, 0, 30)),
            ("Edge last", ams(2026, 12, 31, 23, 30)),
            ("Next year", ams(2027, 1, 1, 0, 30)),
        ):
            with freeze_time(moment):
                cls._ticket(name=name)
                cls.env.flush_all()
        with freeze_time("2027-01-05 10:00:00"):
            cls.evaluation = cls.env["support.sla.evaluation"].create(
                {"contract_id": cls.contract_light.id, "year": 2026, "quarter": "4"}
            )

    def _discuss(self, outcome="positive", day="2027-01-12", improvements=()):
        self.evaluation.write(
            {
                "participant_partner_ids": [Command.set(self.kees.ids)],
                "participant_user_ids": [Command.set(self.agent.ids)],
                "outcome": outcome,
                "discussed_date": day,
                "improvement_ids": [Command.create(vals) for vals in improvements],
            }
        )
        with freeze_time(f"{day} 15:00:00"):
            self.evaluation.action_done()

    # ------------------------------------------------------------------
    # the period
    # ------------------------------------------------------------------
    def test_quarter_starts_and_ends_at_midnight_in_amsterdam(self):
        """Q4 holds the tickets of 1 Oct 00:30 and 31 Dec 23:30 Amsterdam, not
        those of 30 Sep 23:30 and 1 Jan 00:30 (midnight UTC put 1 Oct 00:30 in
        Q3 and 1 Jan 00:30 in Q4)."""
        tickets = self.evaluation._get_tickets()
        self.assertEqual(sorted(tickets.mapped("name")), ["Edge first", "Edge last"])
        self.assertEqual(self.evaluation.ticket_count, 2)
        self.assertEqual(
            self.evaluation._period_bounds(),
            (ams(2026, 10, 1), ams(2027, 1, 1)),
        )

    def test_only_a_quarter_that_has_ended(self):
        Evaluation = self.env["support.sla.evaluation"]
        vals = {"contract_id": self.contract_ps.id, "year": 2026, "quarter": "4"}
        # the last day of the quarter, 23:00 in Amsterdam: refused
        with (
            freeze_time(ams(2026, 12, 31, 23, 0)),
            self.assertRefused(ValidationError, "evaluated from the day after"),
        ):
            Evaluation.create(vals)
        self.assertFalse(Evaluation.search([("contract_id", "=", self.contract_ps.id)]))
        # 00:30 on 1 January in Amsterdam (still 31 December in UTC): allowed
        with freeze_time(ams(2027, 1, 1, 0, 30)):
            evaluation = Evaluation.create(vals)
        self.assertEqual(evaluation.date_to, date(2026, 12, 31))

    def test_only_a_contract_that_ran_in_the_quarter(self):
        later = self._create_contract(
            partner=self.env["res.partner"].create({"name": "Later Co"}),
            date_start="2027-01-01",
        )
        later.action_activate()
        Evaluation = self.env["support.sla.evaluation"]
        with (
            freeze_time("2027-01-05 08:00:00"),
            self.assertRefused(ValidationError, "did not run in Q4 2026"),
        ):
            Evaluation.create({"contract_id": later.id, "year": 2026, "quarter": "4"})
        # the quarterly action drafts none for it (it did, with a fair-use flag)
        with freeze_time("2027-01-05 08:00:00"):
            Evaluation._cron_create_evaluations()
        evaluations = Evaluation.search([("year", "=", 2026), ("quarter", "=", "4")])
        self.assertIn(self.contract_ps, evaluations.contract_id)
        self.assertNotIn(later, evaluations.contract_id)

    # ------------------------------------------------------------------
    # the meeting
    # ------------------------------------------------------------------
    def test_discussed_needs_the_meeting(self):
        evaluation = self.evaluation
        with (
            freeze_time("2027-01-12 15:00:00"),
            self.assertRefused(UserError, "key users took part"),
        ):
            evaluation.action_done()
        self.assertEqual(evaluation.state, "draft")
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        evaluation.write(
            {
                "participant_partner_ids": [Command.set(stranger.ids)],
                "outcome": "negative",
            }
        )
        with (
            freeze_time("2027-01-12 15:00:00"),
            self.assertRefused(UserError, "Stranger: not a key user"),
        ):
            evaluation.action_done()
        evaluation.participant_partner_ids = self.kees
        with (
            freeze_time("2027-01-12 15:00:00"),
            self.assertRefused(UserError, "agreed improvements"),
        ):
            evaluation.action_done()
        # a meeting date inside the quarter or in the future is refused
        for day in ("2026-12-31", "2027-01-13"):
            evaluation.discussed_date = day
            with (
                freeze_time("2027-01-12 15:00:00"),
                self.subTest(day=day),
                self.assertRefused(UserError, "must lie after the quarter"),
            ):
                evaluation.action_done()
        self.assertEqual(evaluation.state, "draft")
        self.assertFalse(evaluation.improvement_ids)
        with self.assertRefused(ValidationError, "must lie after the evaluated"):
            evaluation.improvement_ids = [
                Command.create(
                    {"name": "Late", "user_id": self.agent.id, "deadline": "2026-12-01"}
                )
            ]

    def test_negative_outcome_follows_the_improvements(self):
        self._discuss(
            outcome="negative",
            improvements=[
                {
                    "name": "Answer Critical calls within the hour",
                    "user_id": self.agent.id,
                    "deadline": "2027-02-01",
                },
                {
                    "name": "Train the new key users",
                    "user_id": self.leader.id,
                    "deadline": "2027-03-01",
                },
            ],
        )
        evaluation = self.evaluation
        self.assertEqual(evaluation.state, "done")
        self.assertEqual(evaluation.discussed_date, date(2027, 1, 12))
        self.assertEqual(evaluation.participant_partner_ids, self.kees)
        self.assertEqual(evaluation.participant_user_ids, self.agent)
        # seven days to object, the meeting day not counted
        self.assertEqual(evaluation.objection_deadline, date(2027, 1, 19))
        activities = evaluation.activity_ids.sorted("date_deadline")
        self.assertEqual(
            [(a.summary, a.user_id, a.date_deadline) for a in activities],
            [
                (
                    "Answer Critical calls within the hour",
                    self.agent,
                    date(2027, 2, 1),
                ),
                ("Train the new key users", self.leader, date(2027, 3, 1)),
            ],
        )
        self.assertEqual(
            evaluation.improvement_ids.activity_id, evaluation.activity_ids
        )

    def test_figures_frozen_once_discussed(self):
        evaluation = self.evaluation
        self.assertEqual(evaluation.ticket_count, 2)
        # a ticket of the quarter recorded late: a draft's figures follow on refresh
        with freeze_time(ams(2026, 11, 20, 10)):
            late = self._ticket(name="Recorded late")
            self.env.flush_all()
        evaluation.action_refresh_figures()
        self.assertEqual(evaluation.ticket_count, 3)
        self._discuss()
        figures = evaluation.read(
            ["ticket_count", "breach_count", "response_measured", "figures_snapshot"]
        )
        html_before = self._report_html()
        # afterwards: another ticket and a breach in the quarter, a ticket moved
        with freeze_time(ams(2026, 11, 23, 10)):
            printer = self._ticket(name="Printer on fire")
            self.env["support.sla.breach"].create(
                {
                    "ticket_id": printer.id,
                    "contract_id": self.contract_light.id,
                    "target": "response",
                    "deadline": ams(2026, 11, 23, 12),
                    "priority_id": self.p_high.id,
                    "cause": "Toner everywhere",
                }
            )
            late.support_contract_id = self.contract_ps
            self.env.flush_all()
        evaluation.invalidate_recordset()
        self.assertEqual(
            evaluation.read(
                [
                    "ticket_count",
                    "breach_count",
                    "response_measured",
                    "figures_snapshot",
                ]
            ),
            figures,
        )
        with self.assertRefused(UserError, "frozen"):
            evaluation.action_refresh_figures()
        # the cron of a later quarter or a manager's correction of the advice
        # does not recompute them either
        evaluation.advice = "<p>Corrected advice</p>"
        self.assertEqual(evaluation.ticket_count, 3)
        html_after = self._report_html()
        self.assertNotIn("Toner everywhere", html_after)
        self.assertEqual(
            html_before.count("Recorded late"), html_after.count("Recorded late")
        )

    def _report_html(self):
        return self._evaluation_report(self.evaluation)

    def test_pdf_times_name_their_zone(self):
        """Every time the evaluation prints is in the company's zone and names it,
        whatever the printing user's zone (Stockholm here): the breach deadline
        23 November 12:00 Amsterdam (11:00 UTC), the figures of 5 January
        11:00 Amsterdam (10:00 UTC)."""
        self.env.user.tz = "Europe/Stockholm"
        ticket = self.evaluation._get_tickets()[:1]
        self.env["support.sla.breach"].create(
            {
                "ticket_id": ticket.id,
                "contract_id": self.contract_light.id,
                "target": "response",
                "deadline": ams(2026, 11, 23, 12),
                "priority_id": self.p_high.id,
                "cause": "Toner everywhere",
            }
        )
        with freeze_time("2027-01-05 10:00:00"):
            self.evaluation.action_refresh_figures()
        text = re.sub(r"\s+", " ", html2plaintext(self._report_html()))
        self.assertIn("11/23/2026 12:00:00 PM (Europe/Amsterdam)", text)
        self.assertIn("01/05/2027 11:00:00 AM (Europe/Amsterdam)", text)
        # moments (a date and a time), not durations ("15:00" hours reserved)
        times = re.findall(
            r"\d{2}/\d{2}/\d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: [AP]M)?( \([\w/]+\))?",
            text,
        )
        self.assertGreaterEqual(len(times), 2)
        self.assertEqual(set(times), {" (Europe/Amsterdam)"})

    # ------------------------------------------------------------------
    # objections
    # ------------------------------------------------------------------
    def test_objection_within_the_period(self):
        self._discuss(outcome="positive")
        evaluation = self.evaluation
        with (
            freeze_time("2027-01-15 10:00:00"),
            self.assertRefused(AccessError, "Only the contract's key users"),
        ):
            evaluation._object(self.contact_ps, "Not mine")
        with (
            freeze_time("2027-01-15 10:00:00"),
            self.assertRefused(UserError, "Write what you object to"),
        ):
            evaluation._object(self.karin, "   ")
        with freeze_time("2027-01-19 20:00:00"):  # the last day, 21:00 Amsterdam
            objection = evaluation._object(
                self.karin, "The breach of 5 November was our planned maintenance."
            )
        self.assertEqual(objection.partner_id, self.karin)
        self.assertEqual(evaluation.objection_ids, objection)
        self.assertFalse(evaluation.outcome)  # reopened, to decide again
        self.assertEqual(evaluation.state, "done")
        message = evaluation.message_ids[:1]
        self.assertIn("Objection by Karin Key User", message.body)
        self.assertIn("planned maintenance", message.body)
        self.assertEqual(message.author_id, self.karin)
        self.assertIn(
            "Objection: decide the outcome again",
            evaluation.activity_ids.mapped("summary"),
        )
        # after the seventh day (23:30 UTC = 00:30 on the 20th in Amsterdam)
        evaluation.outcome = "positive"  # (the manager decided again)
        with (
            freeze_time("2027-01-19 23:30:00"),
            self.assertRefused(UserError, "possible until 01/19/2027"),
        ):
            evaluation._object(self.kees, "Too late")
        self.assertEqual(evaluation.objection_ids, objection)
        self.assertEqual(evaluation.outcome, "positive")

    def _reply_by_mail(self, sent, sender, text, moment):
        """A reply to the evaluation mail ``sent``, through the mail gateway."""
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = "evaluations@provider.example.com"
        mail["Subject"] = f"Re: {sent.subject or self.evaluation.name}"
        mail["Message-ID"] = f"<reply-{moment}-{sender}@customer.example.com>"
        mail["In-Reply-To"] = sent.message_id
        mail["References"] = sent.message_id
        mail["Date"] = rfc_date(datetime.fromisoformat(moment).replace(tzinfo=UTC))
        mail.set_content(text)
        with freeze_time(moment):
            self.env["mail.thread"].message_process(False, mail.as_string())

    def _negative_and_sent(self):
        self._discuss(
            outcome="negative",
            improvements=[
                {
                    "name": "Answer Critical tickets within 10 minutes",
                    "user_id": self.agent.id,
                    "deadline": "2027-03-31",
                }
            ],
        )
        with freeze_time("2027-01-12 16:00:00"):
            self.evaluation.action_send()
        return self.evaluation.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.karin in m.partner_ids
        )

    def test_objection_by_mail_within_the_period(self):
        """Karin replies to the evaluation mail on the seventh day (19 January,
        21:00 Amsterdam): an objection in writing, as in the portal; the
        outcome is reopened and the mail logged in the chatter."""
        sent = self._negative_and_sent()
        self._reply_by_mail(
            sent,
            "Karin Key User <karin@customer.example.com>",
            "We object: the outage of 5 November was planned maintenance.",
            "2027-01-19 20:00:00",
        )
        evaluation = self.evaluation
        objection = evaluation.objection_ids
        self.assertEqual(objection.partner_id, self.karin)
        self.assertIn("planned maintenance", objection.text)
        self.assertFalse(evaluation.outcome)
        reply = evaluation.message_ids.filtered(
            lambda m: "planned maintenance" in (m.body or "")
        )
        self.assertEqual(reply.author_id, self.karin)
        self.assertEqual(reply.message_type, "email")
        self.assertTrue(
            evaluation.message_ids.filtered(
                lambda m: "Objection by Karin Key User (outcome Negative reopened)"
                in (m.body or "")
            )
        )
        self.assertIn(
            "Objection: decide the outcome again",
            evaluation.activity_ids.mapped("summary"),
        )

    def test_reply_after_the_period_is_only_logged(self):
        """After the seventh day (00:30 on 20 January in Amsterdam), and from
        someone who is no key user within it: the reply is logged in the
        chatter, no objection, the outcome stays negative."""
        self.contact_ps.email = "piet@priority.example.com"
        sent = self._negative_and_sent()
        self._reply_by_mail(
            sent,
            "Karin Key User <karin@customer.example.com>",
            "Too late: we object all the same.",
            "2027-01-19 23:30:00",
        )
        self._reply_by_mail(
            sent,
            "Piet Key User <piet@priority.example.com>",
            "Not my contract, but I object.",
            "2027-01-15 10:00:00",
        )
        evaluation = self.evaluation
        self.assertFalse(evaluation.objection_ids)
        self.assertEqual(evaluation.outcome, "negative")
        for text in ("Too late", "Not my contract"):
            self.assertTrue(
                evaluation.message_ids.filtered(lambda m, t=text: t in (m.body or ""))
            )
        self.assertNotIn(
            "Objection: decide the outcome again",
            evaluation.activity_ids.mapped("summary"),
        )

    def test_objection_period_is_the_company_setting(self):
        self.company.sla_objection_days = 14
        self._discuss()
        self.assertEqual(self.evaluation.objection_deadline, date(2027, 1, 26))
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.company.sla_objection_days = -1

    def test_objection_before_the_meeting(self):
        with (
            freeze_time("2027-01-10 10:00:00"),
            self.assertRefused(UserError, "not been discussed yet"),
        ):
            self.evaluation._object(self.kees, "Early")
        self.assertFalse(self.evaluation.objection_ids)

    # ------------------------------------------------------------------
    # sending, PDF
    # ------------------------------------------------------------------
    def test_send_to_the_key_users_in_their_language(self):
        with self.assertRefused(UserError, "once it has been discussed"):
            self.evaluation.action_send()
        self._discuss()
        # (tests render reports as HTML unless told to print)
        self.evaluation.with_context(force_report_rendering=True).action_send()
        messages = self.evaluation.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(messages), 2)
        by_partner = {m.partner_ids: m for m in messages}
        self.assertEqual(set(by_partner), {self.kees, self.karin})
        for partner, message in by_partner.items():
            with self.subTest(partner=partner.name):
                # the file is named in the key user's language too ("SLA-evaluatie
                # 2026-Q4 - Customer Ltd.pdf" for Kees where Dutch is loaded)
                name = self.evaluation.with_context(
                    lang=partner.lang
                )._get_report_base_filename()
                self.assertEqual(message.attachment_ids.mapped("name"), [f"{name}.pdf"])
                self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(
            by_partner[self.karin].attachment_ids.name,
            "SLA evaluation 2026-Q4 - Customer Ltd.pdf",
        )
        # each in their language: the meeting date as the key user writes it
        self.assertIn("01/12/2027", by_partner[self.karin].body)
        self.assertIn("12-01-2027", by_partner[self.kees].body)

    def test_pdf_layout_and_file_name(self):
        self.customer.name = "Tulip Trading B.V."
        self.evaluation.invalidate_recordset()
        self.assertEqual(
            self.evaluation._get_report_base_filename(),
            "SLA evaluation 2026-Q4 - Tulip Trading B.V",
        )
        self.company.write(
            {
                "external_report_layout_id": self.env.ref(
                    "web.external_layout_standard"
                ).id,
                "report_footer": "Registered in Utrecht, KvK 12345678",
            }
        )
        html = self._report_html()
        # Odoo's external layout: the company's header and footer
        self.assertIn("o_company_%s_layout" % self.company.id, html)
        self.assertIn("Registered in Utrecht, KvK 12345678", html)
        self._discuss()
        pdf, kind = self._evaluation_report(self.evaluation, pdf=True)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # the name the back office's Print gives the file (+ ".pdf")
        report = self.env.ref("support_sla.action_report_sla_evaluation")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.evaluation}),
            "SLA evaluation 2026-Q4 - Tulip Trading B.V",
        )
