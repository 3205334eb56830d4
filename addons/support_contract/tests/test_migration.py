# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import importlib.util
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged
from odoo.tools import file_path

from .common import SupportContractCommon


def load_migration(version, script="post-migration"):
    """The ``migrate`` function of one of support_contract's migration scripts."""
    path = file_path(f"support_contract/migrations/{version}/{script}.py")
    spec = importlib.util.spec_from_file_location(f"{script}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate


@tagged("post_install", "-at_install")
class TestMigration(SupportContractCommon):
    """Migration 19.0.1.0.5: before it, a contract activated ahead of its start
    date was active at once; it becomes upcoming (no tickets, no billing) until
    its start, which the daily run carries out. A contract that has started stays
    active; the others keep their state."""

    def _contract_in_state(self, name, state, date_start):
        """A contract written as version 19.0.1.0.4 left it (straight in the
        database: today's version makes a future start upcoming)."""
        contract = self._create_contract(
            partner=self.env["res.partner"].create({"name": name, "is_company": True})
        )
        self.env.cr.execute(
            "UPDATE support_contract SET state = %s, date_start = %s WHERE id = %s",
            [state, date_start, contract.id],
        )
        contract.invalidate_recordset(["state", "date_start"])
        return contract

    def test_future_start_active_becomes_upcoming(self):
        # the migration compares with the database's date, not a frozen clock
        self.env.cr.execute("SELECT CURRENT_DATE")
        today = self.env.cr.fetchone()[0]
        next_month = today.replace(day=1) + relativedelta(months=1)
        sold_ahead = self._contract_in_state("Sold Ahead", "active", next_month)
        starts_today = self._contract_in_state("Starts Today", "active", today)
        running = self._contract_in_state(
            "Running", "active", today - relativedelta(months=3)
        )
        draft = self._contract_in_state("Draft Ahead", "draft", next_month)
        suspended = self._contract_in_state("Suspended", "suspended", next_month)
        self.env.flush_all()
        load_migration("19.0.1.0.5")(self.env.cr, "19.0.1.0.4")
        self.env.invalidate_all()
        self.assertEqual(sold_ahead.state, "upcoming")
        self.assertEqual(
            (starts_today.state, running.state, draft.state, suspended.state),
            ("active", "active", "draft", "suspended"),
        )
        # the daily run starts it on its start date
        self.assertEqual(sold_ahead.date_start, next_month)
        # a second pass changes nothing
        load_migration("19.0.1.0.5")(self.env.cr, "19.0.1.0.4")
        self.env.invalidate_all()
        self.assertEqual(
            (sold_ahead.state, starts_today.state, running.state),
            ("upcoming", "active", "active"),
        )


@tagged("post_install", "-at_install")
class TestMigrationSeveralWaitingAmendments(SupportContractCommon):
    """Migration 19.0.1.0.6: several amendments may wait for one contract. Odoo does
    not drop an index a model no longer declares, so the migration drops the unique
    index of one waiting amendment per contract (and its ir_model_constraint row)."""

    def test_unique_waiting_index_dropped(self):
        index = "support_contract_amendment_one_waiting_per_contract"
        cr = self.env.cr
        # the database as 19.0.1.0.5 left it
        cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS "
            "support_contract_amendment_one_waiting_per_contract "
            "ON support_contract_amendment (contract_id) WHERE state = 'pending'"
        )
        cr.execute(
            "INSERT INTO ir_model_constraint (name, type, model, module, definition) "
            "SELECT %s, 'i', m.id, mod.id, '(contract_id) WHERE state = ''pending''' "
            "FROM ir_model m, ir_module_module mod "
            "WHERE m.model = 'support.contract.amendment' "
            "AND mod.name = 'support_contract' "
            "AND NOT EXISTS (SELECT 1 FROM ir_model_constraint WHERE name = %s)",
            [index, index],
        )
        for _run in range(2):  # a second pass changes nothing
            load_migration("19.0.1.0.6")(cr, "19.0.1.0.5")
            cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [index])
            self.assertFalse(cr.fetchall())
            cr.execute("SELECT 1 FROM ir_model_constraint WHERE name = %s", [index])
            self.assertFalse(cr.fetchall())
        contract = self._create_contract(reserved_hours=15)
        contract.action_activate()
        contract._amend(reserved_hours=20, date=date(2026, 6, 1))
        contract._amend(reserved_hours=25, date=date(2026, 7, 1))
        self.env.flush_all()
        self.assertEqual(len(contract.pending_amendment_ids), 2)
