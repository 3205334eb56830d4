# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quarter's SLA evaluations of 1,000 contracts (20 tickets each), and one PDF.

Target (issue 18): the evaluations of one quarter for 1,000 contracts created and
their figures stored in under 2 s with at most 1 SQL query per contract (grouped
reads), one evaluation PDF under 1.5 s. Printed beside two baselines of the same
run: ``res.partner.create`` of 1,000 partners and the PDF of one quotation.

Each contract has 20 tickets received in Q3 2026 (every fifth one with a
breach), and hours used in each month of the quarter.

    bash scripts/bench evaluation                    # fresh database, then run
    KEEP_DB=1 bash scripts/bench evaluation --contracts 200
"""

import argparse
import cProfile
import pstats
from datetime import date, datetime

from common import ratio, timer

YEAR, QUARTER = 2026, 3


def _data(env, count):
    company = env.ref("base.main_company")
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    plan = env["support.plan"].create({"name": "Bench plan", "monthly_price": 500.0})
    partners = env["res.partner"].create(
        [
            {"name": f"Bench evaluation {i} B.V.", "is_company": True}
            for i in range(count)
        ]
    )
    contracts = env["support.contract"].create(
        [
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "reserved_hours": 10,
                "date_start": "2026-01-01",
                "state": "active",
            }
            for partner in partners
        ]
    )
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Bench ticket {n}",
                "description": "<p>x</p>",
                "partner_id": contract.partner_id.id,
                "support_contract_id": contract.id,
                "sla_start_date": datetime(2026, 7 + n % 3, 1 + n, 9, 0),
            }
            for contract in contracts
            for n in range(20)
        ]
    )
    env["support.sla.breach"].create(
        [
            {
                "ticket_id": ticket.id,
                "contract_id": ticket.support_contract_id.id,
                "target": "response",
                "deadline": ticket.sla_start_date.replace(hour=17),
                "cause": "bench",
            }
            for ticket in tickets[::5]
        ]
    )
    env["support.hour.ledger"].create(
        [
            {
                "contract_id": contract.id,
                "date": date(2026, month, 15),
                "kind": "consumption",
                "name": "bench",
                "hours": -8.0 - month % 3,
                "hours_logged": 8.0 + month % 3,
            }
            for contract in contracts
            for month in (7, 8, 9)
        ]
    )
    env.flush_all()
    return env, contracts


def main(env, args):
    parser = argparse.ArgumentParser(prog="bench evaluation")
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument(
        "--profile", action="store_true", help="print where the creation spends time"
    )
    options = parser.parse_args(args)
    count = options.contracts
    results = {}
    print(f"building {count} contracts with 20 tickets each", flush=True)  # noqa: T201
    env, contracts = _data(env, count)
    env.invalidate_all()

    # baseline 1: res.partner.create of as many partners
    with timer(f"baseline: res.partner.create x {count}", results):
        env["res.partner"].create([{"name": f"Baseline {i}"} for i in range(count)])
        env.flush_all()

    Evaluation = env["support.sla.evaluation"]
    env.invalidate_all()
    before = env.cr.sql_log_count
    profiler = cProfile.Profile() if options.profile else None
    with timer(f"evaluations of Q{QUARTER} {YEAR} x {count}, figures stored", results):
        if profiler:
            profiler.enable()
        evaluations = Evaluation._create_for_quarter(contracts, YEAR, QUARTER)
        env.flush_all()
        if profiler:
            profiler.disable()
    queries = env.cr.sql_log_count - before
    print(  # noqa: T201
        f"{'queries':<60} {queries:10d}    ({queries / count:.2f} per contract)"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    ratio(
        "evaluations / res.partner.create",
        results[f"evaluations of Q{QUARTER} {YEAR} x {count}, figures stored"],
        results[f"baseline: res.partner.create x {count}"],
    )
    sample = evaluations[:1]
    print(  # noqa: T201
        f"{'first evaluation: tickets, breaches, hours used':<60} "
        f"{sample.ticket_count:>4} {sample.breach_count:>4} {sample.used_hours:>6}"
    )

    # baseline 2: one quotation's PDF; then one evaluation's
    Report = env["ir.actions.report"].with_context(force_report_rendering=True)
    order = env["sale.order"].create(
        {
            "partner_id": contracts[0].partner_id.id,
            "order_line": [
                (0, 0, {"product_id": env.ref("product.product_product_4").id})
            ]
            if env.ref("product.product_product_4", raise_if_not_found=False)
            else [],
        }
    )
    for _round in range(2):  # the first render warms the assets
        with timer("baseline: quotation PDF", results):
            Report._render_qweb_pdf("sale.action_report_saleorder", order.ids)
        with timer("evaluation PDF", results):
            Report._render_qweb_pdf(
                "support_sla.action_report_sla_evaluation", sample.ids
            )
    ratio(
        "evaluation PDF / quotation PDF",
        results["evaluation PDF"],
        results["baseline: quotation PDF"],
    )
