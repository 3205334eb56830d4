# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The minimum term now ends on its last day (the end date is a contract's last
day): 12 months from 1 January end on 31 December, no longer on 1 January. The
stored value is the old one less one day, for every contract."""


def migrate(cr, version):
    cr.execute(
        "UPDATE support_contract SET min_term_end = min_term_end - 1 "
        "WHERE min_term_end IS NOT NULL"
    )
