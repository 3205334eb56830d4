# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A contract whose start date lies ahead is "upcoming", no longer "active" at once:
contracts activated before their start (e.g. sold today for the first of next
month) become upcoming; the daily billing run starts them on their start date."""


def migrate(cr, version):
    cr.execute(
        "UPDATE support_contract SET state = 'upcoming' "
        "WHERE state = 'active' AND date_start > CURRENT_DATE"
    )
