# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin, html_text


@tagged("post_install", "-at_install")
class TestPortalRoutesAccess(HttpCase, SupportPortalMixin):
    """The access matrix of every portal route: key user, other contact of the same
    customer, portal user of another customer, anonymous visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.users = {
            "key_user_a": cls.key_user_a,
            "contact_a": cls.contact_a,
            "portal_b": cls.portal_b,
            "anonymous": None,
        }

    # Tickets

    def test_ticket_page_matrix(self):
        visible = {
            "key_user_a": self.tickets_a,
            "contact_a": self.ticket_a_contact | self.ticket_a_followed,
            "portal_b": self.ticket_b,
            "anonymous": self.env["helpdesk.ticket"],
        }
        self._assert_page_access(
            visible,
            self.tickets_a | self.ticket_b,
            lambda ticket: f"/my/ticket/{ticket.id}",
            lambda ticket: (ticket.name, ticket.number),
            hidden=self._assert_sent_home,
        )

    def test_ticket_page_by_token(self):
        """The ticket's own access token opens it for anyone (mail links); a
        guessed one or another ticket's does not."""
        token = self.ticket_b._portal_ensure_token()
        self._login("anonymous")
        response = self._get(f"/my/ticket/{self.ticket_b.id}/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_b.name, response.text)
        for url in (
            f"/my/ticket/{self.ticket_a_key.id}/{token}",
            f"/my/ticket/{self.ticket_a_key.id}/0123456789abcdef0123456789abcdef",
            f"/my/ticket/{self.ticket_a_key.id}?access_token={token}",
        ):
            self._assert_sent_home(self._get(url), self.ticket_a_key.name)
        self._login("portal_b")
        self._assert_sent_home(
            self._get(f"/my/ticket/{self.ticket_a_key.id}/{token}"),
            self.ticket_a_key.name,
        )

    def test_ticket_page_of_missing_ticket(self):
        self._login("key_user_a")
        self._assert_sent_home(self._get("/my/ticket/999999999"))

    def test_ticket_list_matrix(self):
        visible = {
            "key_user_a": self.tickets_a,
            "contact_a": self.ticket_a_contact | self.ticket_a_followed,
            "portal_b": self.ticket_b,
        }
        for who, tickets in visible.items():
            self._login(who)
            response = self._get("/my/tickets")
            self.assertEqual(response.status_code, 200)
            for ticket in self.tickets_a | self.ticket_b:
                with self.subTest(who=who, ticket=ticket.name):
                    if ticket in tickets:
                        self.assertIn(ticket.name, response.text)
                    else:
                        self.assertNotIn(ticket.name, response.text)
        self._login("anonymous")
        response = self._get("/my/tickets")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def _post_close(self, ticket, stage):
        """The portal's close form posted as its page does (with its CSRF token)."""
        return self.url_open(
            "/ticket/close",
            data={
                "ticket_id": ticket.id,
                "stage_id": stage.id,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )

    def test_close_ticket_of_another_customer(self):
        """helpdesk_mgmt's /ticket/close closed any ticket by id; here a ticket the
        user cannot read gives 404 and keeps its stage."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        stage_before = self.ticket_a_key.stage_id
        self._login("portal_b")
        response = self._post_close(self.ticket_a_key, done)
        self._assert_hidden(response, self.ticket_a_key.name)
        self.assertEqual(self.ticket_a_key.stage_id, stage_before)

    def test_close_ticket_needs_post_and_csrf(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        stage_before = self.ticket_a_key.stage_id
        self._login("key_user_a")
        query = f"ticket_id={self.ticket_a_key.id}&stage_id={done.id}"
        response = self._get(f"/ticket/close?{query}")
        self.assertEqual(response.status_code, 405)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/ticket/close",
                data={"ticket_id": self.ticket_a_key.id, "stage_id": done.id},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.ticket_a_key.stage_id, stage_before)
        # a stage that does not allow closing from the portal: back to the ticket
        # (as helpdesk_mgmt answers), nothing changed
        rejected = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        response = self._post_close(self.ticket_a_key, rejected)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/ticket/{self.ticket_a_key.id}")
        )
        self.assertEqual(self.ticket_a_key.stage_id, stage_before)
        # the right way (the answer to "Close this ticket?") closes it
        response = self._post_close(self.ticket_a_key, done)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.ticket_a_key.stage_id, done)

    # Contracts

    def test_contract_pages_matrix(self):
        visible = {
            "key_user_a": self.contract_a,
            "contact_a": self.env["support.contract"],
            "portal_b": self.contract_b,
            "anonymous": self.env["support.contract"],
        }
        self._assert_page_access(
            visible,
            self.contract_a | self.contract_b,
            lambda contract: f"/my/contracts/{contract.id}",
            lambda contract: (contract.name, contract.partner_id.name),
        )
        for who, contracts in visible.items():
            if who == "anonymous":
                continue
            self._login(who)
            response = self._get("/my/contracts")
            self.assertEqual(response.status_code, 200, (who, response.text[-3000:]))
            for contract in self.contract_a | self.contract_b:
                if contract in contracts:
                    self.assertIn(contract.name, response.text)
                else:
                    self.assertNotIn(contract.name, response.text)

    def test_draft_contract_absent_by_id(self):
        """A draft contract is not the customer's yet: absent from /my/contracts
        and 404 by id, also for its key user and with its token (it opened)."""
        draft = self._create_contract(
            self.customer_a,
            date_start="2027-01-01",
            key_user_ids=[Command.set(self.key_user_a.partner_id.ids)],
        )
        self.assertEqual(draft.state, "draft")
        token = draft._portal_ensure_token()
        for who in ("key_user_a", "anonymous"):
            self._login(who)
            for url in (
                f"/my/contracts/{draft.id}",
                f"/my/contracts/{draft.id}?access_token={token}",
                f"/my/contracts/{draft.id}/ledger",
            ):
                with self.subTest(who=who, url=url):
                    self._assert_hidden(self._get(url), draft.name)
        self._login("key_user_a")
        self.assertNotIn(draft.name, self._get("/my/contracts").text)

    def test_contract_page_by_token(self):
        token = self.contract_a._portal_ensure_token()
        self._login("anonymous")
        response = self._get(f"/my/contracts/{self.contract_a.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.contract_a.name, response.text)
        for url in (
            f"/my/contracts/{self.contract_b.id}?access_token={token}",
            f"/my/contracts/{self.contract_b.id}?access_token=guessed",
            f"/my/contracts/{self.contract_b.id}?access_token=",
        ):
            self._assert_hidden(
                self._get(url), self.contract_b.name, self.customer_b.name
            )
        self._login("contact_a")
        self._assert_hidden(
            self._get(f"/my/contracts/{self.contract_b.id}?access_token={token}"),
            self.contract_b.name,
        )

    def test_home_counters(self):
        self._login("key_user_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_contract_count", "ticket_count"]}
        )
        self.assertEqual(counters["support_contract_count"], 1)
        self.assertEqual(counters["ticket_count"], 4)
        self._login("contact_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_contract_count", "ticket_count"]}
        )
        self.assertEqual(counters["support_contract_count"], 0)
        self.assertEqual(counters["ticket_count"], 2)

    def test_contract_page_shows_plan_availability_and_key_users(self):
        self._login("key_user_a")
        response = self._get(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("Light", html)
        self.assertIn("Extended availability", html)
        self.assertIn("Monday to Friday: 08:00-17:00", html)
        self.assertIn("Monday to Friday: 07:00-23:00", html)
        self.assertIn("Critical issues only", html)
        self.assertIn("Anna Key", html)
        self.assertIn("Europe/Amsterdam", html)

    # Invoices

    def _invoice(self, partner):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Support hours", "quantity": 3, "price_unit": 100.0}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def test_invoice_matrix(self):
        """Odoo shows a customer's invoices to all its portal contacts; another
        customer's invoice, by id or guessed token, sends to /my (Odoo's own page
        and answer) and shows nothing."""
        invoice_b = self._invoice(self.customer_b)
        for who in ("key_user_a", "contact_a", "anonymous"):
            self._login(who)
            for suffix in ("", "?report_type=pdf", "?access_token=guessed"):
                with self.subTest(who=who, suffix=suffix):
                    response = self._get(f"/my/invoices/{invoice_b.id}{suffix}")
                    self._assert_sent_home(
                        response, invoice_b.name, self.customer_b.name
                    )
        self._login("portal_b")
        response = self._get(f"/my/invoices/{invoice_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice_b.name, response.text)
        token = invoice_b._portal_ensure_token()
        self._login("anonymous")
        response = self._get(f"/my/invoices/{invoice_b.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)

    def _contract_order_invoice(self):
        """An invoice of customer A for a sale order of contract A (one hour)."""
        return self._order_invoice(self.contract_a)[1]

    def _order_invoice(self, contract):
        """A sale order of customer A (one hour) of ``contract`` (or of none) and
        an invoice of it: (order, invoice)."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "support_contract_id": contract.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.hour_product.id, "product_uom_qty": 1}
                    )
                ],
            }
        )
        invoice = self._invoice(self.customer_a)
        invoice.invoice_line_ids.sale_line_ids = order.order_line
        return order, invoice

    def _contract_invoices(self):
        """Invoices of customer A: of the contract's billing, of a sale order of the
        contract, without contract, and a contract invoice addressed to the non-key
        contact itself."""
        billed = self._invoice(self.customer_a)
        billed.sudo().support_contract_id = self.contract_a  # what billing writes
        sold = self._contract_order_invoice()
        plain = self._invoice(self.customer_a)
        addressed = self._invoice(self.contact_a.partner_id)
        addressed.sudo().support_contract_id = self.contract_a
        return billed, sold, plain, addressed

    def test_contract_invoices_are_key_users_business(self):
        """A contact who is not a key user does not open the contract's invoices,
        their PDF, nor read their lines over RPC (it opened all three); the
        customer's other invoices and one addressed to the contact stay visible."""
        billed, sold, plain, addressed = self._contract_invoices()
        visible = {
            "key_user_a": billed | sold | plain | addressed,
            "contact_a": plain | addressed,
            "portal_b": self.env["account.move"],
        }
        for who, shown in visible.items():
            self._login(who)
            for invoice in billed | sold | plain | addressed:
                for suffix in ("", "?report_type=pdf"):
                    with self.subTest(who=who, invoice=invoice.name, suffix=suffix):
                        response = self._get(f"/my/invoices/{invoice.id}{suffix}")
                        if invoice in shown:
                            self.assertEqual(response.status_code, 200)
                        else:
                            self._assert_sent_home(response, invoice.name)
            user = self.env["res.users"].search([("login", "=", who)])
            with self.subTest(who=who, list="/my/invoices"):
                self.assertEqual(
                    self.env["account.move"]
                    .with_user(user)
                    .search([("partner_id", "child_of", self.customer_a.ids)]),
                    shown,
                )
        # the lines over JSON-RPC, as the contact
        lines = (billed | sold).invoice_line_ids
        answer = self._call_kw(
            "contact_a", "contact_a", "account.move.line", "read", [lines.ids, ["name"]]
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self._call_kw(
            "contact_a",
            "contact_a",
            "account.move.line",
            "search_read",
            [[("move_id", "in", (billed | sold | plain).ids)], ["name", "move_id"]],
        )
        self.assertEqual(
            {line["move_id"][0] for line in answer["result"]}, set(plain.ids)
        )
        answer = self._call_kw(
            "key_user_a",
            "key_user_a",
            "account.move.line",
            "read",
            [lines.ids, ["name"]],
        )
        self.assertEqual(len(answer["result"]), len(lines))

    def test_invoice_follows_the_contract_of_its_sale_order(self):
        """The contracts an invoice bills (stored for the portal rules) follow its
        sale orders: an order that becomes the contract's later takes its invoice
        from the contact who is not a key user; unlinking the lines gives it back;
        a key user removed from the contract no longer reads it."""
        order, invoice = self._order_invoice(self.env["support.contract"])
        Move = self.env["account.move"]
        users = {
            who: self.env["res.users"].search([("login", "=", who)])
            for who in ("key_user_a", "contact_a")
        }

        def readers():
            return {
                who
                for who, user in users.items()
                if Move.with_user(user).search([("id", "=", invoice.id)])
            }

        self.assertFalse(invoice.support_billed_contract_ids)
        self.assertEqual(readers(), {"key_user_a", "contact_a"})
        order.support_contract_id = self.contract_a
        self.assertEqual(invoice.support_billed_contract_ids, self.contract_a)
        self.assertEqual(readers(), {"key_user_a"})
        self.contract_a.key_user_ids -= users["key_user_a"].partner_id
        self.assertEqual(readers(), set())
        invoice.invoice_line_ids.sale_line_ids = False
        self.assertFalse(invoice.support_billed_contract_ids)
        self.assertEqual(readers(), {"key_user_a", "contact_a"})

    def test_contract_page_lists_its_invoices(self):
        invoice_a = self._contract_order_invoice()
        self._login("key_user_a")
        response = self._get(f"/my/contracts/{self.contract_a.id}")
        self.assertIn(invoice_a.name, response.text)

    def test_contract_page_lists_posted_monthly_invoices_only_its_own(self):
        """The key user's contract page lists the posted monthly invoice with its
        period, amount and payment state, linked to Odoo's own invoice page; a
        draft one and another customer's monthly invoice are not listed."""
        month = date(2026, 3, 1)
        # March: the billing run posts (company setting "Posted and sent")
        companies = (self.contract_a | self.contract_b).company_id.sudo()
        companies.support_billing_post = "post"
        billing_a = self.contract_a._bill_month(month)
        billing_b = self.contract_b._bill_month(month)
        invoice_a, invoice_b = billing_a.invoice_id, billing_b.invoice_id
        self.assertTrue(invoice_a and invoice_b)
        self.assertEqual(set((invoice_a | invoice_b).mapped("state")), {"posted"})
        # April: left in draft for review
        companies.support_billing_post = "draft"
        draft_a = self.contract_a._bill_month(date(2026, 4, 1)).invoice_id
        self.assertEqual(draft_a.state, "draft")
        self.assertEqual(self.contract_a.sudo()._get_portal_invoices(), invoice_a)
        self._login("key_user_a")
        response = self._get(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(response.status_code, 200)
        section = html_text(response.text.split('id="support_contract_invoices"')[1])
        self.assertIn(invoice_a.name, section)
        self.assertIn(f'href="/my/invoices/{invoice_a.id}', response.text)
        self.assertIn("Not Paid", section)
        self.assertNotIn(invoice_b.name, response.text)
        self.assertNotIn(f"/my/invoices/{draft_a.id}", response.text)
        # the link opens Odoo's own invoice page for the key user
        response = self._get(f"/my/invoices/{invoice_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice_a.name, response.text)
