# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix of the suite's portal routes, from one table: every route a
support_* controller defines (or overrides) has a row, and each row says what each of
five visitors gets. A new route without a row fails the test."""

import inspect
import threading
from unittest.mock import patch

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin

ROLES = ("anonymous", "key_user_a", "contact_a", "portal_b", "agent")

# What a visitor gets:
# ok       200 (a page or a JSON result) or a redirect to a page of the record
# hidden   403/404, none of the record's texts in the answer
# home     a redirect to /my (Odoo's own answer for what the visitor may not read)
# login    a redirect to the login page
# refused  400 with the reason (a form or a state the visitor may not submit)
# denied   a JSON-RPC error (session expired or access error)
ALL_OK = dict.fromkeys(ROLES, "ok")
LOGINS = {"agent": "matrix_agent"}


def _expect(**overrides):
    return {**ALL_OK, **overrides}


# a list of the visitor's own records; a page of customer A's record kept from
# the other customer and the contact who is not a key user; an action on a ticket
# that is not resolved (refused to those who may read it)
OWN_LIST = _expect(anonymous="login")
KEY_USERS_PAGE = _expect(anonymous="hidden", contact_a="hidden", portal_b="hidden")
TICKET_PAGE = _expect(anonymous="home", contact_a="home", portal_b="home")
TICKET_ACTION = _expect(
    anonymous="login",
    key_user_a="refused",
    contact_a="hidden",
    portal_b="hidden",
    agent="refused",
)


# {route rule: (method, path of the record(s) of customer A, expected per role)}
ACCESS_MATRIX = {
    "/my/tickets": ("GET", "/my/tickets", OWN_LIST),
    "/my/tickets/page/<int:page>": (
        "GET",
        "/my/tickets/page/1",
        OWN_LIST,
    ),
    "/my/ticket/<int:ticket_id>": (
        "GET",
        "/my/ticket/{ticket}",
        TICKET_PAGE,
    ),
    "/my/ticket/<int:ticket_id>/<access_token>": (
        "GET",
        "/my/ticket/{ticket}/guessed",
        TICKET_PAGE,
    ),
    "/my/tickets/<int:ticket_id>/confirm": (
        "POST",
        "/my/tickets/{ticket}/confirm",
        TICKET_ACTION,
    ),
    "/my/tickets/<int:ticket_id>/reopen": (
        "POST",
        "/my/tickets/{ticket}/reopen",
        TICKET_ACTION,
    ),
    "/my/tickets/<int:ticket_id>/escalate": (
        "POST",
        "/my/tickets/{ticket}/escalate",
        TICKET_ACTION,
    ),
    # a change request's estimate of ticket A awaiting approval: approved with a
    # signature (JSON, the portal's signature form: a refusal is its answer's
    # "error"), declined by a form; a release approved for production
    "/my/tickets/<int:ticket_id>/estimates/<int:estimate_id>/accept": (
        "JSON",
        "/my/tickets/{ticket}/estimates/{estimate}/accept",
        _expect(anonymous="denied", contact_a="denied", portal_b="denied"),
    ),
    "/my/tickets/<int:ticket_id>/estimates/<int:estimate_id>/decline": (
        "POST",
        "/my/tickets/{ticket}/estimates/{estimate}/decline",
        TICKET_ACTION,
    ),
    "/my/tickets/<int:ticket_id>/release/approve": (
        "POST",
        "/my/tickets/{ticket}/release/approve",
        TICKET_ACTION,
    ),
    "/ticket/close": (
        "POST",
        "/ticket/close?ticket_id={ticket}&stage_id=0",
        _expect(anonymous="login", contact_a="hidden", portal_b="hidden"),
    ),
    # an empty form: refused with its reasons, to anyone who may submit
    "/submitted/ticket": (
        "POST",
        "/submitted/ticket",
        {**dict.fromkeys(ROLES, "refused"), "anonymous": "login"},
    ),
    "/my/tickets/preview": (
        "JSON",
        "/my/tickets/preview",
        _expect(anonymous="denied"),
    ),
    "/my/contracts": ("GET", "/my/contracts", OWN_LIST),
    "/my/contracts/page/<int:page>": (
        "GET",
        "/my/contracts/page/1",
        OWN_LIST,
    ),
    "/my/contracts/<int:contract_id>": (
        "GET",
        "/my/contracts/{contract}",
        KEY_USERS_PAGE,
    ),
    "/my/contracts/<int:contract_id>/ledger": (
        "GET",
        "/my/contracts/{contract}/ledger",
        KEY_USERS_PAGE,
    ),
    "/my/contracts/<int:contract_id>/ledger/page/<int:ledger_page>": (
        "GET",
        "/my/contracts/{contract}/ledger/page/1",
        KEY_USERS_PAGE,
    ),
    "/my/evaluations": ("GET", "/my/evaluations", OWN_LIST),
    "/my/evaluations/page/<int:page>": (
        "GET",
        "/my/evaluations/page/1",
        OWN_LIST,
    ),
    "/my/evaluations/<int:evaluation_id>": (
        "GET",
        "/my/evaluations/{evaluation}",
        KEY_USERS_PAGE,
    ),
    # an empty objection: refused with its reason to the key user (and to an
    # agent, who is no key user); hidden from the others
    "/my/evaluations/<int:evaluation_id>/object": (
        "POST",
        "/my/evaluations/{evaluation}/object",
        TICKET_ACTION,
    ),
    "/support/plans": ("GET", "/support/plans", ALL_OK),
    "/support/plans/price": ("JSON", "/support/plans/price", ALL_OK),
    "/support/plans/quote": (
        "POST",
        "/support/plans/quote",
        dict.fromkeys(ROLES, "refused"),
    ),
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(HttpCase, SupportPortalMixin):
    """Anonymous visitor, key user of customer A, contact of customer A who is not a
    key user, key user of customer B, support agent; the records are customer A's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        cls.agent = new_test_user(
            cls.env,
            login="matrix_agent",
            password="matrix_agent",
            groups="support_contract.support_contract_group_user",
            company_id=cls.company.id,
        )
        cls.ticket_a_key.support_ticket_type_id = cls.env["support.ticket.type"].create(
            {"name": "Matrix change", "is_change_request": True}
        )
        cls.estimate_a = cls.env["support.change.estimate"].create(
            {"ticket_id": cls.ticket_a_key.id, "hours": 4.0}
        )
        cls.estimate_a.action_send_for_approval()
        cls.invoice_a = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer_a.id,
                "support_contract_id": cls.contract_a.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Support hours", "quantity": 3, "price_unit": 100.0}
                    )
                ],
            }
        )
        cls.invoice_a.action_post()
        cls.evaluation_a = cls.env["support.sla.evaluation"].create(
            {
                "contract_id": cls.contract_a.id,
                "year": 2026,
                "quarter": "1",
                "state": "done",
            }
        )

    def _suite_routes(self):
        """Route rules whose endpoint a support_* controller defines or overrides."""
        rules = set()
        # the routing map is built for the database of the current thread
        with patch.object(
            threading.current_thread(), "dbname", self.env.cr.dbname, create=True
        ):
            routing_map = self.env["ir.http"].routing_map()
        for rule in routing_map.iter_rules():
            method = rule.endpoint.func
            name = method.__name__
            for cls in inspect.getmro(type(method.__self__)):
                if cls.__module__.startswith("odoo.addons.support_") and hasattr(
                    cls.__dict__.get(name), "original_routing"
                ):
                    rules.add(rule.rule)
                    break
        return rules

    def test_every_suite_route_has_a_row(self):
        routes = self._suite_routes()
        self.assertEqual(
            sorted(routes - set(ACCESS_MATRIX)), [], "routes without a row"
        )
        self.assertEqual(
            sorted(set(ACCESS_MATRIX) - routes), [], "rows without a route"
        )

    def _request(self, method, path):
        if method == "JSON":
            response = self.url_open(
                path,
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}},
            )
            return response, ("error" in response.json())
        if method == "POST":
            return self.url_open(
                path,
                data={"csrf_token": http.Request.csrf_token(self)},
                allow_redirects=False,
                method="POST",
            ), False
        return self.url_open(path, allow_redirects=False), False

    def _login_as(self, role):
        """Open a session as the role's user (none for the anonymous visitor)."""
        if role == "anonymous":
            self.authenticate(None, None)
        else:
            login = LOGINS.get(role, role)
            self.authenticate(login, login)

    def _classify(self, response, json_error):
        status = response.status_code
        if json_error:
            return "denied"
        if status in (301, 302, 303):
            location = response.headers["Location"]
            if "/web/login" in location:
                return "login"
            if location.rstrip("/").endswith(("/my", "/my/home")):
                return "home"
            return "ok"
        return {200: "ok", 403: "hidden", 404: "hidden", 400: "refused"}.get(
            status, str(status)
        )

    def test_contract_invoice_page_is_odoos(self):
        """The contract's invoices open on Odoo's own invoice page (the suite links
        to it and overrides nothing): the record rules keep a contract invoice to
        its key users; everybody else is sent to /my (Odoo's answer) and reads
        nothing of it. Agents do not read invoices."""
        expected = _expect(
            anonymous="home", contact_a="home", portal_b="home", agent="home"
        )
        got = {}
        for role in ROLES:
            self._login_as(role)
            for suffix in ("", "?report_type=pdf"):
                response, json_error = self._request(
                    "GET", f"/my/invoices/{self.invoice_a.id}{suffix}"
                )
                got[role, suffix] = self._classify(response, json_error)
                if got[role, suffix] != "ok":
                    self.assertNotIn(self.invoice_a.name, response.text)
        self.assertEqual(
            got,
            {(role, suffix): expected[role] for role, suffix in got},
        )

    def test_access_matrix(self):
        records = {
            "ticket": self.ticket_a_key,
            "contract": self.contract_a,
            "evaluation": self.evaluation_a,
            "invoice": self.invoice_a,
            "estimate": self.estimate_a,
        }
        secrets = (
            self.ticket_a_key.name,
            self.contract_a.name,
            self.invoice_a.name,
        )
        paths = {name: record.id for name, record in records.items()}
        got = {}
        for role in ROLES:
            self._login_as(role)
            for rule, (method, path, __) in ACCESS_MATRIX.items():
                with mute_logger(
                    "odoo.http", "odoo.addons.http_routing.models.ir_http"
                ):
                    response, json_error = self._request(method, path.format(**paths))
                outcome = self._classify(response, json_error)
                got[rule, role] = outcome
                if outcome in ("hidden", "home", "login", "denied"):
                    for secret in secrets:
                        with self.subTest(rule=rule, role=role, secret=secret):
                            self.assertNotIn(secret, response.text)
        expected = {
            (rule, role): row[2][role]
            for rule, row in ACCESS_MATRIX.items()
            for role in ROLES
        }
        wrong = {
            key: f"expected {expected[key]}, got {got[key]}"
            for key in expected
            if got[key] != expected[key]
        }
        self.assertEqual(wrong, {})
