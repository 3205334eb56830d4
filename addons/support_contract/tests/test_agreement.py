# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestAgreementRecords(SupportContractCommon):
    """Confidentiality agreement, environments and a void SLA on the contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract()
        cls.agent = new_test_user(
            cls.env,
            login="agreement_agent",
            groups="support_contract.support_contract_group_user",
            company_id=cls.company.id,
        )
        cls.manager = new_test_user(
            cls.env,
            login="agreement_manager",
            groups="support_contract.support_contract_group_manager",
            company_id=cls.company.id,
        )

    @freeze_time("2026-03-10")
    def test_nda_needs_a_date_not_in_the_future(self):
        with self.assertError(ValidationError, "give the date"):
            self.contract.write({"nda_signed": True})
        self.assertFalse(self.contract.nda_signed)
        with self.assertError(ValidationError, "in the future"):
            self.contract.write({"nda_signed": True, "nda_date": "2026-03-11"})
        self.contract.write({"nda_signed": True, "nda_date": "2026-03-10"})
        self.assertEqual(str(self.contract.nda_date), "2026-03-10")

    def test_sla_void_needs_date_and_what_changed(self):
        with self.assertError(ValidationError, "needs the date and what"):
            self.contract.write({"sla_void": True, "sla_void_date": "2026-03-01"})
        with self.assertError(ValidationError, "needs the date and what"):
            self.contract.write(
                {"sla_void": True, "sla_void_date": "2026-03-01", "sla_void_note": " "}
            )
        self.assertFalse(self.contract.sla_void)
        self.contract.with_user(self.manager).with_context(
            tracking_disable=False, mail_notrack=False
        ).write(
            {
                "sla_void": True,
                "sla_void_date": "2026-03-01",
                "sla_void_note": "Another partner installed modules on production.",
            }
        )
        # tracked in the chatter: who made the SLA void, and from when
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.contract.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("sla_void", tracked)
        self.assertIn("sla_void_date", tracked)

    def test_environments_in_release_order_and_rights(self):
        self.contract.with_user(self.manager).write(
            {
                "environment_ids": [
                    Command.create(
                        {
                            "name": "Production",
                            "kind": "production",
                            "url": "https://erp.tulip.example",
                            "sequence": 3,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Acceptance",
                            "kind": "acceptance",
                            "url": "https://acc.tulip.example",
                            "sequence": 2,
                        }
                    ),
                ]
            }
        )
        self.assertEqual(
            self.contract.environment_ids.mapped("kind"), ["acceptance", "production"]
        )
        self.assertEqual(self.contract.environment_count, 2)
        # agents read the environments but do not change them
        environment = self.contract.environment_ids[:1].with_user(self.agent)
        self.assertEqual(environment.name, "Acceptance")
        with self.assertRaises(AccessError):
            environment.write({"url": "https://elsewhere.example"})
        # an address is a web address
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["support.contract.environment"].create(
                {"contract_id": self.contract.id, "name": "Test", "url": "ftp://x"}
            )
