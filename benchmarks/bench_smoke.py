# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Smoke benchmark of the harness: creating helpdesk tickets, per 100 and per 400."""

from common import ratio, timer


def main(env, args):
    results = {}
    partner = env["res.partner"].create({"name": "Bench Customer"})
    for count in (100, 400):
        vals = [
            {"name": f"Ticket {i}", "description": "<p>x</p>", "partner_id": partner.id}
            for i in range(count)
        ]
        with timer(f"create {count} helpdesk tickets", results):
            env["helpdesk.ticket"].create(vals)
            env.flush_all()
    ratio(
        "time(400) / time(100) (4.0 = linear)",
        results["create 400 helpdesk tickets"],
        results["create 100 helpdesk tickets"],
    )
