# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The names of ticket types cached per process (``support.name.cache.mixin``):
what the portal prints follows every change of a name."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestNameCache(TransactionCase):
    def test_cached_names_follow_every_change(self):
        Type = self.env["support.ticket.type"]
        before = Type._get_cached_names()
        migration = Type.create({"name": "Data migration", "code": "MIG-CACHE"})
        self.assertNotIn(migration.id, before)
        self.assertEqual(Type._get_cached_names()[migration.id], "Data migration")
        # archived: still named (a ticket keeps its type)
        migration.write({"name": "Migration", "active": False})
        self.assertEqual(Type._get_cached_names()[migration.id], "Migration")
        migration.update_field_translations("name", {"en_US": "Data import"})
        self.assertEqual(Type._get_cached_names()[migration.id], "Data import")
        # another language: its own names, the source where none is given
        self.env["res.lang"]._activate_lang("nl_NL")
        migration.update_field_translations("name", {"nl_NL": "Gegevensimport"})
        self.assertEqual(
            Type.with_context(lang="nl_NL")._get_cached_names()[migration.id],
            "Gegevensimport",
        )
        self.assertEqual(Type._get_cached_names()[migration.id], "Data import")
        migration.unlink()
        self.assertNotIn(migration.id, Type._get_cached_names())
        # a write of another field keeps the cache (no clearing for nothing)
        kept = Type._get_cached_names()
        Type.search([], limit=1).sequence += 1
        self.assertIs(Type._get_cached_names(), kept)
