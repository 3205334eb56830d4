# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the suite's migration scripts."""

from psycopg2.extras import Json

from odoo.tools import SQL


def rewrite_shipped_texts(cr, module, model, fname, texts):
    """Rewrite a translated field of ``noupdate`` records still as shipped.

    A module update keeps the old texts of ``noupdate`` records: each record of
    ``module`` named in ``texts`` ({xml id name: (old English text, new English
    text)}) whose English text is still the old one gets the new one, its other
    translations dropped; the update loads the translations of the new text right
    after. A record edited by the user is left alone.
    """
    for name, (old, new) in texts.items():
        cr.execute(
            SQL(
                """
                UPDATE %(table)s
                   SET %(field)s = %(new)s
                  FROM ir_model_data d
                 WHERE d.module = %(module)s AND d.name = %(name)s
                   AND d.model = %(model)s AND d.res_id = %(id)s
                   AND %(current)s->>'en_US' = %(old)s
                """,
                table=SQL.identifier(model.replace(".", "_")),
                field=SQL.identifier(fname),
                new=Json({"en_US": new}),
                module=module,
                name=name,
                model=model,
                id=SQL.identifier(model.replace(".", "_"), "id"),
                current=SQL.identifier(model.replace(".", "_"), fname),
                old=old,
            )
        )
