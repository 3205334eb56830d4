# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import SupportPortalCommon, SupportPortalMixin, html_text


def _ledger_history(env, contract):
    """Movements of contract A (15 h reserved a month), by hand:

    - 2025-12: credit 15, consumed 20 (balance -5), excess billed 5 -> 0
    - 2026-01: credit 15, consumed 4, 3 h billed separately (0 h) -> 11
    - 2026-02: nothing
    - 2026-03: credit 15, consumed 6, adjustment +2 -> 22
    """
    Ledger = env["support.hour.ledger"].sudo()
    rows = [
        ("2025-12-01", "credit", "Reserved hours December", 15.0, 0.0, False),
        ("2025-12-10", "consumption", "Timesheet", -20.0, 20.0, False),
        ("2025-12-31", "excess", "Excess December", 5.0, 0.0, False),
        ("2026-01-01", "credit", "Reserved hours January", 15.0, 0.0, False),
        ("2026-01-12", "consumption", "Timesheet", -4.0, 4.0, False),
        ("2026-01-13", "consumption", "Data import", 0.0, 3.0, True),
        ("2026-03-01", "credit", "Reserved hours March", 15.0, 0.0, False),
        ("2026-03-05", "consumption", "Timesheet", -6.0, 6.0, False),
        ("2026-03-20", "adjustment", "Goodwill", 2.0, 0.0, False),
    ]
    return Ledger.create(
        [
            {
                "contract_id": contract.id,
                "date": date,
                "kind": kind,
                "name": name,
                "hours": hours,
                "hours_logged": logged,
                "billable_separately": separate,
            }
            for date, kind, name, hours, logged, separate in rows
        ]
    )


@tagged("post_install", "-at_install")
class TestContractUsage(SupportPortalCommon):
    @freeze_time("2026-03-25 10:00:00")
    def test_usage_per_month(self):
        _ledger_history(self.env, self.contract_a)
        usage = self.contract_a._get_portal_usage(months=3)
        # months of the table: January, February, March 2026; the balance before
        # January is 15 - 20 + 5 = 0
        self.assertEqual(
            [m["label"] for m in usage["months"]], ["Jan 2026", "Feb 2026", "Mar 2026"]
        )
        january, february, march = usage["months"]
        self.assertEqual(
            (january["credited"], january["consumed"], january["separate"]),
            (15.0, 4.0, 3.0),
        )
        self.assertEqual(january["balance"], 11.0)
        self.assertEqual(february["balance"], 11.0)
        self.assertEqual(march["consumed"], 6.0)
        self.assertEqual(march["adjustment"], 2.0)
        # 11 + 15 - 6 + 2 = 22
        self.assertEqual(march["balance"], 22.0)
        self.assertEqual(usage["balance"], 22.0)
        self.assertEqual(usage["balance"], self.contract_a.hour_balance)
        # the chart scales to the largest bar: 15 h credited
        self.assertEqual(usage["chart"]["top"], 15.0)

    def test_invoices_of_the_contract(self):
        self.assertFalse(self.contract_a._get_portal_invoices())


