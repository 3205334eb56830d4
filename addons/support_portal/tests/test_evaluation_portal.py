# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta
from urllib.parse import unquote

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestEvaluationPortal(HttpCase, SupportPortalMixin):
    """Quarterly SLA evaluations in the portal: the customer's key users read the
    discussed ones, as a page and as PDF; nobody else does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
        Evaluation = cls.env["support.sla.evaluation"]
        # discussed yesterday (negative, one improvement): open to objections
        cls.evaluation_a = Evaluation.create(
            {
                "contract_id": cls.contract_a.id,
                "year": 2026,
                "quarter": "1",
                "state": "done",
                "advice": "<p>Plan the upgrade before the summer.</p>",
                "discussed_date": date.today() - timedelta(days=1),
                "participant_partner_ids": [Command.set(cls.key_user_a.partner_id.ids)],
                "outcome": "negative",
                "improvement_ids": [
                    Command.create(
                        {
                            "name": "Answer within the hour",
                            "user_id": cls.env.ref("base.user_admin").id,
                            "deadline": date.today() + timedelta(days=30),
                        }
                    )
                ],
            }
        )
        cls.evaluation_a_draft = Evaluation.create(
            {"contract_id": cls.contract_a.id, "year": 2026, "quarter": "2"}
        )
        cls.evaluation_b = Evaluation.create(
            {
                "contract_id": cls.contract_b.id,
                "year": 2026,
                "quarter": "1",
                "state": "done",
            }
        )
        cls.every = cls.evaluation_a | cls.evaluation_a_draft | cls.evaluation_b

    def test_backend_year_reads_as_a_year(self):
        """The evaluation form shows the year 2026, not the number "2,026"."""
        self.start_tour(
            f"/odoo/action-support_sla.support_sla_evaluation_action/"
            f"{self.evaluation_a_draft.id}",
            "support_sla_evaluation_year",
            login="admin",
        )

    def test_matrix(self):
        visible = {
            "key_user_a": self.evaluation_a,
            "contact_a": self.env["support.sla.evaluation"],
            "portal_b": self.evaluation_b,
            "anonymous": self.env["support.sla.evaluation"],
        }
        for who, evaluations in visible.items():
            self._login(who)
            for evaluation in self.every:
                for suffix in ("", "?report_type=pdf&download=true"):
                    with self.subTest(who=who, evaluation=evaluation.name, pdf=suffix):
                        response = self._get(f"/my/evaluations/{evaluation.id}{suffix}")
                        if evaluation in evaluations:
                            self.assertEqual(response.status_code, 200)
                        else:
                            self.assertIn(response.status_code, (403, 404))
                            self.assertNotIn(evaluation.partner_id.name, response.text)
            if who != "anonymous":
                html = self._get("/my/evaluations").text
                for evaluation in self.every:
                    link = f"/my/evaluations/{evaluation.id}?"
                    if evaluation in evaluations:
                        self.assertIn(link, html)
                    else:
                        self.assertNotIn(link, html)

    def test_page_and_pdf(self):
        self._login("key_user_a")
        response = self._get(f"/my/evaluations/{self.evaluation_a.id}")
        self.assertIn("Plan the upgrade before the summer.", response.text)
        self.assertIn("Download PDF", response.text)
        response = self._get(
            f"/my/evaluations/{self.evaluation_a.id}?report_type=pdf&download=true"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response.headers["Content-Disposition"])
        self.assertIn(".pdf", response.headers["Content-Disposition"])
        # the contract page lists it too
        response = self._get(f"/my/contracts/{self.contract_a.id}")
        self.assertIn(f"/my/evaluations/{self.evaluation_a.id}?", response.text)
        self.assertNotIn(
            f"/my/evaluations/{self.evaluation_a_draft.id}?", response.text
        )

    def test_token(self):
        token = self.evaluation_a._portal_ensure_token()
        self._login("anonymous")
        url = f"/my/evaluations/{self.evaluation_a.id}"
        self.assertEqual(self._get(f"{url}?access_token={token}").status_code, 200)
        for bad in (
            f"/my/evaluations/{self.evaluation_b.id}?access_token={token}",
            f"{url}?access_token=0000",
            f"/my/evaluations/{self.evaluation_b.id}?report_type=pdf&access_token=x",
        ):
            response = self._get(bad)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(self.customer_b.name, response.text)

    def test_counter(self):
        self._login("key_user_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_evaluation_count"]}
        )
        self.assertEqual(counters["support_evaluation_count"], 1)
        self._login("contact_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["support_evaluation_count"]}
        )
        self.assertEqual(counters["support_evaluation_count"], 0)

    def test_home_shows_the_entry_to_key_users(self):
        """The portal home's tiles (counter "support_glance") name the
        evaluations entry for the key user, not for a contact."""
        for login, shown in (("key_user_a", True), ("contact_a", False)):
            with self.subTest(login=login):
                self._login(login)
                html = self.make_jsonrpc_request(
                    "/my/counters", {"counters": ["support_glance"]}
                )["support_glance"]
                self.assertEqual('data-support_entry="/my/evaluations"' in html, shown)

    def _object(self, evaluation, text="I object."):
        return self.url_open(
            f"/my/evaluations/{evaluation.id}/object",
            data={"objection": text, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
            method="POST",
        )

    def test_key_user_objects_in_the_browser(self):
        """Anna (key user of A) objects to the discussed evaluation in the portal:
        the objection is logged on the evaluation and its outcome reopened."""
        self.start_tour(
            f"/my/evaluations/{self.evaluation_a.id}",
            "support_portal_evaluation_objection",
            login="key_user_a",
        )
        objection = self.evaluation_a.objection_ids
        self.assertEqual(objection.partner_id, self.key_user_a.partner_id)
        self.assertIn("planned maintenance", objection.text)
        self.assertFalse(self.evaluation_a.outcome)
        logged = self.evaluation_a.message_ids.filtered(
            lambda m: "planned maintenance" in m.body
        )
        self.assertEqual(logged.author_id, self.key_user_a.partner_id)

    def test_no_objection_after_the_period_in_the_browser(self):
        """Anna reads the evaluation in Chromium on the eighth day after the
        meeting: no objection form; the URL behind it refuses her then, and a
        contact who is no key user and another customer always
        (test_objection_refused)."""
        self.evaluation_a.discussed_date = date.today() - timedelta(days=8)
        self.start_tour(
            f"/my/evaluations/{self.evaluation_a.id}",
            "support_portal_evaluation_no_objection",
            login="key_user_a",
        )
        self.assertFalse(self.evaluation_a.objection_ids)
        self.assertEqual(self.evaluation_a.outcome, "negative")

    def test_objection_refused(self):
        """Not a key user of the contract, another customer, nobody logged in, an
        empty text and a period that has passed: refused, nothing written."""
        for who in ("contact_a", "portal_b"):
            self._login(who)
            with self.subTest(who=who), mute_logger("odoo.http"):
                response = self._object(self.evaluation_a)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Answer within the hour", response.text)
        self._login("key_user_a")
        with mute_logger("odoo.http"):
            # another customer's evaluation
            self.assertEqual(self._object(self.evaluation_b).status_code, 404)
            # not discussed yet: not even visible
            self.assertEqual(self._object(self.evaluation_a_draft).status_code, 404)
        response = self._object(self.evaluation_a, text="  ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write what you object to.", response.text)
        self.evaluation_a.discussed_date = date.today() - timedelta(days=8)
        response = self._object(self.evaluation_a)
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Objections to this evaluation were possible until", response.text
        )
        self.assertNotIn("o_support_evaluation_object", response.text)  # no form
        self.assertFalse(self.evaluation_a.objection_ids)
        self.assertEqual(self.evaluation_a.outcome, "negative")
        self._login("anonymous")
        response = self._object(self.evaluation_a)
        self.assertIn("/web/login", response.headers.get("Location", ""))
        self.assertFalse(self.evaluation_a.objection_ids)

    def test_pdf_file_name(self):
        """The download is named like the back office's print, one dot before
        the extension: "SLA evaluation 2026-Q1 - Tulpen Test B.V.pdf"."""
        self._login("key_user_a")
        response = self._get(
            f"/my/evaluations/{self.evaluation_a.id}?report_type=pdf&download=true"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "SLA evaluation 2026-Q1 - Tulpen Test B.V.pdf",
            unquote(response.headers["Content-Disposition"]),
        )
        # the page shows the meeting and its improvement
        html = self._get(f"/my/evaluations/{self.evaluation_a.id}").text
        self.assertIn("Answer within the hour", html)
        self.assertIn("Anna Key", html)
