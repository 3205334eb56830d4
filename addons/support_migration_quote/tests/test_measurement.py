# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SupportMigrationQuoteCommon


@tagged("post_install", "-at_install")
class TestMeasurement(SupportMigrationQuoteCommon):
    def _wizard(self, **vals):
        return (
            self.env["support.cloc.measure.wizard"]
            .with_user(self.agent)
            .create({"partner_id": self.customer.id, "source": "manual", **vals})
        )

    @freeze_time("2026-03-02 09:15:00")
    def test_manual_measurement(self):
        action = self._wizard(
            code_lines=12500, reason="  Handover document of the previous partner  "
        ).action_measure()
        measurement = self.env["support.cloc.measurement"].browse(action["res_id"])
        self.assertEqual(measurement.source, "manual")
        self.assertEqual(measurement.code_lines, 12500)
        self.assertEqual(
            measurement.reason, "Handover document of the previous partner"
        )
        self.assertEqual(measurement.user_id, self.agent)
        self.assertEqual(str(measurement.date), "2026-03-02 09:15:00")
        self.assertFalse(measurement.line_ids)
        self.assertEqual(self.customer.cloc_measurement_count, 1)
        self.assertEqual(self.customer._get_latest_cloc_measurement(), measurement)

    def test_measure_form(self):
        """The wizard's form: the customer's contract is proposed."""
        contract = self._create_contract()
        contract.action_activate()
        with Form(
            self.env["support.cloc.measure.wizard"].with_user(self.agent)
        ) as form:
            form.partner_id = self.customer_contact
            self.assertEqual(form.contract_id, contract)
            form.source = "manual"
            form.code_lines = 4200
            form.reason = "Estimate of the customer's developer"
            wizard = form.save()
        measurement = self.env["support.cloc.measurement"].browse(
            wizard.action_measure()["res_id"]
        )
        self.assertEqual(measurement.partner_id, self.customer)
        self.assertEqual(contract.cloc_lines, 4200)

    def test_manual_bad_input(self):
        count = self.env["support.cloc.measurement"].search_count([])
        with self.assertRaisesRegex(UserError, "Say why"):
            self._wizard(code_lines=12500, reason="  ").action_measure()
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            self._wizard(code_lines=-1, reason="typo").action_measure()
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            with self.env.cr.savepoint():
                self._measure(self.customer, 100, reason=False)
        self.assertEqual(self.env["support.cloc.measurement"].search_count([]), count)

    def test_commercial_entity_and_latest(self):
        with freeze_time("2026-01-01 10:00:00"):
            first = self._measure(self.customer_contact, 1000)
        with freeze_time("2026-02-01 10:00:00"):
            second = self._measure(self.customer, 2000)
        self.assertEqual(first.partner_id, self.customer)
        self.assertEqual(self.customer_contact._get_latest_cloc_measurement(), second)
        self.assertEqual(self.customer_contact.cloc_measurement_count, 2)
        self.assertIn("2,000 lines", second.display_name)

    def test_kept_as_measured(self):
        measurement = self._measure(self.customer, 1000)
        with self.assertRaisesRegex(UserError, "kept as measured"):
            measurement.code_lines = 2000
        with self.assertRaisesRegex(UserError, "kept as measured"):
            measurement.partner_id = self.other_customer
        self.assertEqual(measurement.code_lines, 1000)
        measurement.write({"code_lines": 1000})  # unchanged: allowed

    def test_agent_rights(self):
        measurement = self._measure(self.customer, 1000)
        as_agent = measurement.with_user(self.agent)
        self.assertEqual(as_agent.code_lines, 1000)
        with self.assertRaises(AccessError):
            as_agent.unlink()
        with self.assertRaises(AccessError):
            as_agent.write({"company_id": self.env.company.id})

    def test_quoted_measurement_not_deleted(self):
        measurement = self._measure(self.customer, 1000)
        self.env["sale.order"].create(
            {"partner_id": self.customer.id, "migration_measurement_id": measurement.id}
        )
        with self.assertRaisesRegex(UserError, "was quoted"):
            measurement.unlink()
        self.assertTrue(measurement.exists())
        unquoted = self._measure(self.customer, 500)
        unquoted.unlink()
        self.assertFalse(unquoted.exists())

    def test_multi_company(self):
        company = self._create_company(name="Other Provider")
        measurement = self._measure(self.customer, 1000, company_id=company.id)
        self.assertFalse(
            self.env["support.cloc.measurement"]
            .with_user(self.agent)
            .search([("id", "=", measurement.id)])
        )

    def test_partner_button(self):
        self._measure(self.customer, 1000)
        action = self.customer_contact.with_user(
            self.agent
        ).action_view_cloc_measurements()
        self.assertEqual(action["domain"], [("partner_id", "=", self.customer.id)])
