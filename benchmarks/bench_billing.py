# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly billing of 1,000 and 4,000 support contracts, billed and posted.

Target: 1,000 contracts billed and posted in under 20 s on the 2-core machine, at most
5 SQL queries per contract, 4,000 within 4.4x of 1,000, against a baseline printed in
the same run: creating and posting the same 1,000 invoices one by one with plain
``account.move``. Each contract has a plan, 15 reserved hours, every third one two
integrations and an add-on, every second one an hour deficit to bill as excess, every
fifth one a separately billable ticket with a timesheet; every fourth one is on a
plan priced by custom code (12,340 lines at 100-line blocks), every tenth one starts
on 15 March (billed 17/31), the plans give a 10 % member rate on the excess and
separately billed hours, and the company posts and sends its monthly invoices (the
billing run posts them and marks them for Odoo's batch sending). Also prints the
number of queries reading one contract's balance for a short and a long history.

Beside the baseline, a floor: the same invoices created and posted with plain Odoo in
batches as the billing run makes them (one ``create(vals_list)`` and one post per
batch of the same size, the same context), no suite code in between: what Odoo's own
accounting costs for these invoices, which no addon booking through ``account.move``
goes below.

    bash scripts/bench billing            # fresh database, then run
    KEEP_DB=1 bash scripts/bench billing  # reuse it
    bash scripts/bench billing 1000 --no-baselines  # the suite only (while iterating)
"""

import contextlib
import copy
import threading
import time
import traceback
from collections import defaultdict
from datetime import date

from common import backend_cpu, ratio, timer

from odoo.fields import Command
from odoo.tools import split_every

MONTH = date(2026, 3, 1)


def _catalogue(env):
    company = env.ref("base.main_company")
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    Plan, Addon = env["support.plan"], env["support.addon"]
    company.support_billing_post = "post"
    plan = Plan.create(
        {
            "name": "Bench plan",
            "monthly_price": 500.0,
            "member_rate_mode": "percent",
            "member_discount": 10.0,
        }
    )
    cloc_plan = Plan.create(
        {
            "name": "Bench maintenance by code",
            "fee_mode": "cloc",
            "cloc_block_size": 100,
            "cloc_block_price": 2.5,
            "cloc_min_fee": 100.0,
            "member_rate_mode": "percent",
            "member_discount": 10.0,
        }
    )
    # the cloc-priced plan rides along with the fixed one (same arguments)
    plan = plan | cloc_plan
    addon = Addon.create({"name": "Bench extended", "monthly_price": 1000.0})
    integration = Addon.create(
        {"name": "Bench integration", "monthly_price": 295.0, "per_unit": True}
    )
    if not env["support.hour.band"].search([("company_id", "=", company.id)]):
        env["support.hour.band"].create(
            [
                {"hours_from": 0, "hours_to": 10, "discount": 4},
                {"hours_from": 10, "hours_to": 20, "discount": 6},
                {"hours_from": 20, "hours_to": 50, "discount": 9},
                {"hours_from": 50, "hours_to": 100, "discount": 11},
            ]
        )
    billable = env["support.ticket.type"].create(
        {"name": "Bench billable", "billable": True}
    )
    employee = env["hr.employee"].create(
        {"name": "Bench engineer", "user_id": env.user.id, "company_id": company.id}
    )
    return env, plan, addon, integration, billable, employee


def _contracts(env, count, tag, plan, addon, integration, billable, employee):
    partners = env["res.partner"].create(
        [{"name": f"Bench {tag} {i}", "is_company": True} for i in range(count)]
    )
    vals = []
    for i, partner in enumerate(partners):
        lines = []
        if i % 3 == 0:
            lines = [
                Command.create({"addon_id": addon.id}),
                Command.create({"addon_id": integration.id, "quantity": 2}),
            ]
        vals.append(
            {
                "partner_id": partner.id,
                "plan_id": plan[1].id if i % 4 == 1 else plan[0].id,
                "reserved_hours": 15,
                "date_start": "2026-03-15" if i % 10 == 9 else "2026-01-01",
                "state": "active",
                "addon_line_ids": lines,
                "cloc_lines": 12340,
                "cloc_date": "2026-01-15",
            }
        )
    contracts = env["support.contract"].create(vals)
    # an hour deficit on every second contract: billed as excess
    env["support.hour.ledger"].create(
        [
            {
                "contract_id": contract.id,
                "date": date(2026, 2, 10),
                "kind": "adjustment",
                "hours": -3.0,
                "name": "bench deficit",
            }
            for contract in contracts[::2]
        ]
    )
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": "Data import",
                "description": "<p>x</p>",
                "partner_id": contract.partner_id.id,
                "support_ticket_type_id": billable.id,
            }
            for contract in contracts[::5]
        ]
    )
    env["account.analytic.line"].create(
        [
            {
                "helpdesk_ticket_id": ticket.id,
                "date": date(2026, 2, 12),
                "unit_amount": 2.0,
                "name": "import",
                "employee_id": employee.id,
            }
            for ticket in tickets
        ]
    )
    # the tracking of the set-up too (Odoo writes it when the transaction
    # commits): not part of the billing run measured next
    env.cr.flush()
    return contracts


def _balance_queries(env, contract):
    env.invalidate_all()
    before = env.cr.sql_log_count
    contract.hour_balance  # noqa: B018 - the read is what is measured
    return env.cr.sql_log_count - before


def _bill_and_post(contracts, batch_size):
    """Bill the month and post what the billing run left in draft."""
    billings = contracts._bill_month(MONTH, batch_size=batch_size)
    drafts = billings.invoice_id.filtered(lambda move: move.state == "draft")
    if drafts:
        drafts.action_post()
    contracts.env.flush_all()
    return billings


@contextlib.contextmanager
def _cpu_of(env, phases, captured=None):
    """Add the CPU time of Odoo's invoice creation (``account.move.create``) and
    of the posting (``_support_post_and_send``) to ``phases``: the rest of the
    billing run is the suite's own work. With ``captured`` (a list), append a
    copy of the values of each creation to it (the copy's CPU time goes to
    ``phases["capture"]``, not counted as the run's)."""
    Move = type(env["account.move"])
    originals = {
        name: getattr(Move, name) for name in ("create", "_support_post_and_send")
    }

    def timed(name):
        def method(self, *args, **kwargs):
            if name == "create" and captured is not None:
                started = time.process_time()
                captured.append((self.env.context, copy.deepcopy(args[0])))
                phases["capture"] += time.process_time() - started
            started = time.process_time()
            try:
                return originals[name](self, *args, **kwargs)
            finally:
                phases[name] += time.process_time() - started

        return method

    for name in originals:
        setattr(Move, name, timed(name))
    try:
        yield phases
    finally:
        for name, original in originals.items():
            setattr(Move, name, original)


def _plain_invoices(env, invoices):
    """Create and post the same invoices one by one with plain account.move."""
    vals_list = [invoice._get_plain_copy_vals() for invoice in invoices]
    Move = env["account.move"]
    for vals in vals_list:
        Move.create(vals).action_post()
    env.flush_all()


def _replay_in_batches(env, captured, phases):
    """The floor with the run's own values: the same ``account.move.create``
    calls the billing run made (the values it gave, journal, fiscal position,
    accounts, taxes and amounts included, the same context), each followed by one
    plain post, and nothing else. Adds the CPU time of the creation and of the
    posting to ``phases``."""
    Move = env["account.move"]
    for context, vals_list in captured:
        started = time.process_time()
        moves = Move.with_env(env(context=context)).create(vals_list)
        phases["create"] += time.process_time() - started
        started = time.process_time()
        moves.action_post()
        env.flush_all()
        phases["post"] += time.process_time() - started


def _plain_invoices_in_batches(env, invoices, batch_size, phases):
    """The floor: create and post the same invoices with plain account.move as the
    billing run batches them, one ``create(vals_list)`` and one post per batch of
    ``batch_size``, with the context of the run's create (Odoo's own keys: no
    creation message, no followers, no tracking), and nothing else: Odoo computes
    the journal, fiscal position, accounts, taxes and amounts itself. Adds the
    CPU time of the creation and of the posting to ``phases``."""
    vals_list = [invoice._get_plain_copy_vals() for invoice in invoices]
    Move = env["account.move"].with_context(
        mail_create_nolog=True,
        mail_create_nosubscribe=True,
        mail_notrack=True,
        tracking_disable=True,
    )
    for batch in split_every(batch_size, vals_list, list):
        started = time.process_time()
        moves = Move.create(batch)
        phases["create"] += time.process_time() - started
        started = time.process_time()
        moves.action_post()
        env.flush_all()
        phases["post"] += time.process_time() - started


@contextlib.contextmanager
def _pg_cpu(env, box):
    """Put the CPU seconds the cursor's PostgreSQL backend spends in the block
    into ``box["pg"]`` (None when the server's process is not visible here)."""
    env.cr.execute("SELECT pg_backend_pid()")
    pid = env.cr.fetchone()[0]
    started = backend_cpu(pid)
    yield box
    ended = backend_cpu(pid)
    box["pg"] = None if started is None or ended is None else ended - started


@contextlib.contextmanager
def _statements(box, where=False):
    """Put the seconds this process waits for its SQL statements in the block
    (PostgreSQL's work and the round trips) into ``box["wait"]``; with
    ``where``, also ``box["shapes"]``: {(statement, who issued it): [count,
    seconds]}, who being the innermost frame of an addon on the stack (the
    suite's or Odoo's: a flush is the addon's that asked for it)."""
    box["wait"] = 0.0
    shapes = box["shapes"] = defaultdict(lambda: [0, 0.0])

    def hook(cr, query, params, start, delay):
        box["wait"] += delay
        if where:
            text = query.decode() if isinstance(query, bytes) else str(query)
            shape = shapes[(" ".join(text.split())[:160], _issuer())]
            shape[0] += 1
            shape[1] += delay

    thread = threading.current_thread()
    hooks = getattr(thread, "query_hooks", None)
    thread.query_hooks = (*(hooks or ()), hook)
    try:
        yield box
    finally:
        if hooks is None:
            del thread.query_hooks
        else:
            thread.query_hooks = hooks


def _issuer():
    """The innermost frame of an addon (the suite's or Odoo's, not the ORM)."""
    for frame in reversed(traceback.extract_stack(limit=60)[:-3]):
        name = frame.filename
        if "/addons/" in name and "/odoo/orm/" not in name:
            return f"{name.rsplit('/addons/', 1)[1]}:{frame.lineno} {frame.name}"
    return "the ORM"


def _print_statements(box, count, top):
    print(
        f"{'  waiting for PostgreSQL (statements, round trips) (s)':<60} "
        f"{box['wait']:10.3f}"
    )
    if not top:
        return
    print(f"  the {top} statements that cost the most (per contract, ms in all):")
    shapes = sorted(box["shapes"].items(), key=lambda item: -item[1][1])
    for (text, who), (number, seconds) in shapes[:top]:
        print(
            f"    {number / count:6.2f} {seconds * 1000:9.1f} ms  {who}\n"
            f"           {text}"
        )


def _print_pg_cpu(box):
    if box.get("pg") is not None:
        print(f"{'  CPU time of the PostgreSQL backend (s)':<60} {box['pg']:10.3f}")


def _floor(env, label, count, run, results, top=0):
    """Run and print a floor, ``run(phases)`` making ``count`` invoices; return
    its wall and CPU seconds."""
    phases = defaultdict(float)
    pg, statements = {}, {}
    env.flush_all()
    queries_started = env.cr.sql_log_count
    cpu_started = time.process_time()
    with (
        _pg_cpu(env, pg),
        _statements(statements, where=bool(top)),
        timer(label, results),
    ):
        run(phases)
    cpu = time.process_time() - cpu_started
    queries = env.cr.sql_log_count - queries_started
    print(f"{'  CPU time of the Odoo process (s)':<60} {cpu:10.3f}")
    print(
        f"{'    of which Odoo creating the invoices (s)':<60} {phases['create']:10.3f}"
    )
    print(f"{'    of which Odoo posting them (s)':<60} {phases['post']:10.3f}")
    _print_pg_cpu(pg)
    _print_statements(statements, count, top)
    print(f"{'  SQL queries per invoice':<60} {queries / count:10.1f}")
    return results[label], cpu


def _floors(env, invoices, wall, cpu, captured, batch_size, results, top=0):
    """Run both floors for the ``invoices`` the billing run made in ``wall``
    seconds and ``cpu`` seconds of CPU (``captured``: the values of its
    creations) and print the run's ratios to each."""
    count = len(invoices)

    def plain(phases):
        _plain_invoices_in_batches(env, invoices, batch_size, phases)

    def replay(phases):
        _replay_in_batches(env, captured, phases)

    for label, run in (
        (
            f"floor: plain account.move, {count} invoices in batches of {batch_size}",
            plain,
        ),
        (
            f"floor with the run's values: its {len(captured)} creations replayed",
            replay,
        ),
    ):
        floor, floor_cpu = _floor(env, label, count, run, results, top)
        ratio(f"  time(bill and post {count}) / this", wall, floor)
        ratio(f"  CPU(bill and post {count}) / CPU(this)", cpu, floor_cpu)


def main(env, args):
    """args: contract counts (default 1000 4000), --batch N, --profile FILE,
    --no-baselines (neither the floor nor the one-by-one baseline), --queries N
    (the N statements of the billing run that cost the most, and who issues them)."""
    baselines = "--no-baselines" not in args
    args = [arg for arg in args if arg != "--no-baselines"]
    top = 0
    if "--queries" in args:
        index = args.index("--queries")
        top = int(args[index + 1])
        args = args[:index] + args[index + 2 :]
    profile = None
    if "--profile" in args:
        index = args.index("--profile")
        profile = args[index + 1]
        args = args[:index] + args[index + 2 :]
    batch_size = 50
    if "--batch" in args:
        index = args.index("--batch")
        batch_size = int(args[index + 1])
        args = args[:index] + args[index + 2 :]
    counts = [int(arg) for arg in args] or [1000, 4000]
    env, plan, addon, integration, billable, employee = _catalogue(env)
    results = {}
    first_invoices = None
    for count in counts:
        contracts = _contracts(
            env, count, count, plan, addon, integration, billable, employee
        )
        label = f"bill and post {count} contracts for one month"
        cpu_started = time.process_time()
        queries_started = env.cr.sql_log_count
        phases = defaultdict(float)
        pg, statements = {}, {}
        # the values of the run's invoice creations, for the second floor
        captured = [] if baselines and first_invoices is None else None
        env.flush_all()
        started = time.perf_counter()
        with (
            _pg_cpu(env, pg),
            _statements(statements, where=bool(top)),
            _cpu_of(env, phases, captured),
        ):
            if profile:
                import cProfile  # noqa: PLC0415 - development aid only

                with cProfile.Profile() as profiler:
                    billings = _bill_and_post(contracts, batch_size)
                profiler.dump_stats(profile)
            else:
                billings = _bill_and_post(contracts, batch_size)
        # the copy of the values for the second floor is not the run's work
        results[label] = time.perf_counter() - started - phases["capture"]
        print(f"{label:<60} {results[label]:10.3f} s")
        if captured:
            print(
                f"{'  (not counted: copying the values for the floor) (s)':<60} "
                f"{phases['capture']:10.3f}"
            )
        cpu = time.process_time() - cpu_started - phases["capture"]
        queries = env.cr.sql_log_count - queries_started
        # the machine is shared: CPU time of this process (Odoo's Python, not
        # PostgreSQL) shows the work done whatever the load
        print(f"{'  CPU time of the Odoo process (s)':<60} {cpu:10.3f}")
        create, post = phases["create"], phases["_support_post_and_send"]
        print(f"{'    of which Odoo creating the invoices (s)':<60} {create:10.3f}")
        print(f"{'    of which Odoo posting them (s)':<60} {post:10.3f}")
        print(f"{'    of which the suite (s)':<60} {cpu - create - post:10.3f}")
        _print_pg_cpu(pg)
        _print_statements(statements, count, top)
        assert len(billings) == count, (len(billings), count)
        assert len(billings.invoice_id) == count
        assert set(billings.invoice_id.mapped("state")) == {"posted"}
        assert not contracts._bill_month(MONTH), "billed twice"
        print(f"{'  per contract (ms)':<60} {results[label] / count * 1000:10.1f}")
        print(f"{'  SQL queries per contract':<60} {queries / count:10.2f}")
        if first_invoices is None:
            first_invoices = billings.invoice_id
            first_cpu = cpu
            if baselines:
                # measured right after the suite's run, on the same database
                _floors(
                    env,
                    first_invoices,
                    results[label],
                    cpu,
                    captured,
                    batch_size,
                    results,
                    top,
                )
        contracts.write({"state": "ended", "date_end": "2027-06-30"})
        # the tracking messages of this write are written now, as a commit
        # would, not by the next measured run's first savepoint
        env.cr.flush()
    if baselines:
        baseline = f"baseline: plain account.move, {len(first_invoices)} invoices"
        cpu_started = time.process_time()
        with timer(baseline, results):
            _plain_invoices(env, first_invoices)
        baseline_cpu = time.process_time() - cpu_started
        print(f"{'  CPU time of the Odoo process (s)':<60} {baseline_cpu:10.3f}")
        ratio(
            f"time(bill and post {counts[0]}) / baseline",
            results[f"bill and post {counts[0]} contracts for one month"],
            results[baseline],
        )
        ratio(
            f"CPU(bill and post {counts[0]}) / CPU(baseline)", first_cpu, baseline_cpu
        )
    if len(counts) > 1:
        ratio(
            f"time({counts[-1]}) / time({counts[0]}) "
            f"({counts[-1] / counts[0]:.1f} = linear, target <= 4.4 for 4,000/1,000)",
            results[f"bill and post {counts[-1]} contracts for one month"],
            results[f"bill and post {counts[0]} contracts for one month"],
        )
    # the balance of one contract: queries for a short and a long history
    contract = contracts[1]
    short = _balance_queries(env, contract)
    env["support.hour.ledger"].create(
        [
            {
                "contract_id": contract.id,
                "date": date(2020 + i // 12, i % 12 + 1, 1),
                "kind": "adjustment",
                "hours": 1.0,
                "name": "history",
            }
            for i in range(72)
        ]
    )
    env.flush_all()
    long = _balance_queries(env, contract)
    print(f"{'queries reading one balance, 1 ledger line':<60} {short:10d}")
    print(f"{'queries reading one balance, 72 more ledger lines':<60} {long:10d}")
