# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invoices store the support contracts they bill (``support_billed_contract_ids``):
the contract of their monthly billing and those of the sale orders their lines bill.

Filled here in one statement before the module's update creates the field, so that
the update does not compute it invoice by invoice for every journal entry.
"""

from odoo.tools import SQL, sql


def migrate(cr, version):
    if sql.table_exists(cr, "account_move_support_billed_contract_rel"):
        return
    cr.execute(
        SQL(
            """
            CREATE TABLE account_move_support_billed_contract_rel (
                move_id INTEGER NOT NULL,
                contract_id INTEGER NOT NULL,
                PRIMARY KEY (move_id, contract_id)
            );
            CREATE INDEX ON account_move_support_billed_contract_rel
                (contract_id, move_id);
            INSERT INTO account_move_support_billed_contract_rel (move_id, contract_id)
            SELECT id, support_contract_id
              FROM account_move
             WHERE support_contract_id IS NOT NULL
             UNION
            SELECT line.move_id, sale_order.support_contract_id
              FROM account_move_line line
              JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = line.id
              JOIN sale_order_line ON sale_order_line.id = rel.order_line_id
              JOIN sale_order ON sale_order.id = sale_order_line.order_id
             WHERE sale_order.support_contract_id IS NOT NULL
            """
        )
    )
