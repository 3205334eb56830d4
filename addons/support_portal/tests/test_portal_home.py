# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal home's tiles: the customer's support at a glance."""

import logging
from unittest.mock import patch

import lxml.html

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from ..controllers.portal import SupportCustomerPortal
from .common import SupportPortalMixin

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPortalHome(HttpCase, SupportPortalMixin):
    """Customer A: 5 tickets (4 of the common data and one breached since January),
    one closed, one waiting for the customer, one awaiting the customer's
    confirmation; 12.5 reserved hours credited, 4.25 used; one invoice of 100.00
    to pay and one paid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.ticket_a_breached = cls._old_breach()
        cls.ticket_a_other.stage_id = cls.stage_waiting
        cls.ticket_a_followed.stage_id = cls.stage_resolved
        cls.ticket_a_contact.stage_id = cls.stage_done
        cls.env["support.hour.ledger"].sudo().create(
            [
                {
                    "contract_id": cls.contract_a.id,
                    "date": "2026-11-01",
                    "kind": "credit",
                    "name": "Reserved hours November",
                    "hours": 12.5,
                },
                {
                    "contract_id": cls.contract_a.id,
                    "date": "2026-11-03",
                    "kind": "consumption",
                    "name": "Timesheet",
                    "hours": -4.25,
                    "hours_logged": 4.25,
                },
            ]
        )
        invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer_a.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Support", "quantity": 1, "price_unit": 100.0}
                        )
                    ],
                }
                for __ in range(2)
            ]
        )
        invoices.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices[1].ids
        ).create({}).action_create_payments()
        cls.env.flush_all()

    def _tiles(self, login):
        """The tiles as the portal home shows them: their place on /my, filled
        with what /my/counters answers for "support_glance" (one of the page's
        counters, which Odoo's portal home asks with the entries' counts)."""
        self.authenticate(login, login)
        page = lxml.html.fromstring(self.url_open("/my").text)
        (place,) = page.xpath("//div[hasclass('o_support_glance')]")
        self.assertEqual(
            [(child.tag, child.get("data-placeholder_count")) for child in place],
            [("span", "support_glance")],
            "the page leaves the tiles' place empty but for their counter",
        )
        html = self._glance()
        place = lxml.html.fragment_fromstring(html, create_parent="div")
        return {
            tile.get("class").split("o_support_glance_")[1].split()[0]: " ".join(
                tile.text_content().split()
            )
            for tile in place.xpath(".//a")
        }

    def _glance(self):
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_glance"]}
        )["support_glance"]

    def test_key_user_tiles(self):
        tiles = self._tiles("key_user_a")
        self.assertEqual(
            tiles,
            {
                "open": "4 Open tickets",
                "at_risk": "1 At risk",
                "waiting_you": "2 Waiting for you",
                "hours": "8.25 h Hours left",
                "invoices": "1 Invoices due",
            },
        )
        # the tiles count what the list's filters list
        for key, expected in (("support_open", 4), ("support_at_risk", 1)):
            with self.subTest(filter=key):
                page = lxml.html.fromstring(
                    self.url_open(f"/my/tickets?filterby={key}").text
                )
                self.assertEqual(len(page.xpath("//table/tbody/tr")), expected)

    def test_contact_tiles(self):
        """A contact who is no key user: its own tickets, no contract hours."""
        tiles = self._tiles("contact_a")
        self.assertEqual(tiles["open"], "1 Open tickets")
        self.assertNotIn("hours", tiles)

    def _entries(self):
        place = lxml.html.fragment_fromstring(self._glance(), create_parent="div")
        return place.xpath("./span/@data-support_entry")

    def test_home_counters_ask_no_call_of_their_own(self):
        """The suite's part of the portal home asks Odoo's /my/counters calls for
        one counter, its tiles, which also say which of its entries to show: no
        call of its own (Odoo's portal home splits its counters into calls by
        their number), and no counter per entry."""
        self.authenticate("key_user_a", "key_user_a")
        page = lxml.html.fromstring(self.url_open("/my").text)
        names = page.xpath("//*[@data-placeholder_count]/@data-placeholder_count")
        self.assertEqual(
            [name for name in names if name.startswith("support_")],
            ["support_glance"],
        )
        # the entries are there, hidden until the tiles name them
        for url in ("/my/contracts", "/my/evaluations"):
            (card,) = page.xpath(
                f"//div[hasclass('o_portal_index_card')][a[@href='{url}']]"
            )
            self.assertIn("d-none", card.get("class").split())
        self.assertEqual(self._entries(), ["/my/contracts"])
        self.authenticate("contact_a", "contact_a")
        self.assertEqual(self._entries(), [])

    def test_tiles_cost_the_page_no_query(self):
        """/my with the tiles against /my without them (Odoo's portal home with
        the other modules' entries): no query more, the tiles come through
        /my/counters afterwards (before: 5 queries more on the page); that
        request costs at most 6 queries more than one asking no counter: the
        tiles' 5, and the count that shows the evaluations entry (which was a
        counter of its own; the contracts entry follows from the tiles' contract).
        """
        self.authenticate("key_user_a", "key_user_a")

        def queries(request):
            for __ in range(2):  # warm caches
                request()
            before = self.cr.sql_log_count
            request()
            return self.cr.sql_log_count - before

        def home():
            self.assertEqual(self.url_open("/my").status_code, 200)

        with_tiles = queries(home)
        with patch.object(
            SupportCustomerPortal, "_support_glance_values", lambda self: {}
        ):
            without = queries(home)
        self.assertLessEqual(with_tiles - without, 0)
        counters = queries(self._glance)
        no_counter = queries(
            lambda: self.make_jsonrpc_request("/my/counters", {"counters": []})
        )
        _logger.info(
            "portal home: %s queries without the tiles, %s with them; "
            "/my/counters %s for the tiles, %s for none",
            without,
            with_tiles,
            counters,
            no_counter,
        )
        self.assertLessEqual(counters - no_counter, 6)
