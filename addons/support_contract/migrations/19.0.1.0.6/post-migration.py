# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several amendments may wait for one contract (one per requested change, each
with its own month): the unique index that allowed one waiting amendment per
contract goes. Odoo creates the indexes a model declares but does not drop one
that a new version no longer declares (only uninstalling the module does), so
the index and its reflection in ir_model_constraint are dropped here."""


def migrate(cr, version):
    cr.execute(
        "DROP INDEX IF EXISTS support_contract_amendment_one_waiting_per_contract"
    )
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE name = %s",
        ["support_contract_amendment_one_waiting_per_contract"],
    )