@tagged("post_install", "-at_install")
class TestContractPageHttp(HttpCase, SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()

    @freeze_time("2026-03-25 10:00:00")
    def test_page_shows_balance_usage_and_ledger(self):
        _ledger_history(self.env, self.contract_a)
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("22.00 h", html_text(html))
        self.assertIn("Goodwill", html)
        self.assertIn("Data import", html)
        self.assertIn("billed separately", html)
        self.assertIn("o_support_usage_chart", html)
        self.assertIn("Mar 2026", html)
        # the sidebar: customer and account manager
        self.assertIn("Account Manager", html)
        # another customer's key user never sees these movements
        self.authenticate("portal_b", "portal_b")
        response = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Goodwill", response.text)
        ledger = self.env["support.hour.ledger"].with_user(self.portal_b)
        self.assertFalse(ledger.search([("contract_id", "=", self.contract_a.id)]))
        # nor does a contact of the same customer who is not a key user
        ledger = self.env["support.hour.ledger"].with_user(self.contact_a)
        self.assertFalse(ledger.search([("contract_id", "=", self.contract_a.id)]))

    def test_ledger_pages(self):
        """120 movements, 50 a page: page 3 holds the 20 oldest."""
        Ledger = self.env["support.hour.ledger"].sudo()
        Ledger.create(
            [
                {
                    "contract_id": self.contract_a.id,
                    "date": f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}",
                    "kind": "adjustment",
                    "name": f"Movement {n:03d}",
                    "hours": 1.0,
                }
                for n in range(120)
            ]
        )
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/contracts/{self.contract_a.id}/ledger/page/3")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Movement 000", response.text)
        self.assertIn("Movement 019", response.text)
        self.assertNotIn("Movement 020", response.text)
        self.assertIn(
            f"/my/contracts/{self.contract_a.id}/ledger/page/2", response.text
        )

    @freeze_time("2026-10-10 10:00:00")
    def test_included_upgrade_explained_to_the_key_user(self):
        """The contract page says what the included upgrade is and which contract
        year it counts in (support_migration_quote adds the line through the
        contract's _portal_entitlement_lines hook). Contract from 1 January 2026,
        upgraded on 5 April 2026: this contract year is 1 January - 31 December
        2026, the next upgrade is included from 1 January 2027."""
        self.authenticate("key_user_a", "key_user_a")
        text = html_text(self.url_open(f"/my/contracts/{self.contract_a.id}").text)
        self.assertIn("Included upgrade", text)
        self.assertIn(
            "One upgrade to a new major Odoo version (for example from 18.0 to 19.0) "
            "is included in each contract year. Contract years count from your "
            "start date, 01/01/2026: this contract year runs from 01/01/2026 to "
            "12/31/2026.",
            text,
        )
        self.assertIn("The upgrade of this period is still available.", text)
        self.contract_a.upgrade_last_date = "2026-04-05"
        text = html_text(self.url_open(f"/my/contracts/{self.contract_a.id}").text)
        self.assertIn(
            "Used on 04/05/2026; the next one is included from 01/01/2027.", text
        )
        self.contract_a.upgrade_interval = "none"
        text = html_text(self.url_open(f"/my/contracts/{self.contract_a.id}").text)
        self.assertIn("Your contract includes no upgrade", text)

    def test_page_lists_every_waiting_change(self):
        """Every waiting change shows with its own month, in the order the
        billing applies them: Medium from 1 May, 25 h and no Extended from
        1 June; a cancelled change no longer shows."""
        contract = self.contract_a
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/contracts/{contract.id}")
        self.assertNotIn("support_contract_amendments", response.text)
        june = contract._amend(
            reserved_hours=25,
            addon_quantities={self.addon_extended: 0},
            date=fields.Date.to_date("2026-06-01"),
        )
        contract._amend(plan=self.plan_medium, date=fields.Date.to_date("2026-05-01"))
        withdrawn = contract._amend(
            reserved_hours=40, date=fields.Date.to_date("2026-07-01")
        )
        withdrawn.action_cancel()
        text = html_text(self.url_open(f"/my/contracts/{contract.id}").text)
        self.assertIn("Changes Waiting", text)
        may = text.index("05/01/2026 Plan: Medium")
        self.assertGreater(
            text.index(
                "06/01/2026 Reserved hours per month: 25.00 "
                "Extended availability: removed"
            ),
            may,
        )
        self.assertNotIn("07/01/2026", text)
        self.assertEqual(june.state, "pending")

    def test_void_sla_shown_to_the_key_user(self):
        """A contract whose SLA a third party voided says so on the contract page."""
        self.authenticate("key_user_a", "key_user_a")
        response = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertNotIn("support_contract_sla_void", response.text)
        self.contract_a.write(
            {
                "sla_void": True,
                "sla_void_date": "2026-03-01",
                "sla_void_note": "Another partner changed the production database.",
            }
        )
        response = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("support_contract_sla_void", response.text)
        self.assertIn("Another partner changed the production database.", response.text)
