# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

import lxml.html
from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin, html_text


@tagged("post_install", "-at_install")
class TestTicketPortal(HttpCase, SupportPortalMixin):
    """Ticket list, ticket page, confirm and reopen, submission from the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.ticket_a_key.write(
            {
                "support_ticket_type_id": cls.type_defect.id,
                "sla_row_value_id": cls.impact_multiple.id,
                "sla_column_value_id": cls.urgency_high.id,
            }
        )
        cls.ticket_a_other.stage_id = cls.stage_waiting
        cls.ticket_a_followed.stage_id = cls.stage_resolved
        cls.ticket_a_contact.stage_id = cls.stage_done
        # came in on Monday 5 January 2026 09:00 UTC: every target long missed
        cls.ticket_a_breached = cls.env["helpdesk.ticket"].create(
            cls._ticket_vals(
                "Old breach",
                cls.key_user_a.partner_id,
                sla_start_date="2026-01-05 09:00",
            )
        )

    def _list(self, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        response = self.url_open(f"/my/tickets?{query}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _post(self, url, data=None, files=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            url, data=data, files=files, allow_redirects=False, method="POST"
        )

    # List

    def test_list_columns(self):
        self.assertEqual(self.ticket_a_key.sla_priority_id, self.p_high)
        self.assertEqual(self.ticket_a_key.sla_status, "on_track")
        self.assertEqual(self.ticket_a_breached.sla_status, "breached")
        self.authenticate("key_user_a", "key_user_a")
        html = self._list()
        for text in (
            "Next Deadline",
            "Portal test defect",
            "o_support_sla_on_track",
            "o_support_sla_breached",
        ):
            self.assertIn(text, html)
        self.assertIn("Deadlines in Europe/Amsterdam", html_text(html))

    def test_list_has_a_cell_under_every_column(self):
        """Rows of tickets without a next deadline (met, breached) keep their cells
        under their headings: an empty deadline cell shifted the dates one column
        to the left."""
        self.assertEqual(self.ticket_a_breached.sla_status, "breached")
        self.assertFalse(self.ticket_a_breached.sla_next_deadline)
        self.authenticate("key_user_a", "key_user_a")
        page = lxml.html.fromstring(self._list())
        headings = page.xpath("//table/thead/tr/th")
        self.assertEqual(headings[8].text_content().strip(), "Next Deadline")
        rows = page.xpath("//table/tbody/tr")
        self.assertGreater(len(rows), 1)
        for row in rows:
            cells = row.xpath("./td")
            self.assertEqual(len(cells), len(headings), cells[1].text_content().strip())
        breached = page.xpath(
            f"//table/tbody/tr[td[2]//text()='{self.ticket_a_breached.number}']"
        )[0]
        self.assertEqual(breached.xpath("./td")[8].text_content().strip(), "")
        self.assertIn(
            "o_support_sla_breached",
            lxml.html.tostring(breached.xpath("./td")[7]).decode(),
        )

    def test_list_days_and_contact_as_the_field_converters_print_them(self):
        """The list prints its contact and days as text it formats once per page:
        the same text as helpdesk_mgmt's field converters (the contact's name;
        the day in the zone of the deadlines, Europe/Amsterdam), and no cell text
        where there is no value. Created Sat 28 March 2026 23:30 UTC, which is
        Sunday 29 March 00:30 in Amsterdam (the night the clocks go forward):
        the list says the 29th. Stage changed Sun 29 March 22:30 UTC, 00:30 CEST
        on Monday the 30th; closed on Tuesday 31 March 12:00 UTC."""
        ticket = self.ticket_a_key
        self.env.cr.execute(
            """UPDATE helpdesk_ticket SET create_date = '2026-03-28 23:30:00',
                   last_stage_update = '2026-03-29 22:30:00',
                   closed_date = '2026-03-31 12:00:00' WHERE id = %s""",
            [ticket.id],
        )
        ticket.invalidate_recordset()
        other = self.ticket_a_other
        self.assertFalse(other.closed_date)
        self.assertEqual(self.key_user_a.tz, "Europe/Amsterdam")
        self.authenticate("key_user_a", "key_user_a")
        page = lxml.html.fromstring(self._list())
        headings = [
            th.text_content().strip() for th in page.xpath("//table/thead/tr/th")
        ]
        converter = self.env["ir.qweb.field.datetime"].with_context(lang="en_US")
        options = {"date_only": True, "tz_name": "Europe/Amsterdam"}

        def cells(record):
            row = page.xpath(f"//table/tbody/tr[td[2]//text()='{record.number}']")[0]
            return dict(zip(headings, row.xpath("./td"), strict=True))

        row = cells(ticket)
        for heading, value, day in (
            ("Create Date", ticket.create_date, "03/29/2026"),
            ("Last Stage Update", ticket.last_stage_update, "03/30/2026"),
            ("Close Date", ticket.closed_date, "03/31/2026"),
        ):
            with self.subTest(heading=heading):
                self.assertEqual(row[heading].text_content().strip(), day)
                self.assertEqual(day, converter.value_to_html(value, options))
        self.assertEqual(
            row["By"].text_content().strip(), ticket.partner_id.sudo().display_name
        )
        self.assertEqual(row["Title"].text_content().strip(), ticket.name)
        # no closing day: an empty cell, without an empty element in it
        self.assertFalse(cells(other)["Close Date"].getchildren())

    def test_type_and_priority_names_follow_their_changes(self):
        """The list and the ticket page print the ticket's type and priority from
        names cached per process: a type created after the cache was filled, a
        renamed priority and a translation updated show at once."""
        ticket = self.ticket_a_key
        self.authenticate("key_user_a", "key_user_a")

        def texts():
            page = lxml.html.fromstring(self._list())
            headings = [
                th.text_content().strip() for th in page.xpath("//table/thead/tr/th")
            ]
            row = page.xpath(f"//table/tbody/tr[td[2]//text()='{ticket.number}']")[0]
            cells = dict(zip(headings, row.xpath("./td"), strict=True))
            html = html_text(self.url_open(f"/my/ticket/{ticket.id}").text)
            return (
                cells["Type"].text_content().strip(),
                cells["Priority"].text_content().strip(),
                html,
            )

        type_name, priority_name, html = texts()
        self.assertEqual(type_name, ticket.support_ticket_type_id.name)
        self.assertEqual(priority_name, ticket.sla_priority_id.name)
        self.assertIn(f"Type: {type_name}", html)
        self.assertIn(f"Priority: {priority_name}", html)
        # a type created once the names are cached
        migration = self.env["support.ticket.type"].create(
            {"name": "Data migration", "code": "MIG-PORTAL"}
        )
        ticket.support_ticket_type_id = migration
        # the priority renamed, then its English name translated anew
        ticket.sla_priority_id.name = "Urgent"
        type_name, priority_name, html = texts()
        self.assertEqual((type_name, priority_name), ("Data migration", "Urgent"))
        self.assertIn("Type: Data migration", html)
        self.assertIn("Priority: Urgent", html)
        ticket.sla_priority_id.update_field_translations(
            "name", {"en_US": "Urgent (business stops)"}
        )
        migration.update_field_translations("name", {"en_US": "Data import"})
        type_name, priority_name, html = texts()
        self.assertEqual(
            (type_name, priority_name), ("Data import", "Urgent (business stops)")
        )
        self.assertIn("Priority: Urgent (business stops)", html)

    def test_list_filters(self):
        self.authenticate("key_user_a", "key_user_a")
        expected = {
            "support_open": self.tickets_a
            - self.ticket_a_contact
            + self.ticket_a_breached,
            "support_waiting_us": self.ticket_a_key | self.ticket_a_breached,
            "support_waiting_you": self.ticket_a_other | self.ticket_a_followed,
            "support_breached": self.ticket_a_breached,
        }
        every = self.tickets_a | self.ticket_a_breached
        for key, tickets in expected.items():
            with self.subTest(filterby=key):
                html = self._list(filterby=key)
                for ticket in every:
                    if ticket in tickets:
                        self.assertIn(ticket.name, html)
                    else:
                        self.assertNotIn(ticket.name, html)
        # the filters are offered, and helpdesk_mgmt's stage filters still work
        html = self._list(filterby=str(self.stage_waiting.id))
        self.assertIn("Waiting for us", html)
        self.assertIn(self.ticket_a_other.name, html)
        self.assertNotIn(self.ticket_a_key.name, html)

    def test_list_unknown_parameters_fall_back_to_the_default(self):
        """A hand-edited list address shows the default list (an unknown sortby or
        groupby answered 500, and so did a date that is not one)."""
        self.authenticate("key_user_a", "key_user_a")
        for params in (
            {"sortby": "zzz"},
            {"groupby": "zzz"},
            {"filterby": "zzz"},
            {"search_in": "zzz"},
            {"date_begin": "zzz", "date_end": "2026-13-45"},
            {"sortby": "name%27%3B--", "groupby": "stage", "filterby": "999999"},
        ):
            with self.subTest(params=params):
                html = self._list(**params)
                self.assertIn(self.ticket_a_key.name, html)

    def test_list_search(self):
        self.authenticate("key_user_a", "key_user_a")
        html = self._list(search="Payroll", search_in="name")
        self.assertIn(self.ticket_a_other.name, html)
        self.assertNotIn(self.ticket_a_key.name, html)
        # a filter of ours combined with a search
        html = self._list(
            search="Payroll", search_in="all", filterby="support_breached"
        )
        self.assertNotIn(self.ticket_a_other.name, html)

    # Ticket page

    @freeze_time("2026-10-22 13:00:00")
    def test_deadlines_of_a_viewer_without_time_zone(self):
        """A key user without a time zone reads the deadlines in the zone of the
        contract's calendar (Europe/Amsterdam), never in UTC."""
        self.key_user_a.tz = False
        ticket = self.env["helpdesk.ticket"].create(
            self._ticket_vals(
                "Scale offline",
                self.key_user_a.partner_id,
                sla_row_value_id=self.impact_multiple.id,
                sla_column_value_id=self.urgency_high.id,
            )
        )
        self.authenticate("key_user_a", "key_user_a")
        html = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Times in Europe/Amsterdam", html_text(html))
        # response Fri 23 Oct 14:00 CEST (12:00 UTC)
        self.assertIn("10/23/2026 02:00:00 PM", html)
        # the list: the next deadline (resolution Thu 17:00 CEST, 15:00 UTC)
        html = self._list()
        self.assertIn("10/22/2026 05:00\u00a0PM", html)
        self.assertNotIn("10/22/2026 03:00\u00a0PM", html)

    def test_list_of_a_viewer_without_time_zone_or_contract(self):
        """A portal user without a time zone and without a contract reads the list
        in the zone of the company's working time (which a portal user may not
        read itself), and the list opens."""
        user = new_test_user(
            self.env, login="portal_no_contract", groups="base.group_portal"
        )
        user.tz = False
        self.env.company.sudo().resource_calendar_id.tz = "Europe/Stockholm"
        self.env["helpdesk.ticket"].create(
            {"name": "Printer", "description": "x", "partner_id": user.partner_id.id}
        )
        self.authenticate("portal_no_contract", "portal_no_contract")
        html = self._list()
        self.assertIn("Printer", html)
        self.assertIn("Europe/Stockholm", html_text(html))

    @freeze_time("2026-10-22 13:00:00")
    def test_ticket_page_deadlines_and_pause_log(self):
        """Created Thu 22 Oct 2026 15:00 CEST (13:00 UTC), High: the response is due
        8 business hours later, Fri 23 Oct 14:00 CEST (2 h on Thursday until 17:00,
        6 h on Friday from 08:00); the resolution at the end of the working day,
        Thu 17:00 CEST. Waiting for the customer from Thu 15:00 CEST."""
        ticket = self.env["helpdesk.ticket"].create(
            self._ticket_vals(
                "Label printer offline",
                self.key_user_a.partner_id,
                sla_row_value_id=self.impact_multiple.id,
                sla_column_value_id=self.urgency_high.id,
            )
        )
        self.assertEqual(ticket.sla_response_deadline, datetime(2026, 10, 23, 12, 0))
        self.assertEqual(ticket.sla_resolution_deadline, datetime(2026, 10, 22, 15, 0))
        ticket.stage_id = self.stage_waiting
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        # deadlines in the key user's time zone (Europe/Amsterdam, en_US format)
        self.assertIn("10/23/2026 02:00:00 PM", html)
        self.assertIn("10/22/2026 05:00:00 PM", html)
        self.assertIn("Times in Europe/Amsterdam", html_text(html))
        self.assertIn("Paused: waiting for you", html)
        self.assertIn("since", html)
        self.assertIn("10/22/2026 03:00:00 PM", html)
        self.assertIn("High", html)
        # helpdesk_mgmt's sidebar renders again: the number and the close buttons
        self.assertIn(f'data-id="number" class="mb-0 text-break">{ticket.number}', html)
        self.assertIn('action="/ticket/close"', html)
        # the list shows the next deadline (the resolution's) in the same format, to
        # the minute (the time kept on one line)
        html = self._list()
        self.assertIn("10/22/2026 05:00\u00a0PM", html)
        self.assertNotIn("05:00:00", html_text(html).split("Deadlines in")[-1])

    def test_response_met_only_after_a_reply(self):
        """A ticket closed before anyone answered shows "Closed without a reply" for
        its response, not "Met" (the closing stopped the clock); one answered
        before it was closed shows "Met"."""
        with freeze_time("2026-10-22 08:00:00") as frozen:
            unanswered = self.env["helpdesk.ticket"].create(
                self._ticket_vals("Never answered", self.key_user_a.partner_id)
            )
            answered = self.env["helpdesk.ticket"].create(
                self._ticket_vals("Answered", self.key_user_a.partner_id)
            )
            frozen.move_to("2026-10-22 09:00:00")
            answered.with_user(self.env.ref("base.user_admin")).message_post(
                body="We are looking into it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.assertTrue(answered.sla_first_response_date)
            frozen.move_to("2026-10-22 10:00:00")
            (unanswered | answered).stage_id = self.stage_done
            self.env.flush_all()
        self.assertEqual(unanswered.sla_response_status, "met")
        self.authenticate("key_user_a", "key_user_a")
        for ticket, shown, hidden in (
            (unanswered, "Closed without a reply", "o_support_sla_met"),
            (answered, "o_support_sla_met", "Closed without a reply"),
        ):
            page = lxml.html.fromstring(self.url_open(ticket.access_url).text)
            response_row = lxml.html.tostring(
                page.xpath("//div[@id='support_ticket_sla']//tbody/tr[1]")[0]
            ).decode()
            self.assertIn("Response", response_row)
            self.assertIn(shown, response_row)
            self.assertNotIn(hidden, response_row)

    def test_close_asks_first(self):
        """Done (or Cancelled) in the sidebar asks before it closes: the first post
        shows the question and closes nothing; the answer (the stage button) closes."""
        ticket = self.ticket_a_key
        stage_before = ticket.stage_id
        self.authenticate("key_user_a", "key_user_a")
        html = self.url_open(ticket.access_url).text
        self.assertNotIn("o_support_close_confirm", html)
        # the sidebar's stage buttons post ask=1
        asks = lxml.html.fromstring(html).xpath(
            "//form[@action='/ticket/close']/input[@name='ask']/@value"
        )
        self.assertEqual(asks, ["1"] * len(ticket._get_portal_close_stages()))
        response = self._post(
            "/ticket/close",
            {"ticket_id": ticket.id, "stage_id": self.stage_done.id, "ask": "1"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ticket.stage_id, stage_before)
        response = self.url_open(response.headers["Location"])
        text = html_text(response.text)
        self.assertIn("Close this ticket?", text)
        button = lxml.html.fromstring(response.text).xpath(
            "//button[hasclass('o_support_close_yes')]"
        )
        self.assertEqual(button[0].text_content().strip(), self.stage_done.name)
        self.assertIn("No, keep it open", text)
        self.assertEqual(ticket.stage_id, stage_before)
        # the answer (helpdesk_mgmt's post, without ask) closes
        answer = lxml.html.fromstring(response.text).xpath(
            "//div[hasclass('o_support_close_confirm')]//form/input/@name"
        )
        self.assertNotIn("ask", answer)
        response = self._post(
            "/ticket/close", {"ticket_id": ticket.id, "stage_id": self.stage_done.id}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ticket.stage_id, self.stage_done)

    # Confirm and reopen

    def test_confirm_resolution(self):
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/ticket/{self.ticket_a_followed.id}")
        self.assertIn("Confirm the resolution", response.text)
        response = self._post(f"/my/tickets/{self.ticket_a_followed.id}/confirm")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_a_followed.stage_id, self.stage_done)
        self.assertTrue(
            self.ticket_a_followed.message_ids.filtered(
                lambda m: "confirmed the resolution" in m.body
            )
        )

    def test_confirm_needs_a_resolved_ticket_and_access(self):
        stage_before = self.ticket_a_key.stage_id
        self.authenticate("key_user_a", "key_user_a")
        response = self._post(f"/my/tickets/{self.ticket_a_key.id}/confirm")
        self.assertEqual(response.status_code, 400)
        self.assertIn("does not wait for your confirmation", response.text)
        self.assertEqual(self.ticket_a_key.stage_id, stage_before)
        # another customer, or a contact who does not see the ticket: 404
        for login, ticket in (
            ("portal_b", self.ticket_a_followed),
            ("contact_a", self.ticket_a_other),
        ):
            self.authenticate(login, login)
            response = self._post(f"/my/tickets/{ticket.id}/confirm")
            self.assertEqual(response.status_code, 404)
            response = self._post(
                f"/my/tickets/{ticket.id}/reopen", {"reason": "still broken"}
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.ticket_a_followed.stage_id, self.stage_resolved)
        self.authenticate("key_user_a", "key_user_a")
        with mute_logger("odoo.http"):
            response = self._post(
                f"/my/tickets/{self.ticket_a_followed.id}/confirm", csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.ticket_a_followed.stage_id, self.stage_resolved)

    def test_reopen(self):
        """A closed ticket goes back to the first open stage that neither pauses
        nor awaits confirmation and is not 'unattended': In Progress."""
        self.authenticate("contact_a", "contact_a")
        response = self._post(f"/my/tickets/{self.ticket_a_contact.id}/reopen")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Tell us why you reopen", response.text)
        self.assertEqual(self.ticket_a_contact.stage_id, self.stage_done)
        response = self._post(
            f"/my/tickets/{self.ticket_a_contact.id}/reopen",
            {"reason": "The report is slow again"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_a_contact.stage_id, self.stage_progress)
        reopened = self.ticket_a_contact.message_ids.filtered(
            lambda m: "The report is slow again" in m.body
        )
        self.assertEqual(reopened.author_id, self.contact_a.partner_id)
        response = self._post(
            f"/my/tickets/{self.ticket_a_contact.id}/reopen", {"reason": "again"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is still open", response.text)

    # Submission

    def _ticket_form(self, **extra):
        data = {
            "subject": "Invoices stuck in draft",
            "description": "Since the update no invoice gets posted.",
            "support_ticket_type_id": self.type_defect.id,
            "sla_row_value_id": self.impact_multiple.id,
            "sla_column_value_id": self.urgency_high.id,
        }
        data.update(extra)
        return data

    def test_new_ticket_form(self):
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open("/new/ticket")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for text in (
            "Portal test defect",
            "Portal test data import",
            "(billed separately)",
            "Impact",
            "System wide",
            "Urgency",
            "If you submit now, expect our response by",
        ):
            self.assertIn(text, html)
        # the form script warns at the suite's attachment limit (10 MB), not at
        # Odoo's general upload limit
        self.assertIn(f'max_upload_size="{10 * 1024 * 1024}"', html)

    @freeze_time("2026-10-22 13:00:00")
    def test_preview(self):
        """Multiple users x urgency High = High: 8 business hours from Thu 15:00
        CEST = Fri 23 Oct 14:00 CEST. A question has the fixed priority Low:
        3 business days = Tue 27 Oct 15:00 CET (the clocks went back on Sunday 25)."""
        self.authenticate("key_user_a", "key_user_a")
        result = self.make_jsonrpc_request(
            "/my/tickets/preview",
            {
                "type_id": self.type_defect.id,
                "row_id": self.impact_multiple.id,
                "column_id": self.urgency_high.id,
            },
        )
        self.assertEqual(result["priority"], "High")
        self.assertEqual(result["response_deadline"], "10/23/2026 02:00:00 PM")
        self.assertEqual(result["tz"], "Europe/Amsterdam")
        result = self.make_jsonrpc_request(
            "/my/tickets/preview", {"type_id": self.type_question.id}
        )
        self.assertEqual(result["priority"], "Low")
        self.assertEqual(result["response_deadline"], "10/27/2026 03:00:00 PM")
        # a customer without contract
        self.authenticate("portal_b", "portal_b")
        self.contract_b.action_suspend()
        result = self.make_jsonrpc_request("/my/tickets/preview", {})
        self.assertFalse(result["covered"])

    @freeze_time("2026-10-22 13:00:00")
    def test_submit_ticket(self):
        """The submitted ticket gets contract A, priority High, its deadlines (see
        test_preview) and a confirmation mail with its number."""
        self.authenticate("key_user_a", "key_user_a")
        response = self._post(
            "/submitted/ticket",
            self._ticket_form(),
            files={"attachment": ("error.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)},
        )
        # helpdesk_mgmt's redirect
        self.assertEqual(response.status_code, 302)
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Invoices stuck in draft")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.key_user_a.partner_id)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.support_ticket_type_id, self.type_defect)
        self.assertEqual(ticket.sla_priority_id, self.p_high)
        self.assertEqual(ticket.sla_response_deadline, datetime(2026, 10, 23, 12, 0))
        self.assertEqual(ticket.attachment_ids.name, "error.png")
        self._run_acknowledgements()
        confirmation = ticket.message_ids.filtered(
            lambda m: m.subject and ticket.number in m.subject
        )
        self.assertEqual(len(confirmation), 1)
        self.assertIn(self.key_user_a.partner_id, confirmation.partner_ids)
        self.assertIn("10/23/2026 02:00:00 PM", confirmation.body)
        # an automatic message: not the staff's first response
        self.assertFalse(ticket.sla_first_response_date)
        page = self.url_open(response.headers["Location"])
        self.assertIn("10/23/2026 02:00:00 PM", page.text)

    def test_bad_submissions_write_nothing(self):
        other_company = self.env["res.company"].create({"name": "Other Provider"})
        foreign_category = self.env["helpdesk.ticket.category"].create(
            {"name": "Foreign category", "company_id": other_company.id}
        )
        users_one = self.users.value_ids[
            :1
        ]  # the users x process axis, not on plan Light
        self.env["ir.config_parameter"].sudo().set_param(
            "support_portal.ticket_attachment_max_mb", "0.001"
        )
        cases = [
            ({"subject": " "}, None, "give the ticket a subject"),
            ({"description": ""}, None, "describe the problem"),
            ({"category": foreign_category.id}, None, "category you chose"),
            ({"team": "999999999"}, None, "team you chose"),
            ({"support_ticket_type_id": "999999999"}, None, "ticket type you chose"),
            ({"sla_row_value_id": users_one.id}, None, "answer you chose for Impact"),
            ({"sla_column_value_id": "x"}, None, "answer you chose for Urgency"),
            # 0.001 MB = 1,048 bytes
            ({}, ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2000), "too large"),
            ({}, ("setup.exe", b"MZ" + b"0" * 10), "cannot be attached"),
            ({}, ("page.html", b"<html><script>x</script></html>"), "cannot be"),
            ({}, ("innocent.txt", b"MZ\x90\x00" + b"\x00" * 60), None),
        ]
        self.authenticate("key_user_a", "key_user_a")
        Ticket = self.env["helpdesk.ticket"]
        Attachment = self.env["ir.attachment"]
        before = (Ticket.search_count([]), Attachment.search_count([]))
        for extra, attachment, message in cases:
            with self.subTest(extra=extra, attachment=attachment and attachment[0]):
                response = self._post(
                    "/submitted/ticket",
                    self._ticket_form(**extra),
                    files={"attachment": attachment} if attachment else None,
                )
                if message is None:
                    # a Windows program renamed .txt is recognised by its content
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("cannot be attached", response.text)
                    continue
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                # the form keeps what was typed
                kept = "Since the update" if "subject" in extra else "stuck in draft"
                self.assertIn(kept, response.text)
        with mute_logger("odoo.http"):
            response = self._post("/submitted/ticket", self._ticket_form(), csrf=False)
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            "/submitted/ticket?subject=x&description=y", allow_redirects=False
        )
        self.assertEqual(response.status_code, 405)
        self.assertEqual((Ticket.search_count([]), Attachment.search_count([])), before)
