# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

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
        cls.evaluation_a = Evaluation.create(
            {
                "contract_id": cls.contract_a.id,
                "year": 2026,
                "quarter": "1",
                "state": "done",
                "advice": "<p>Plan the upgrade before the summer.</p>",
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
