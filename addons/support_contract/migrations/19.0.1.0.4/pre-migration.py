# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Changes waiting for a contract's next month move from the contract (``pending_*``
columns and add-on lines flagged ``pending``) to ``support.contract.amendment``
records. Before the models load: set the flagged add-on lines aside, so that an
add-on appears once on a contract again (the new unique index) and the post-migration
turns them into amendment lines."""


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'support_contract_addon' AND column_name = 'pending'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        CREATE TABLE support_contract_addon_pending_premig AS
        SELECT contract_id, addon_id, quantity
          FROM support_contract_addon
         WHERE pending
        """
    )
    cr.execute("DELETE FROM support_contract_addon WHERE pending")
