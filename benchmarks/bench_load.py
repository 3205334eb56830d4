# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load benchmark of the portal: concurrent key users on a multi-worker server, the
suite against plain helpdesk_mgmt.

    bash scripts/bench load [--tickets N] [--users N] [--seconds N] [--rounds N]
                            [--warmup N] [--workers N] [--keep] [--serial ROUNDS]

The two databases of ``bench portal`` (the suite with a customer of 2,000 tickets
and its contract, plain helpdesk_mgmt with the same tickets), each with a posted
invoice of the customer (the suite's: one of the contract, which the record rules
keep to the key users), and no payment provider on either side (the suite's database
comes with the demo provider of its tests, which adds a payment form to the invoice
page and payment queries to the home page). Each database gets its own ``odoo-bin
--workers=N`` server (prefork, as in production; no cron). ``--users`` concurrent
key users (sessions) request the pages in turn: home (``/my``), ticket list, ticket
page and invoice page, the same pages on both sides (under load a page's time is
mostly its wait behind the other users' requests: a page requested on one side only
would slow all of that side's pages), and "counters": the JSON-RPC calls to
``/my/counters`` the home page's scripts make after it, each side's as its browser
makes them (Odoo's counts of the entries; on the suite's side also its tiles), one
after the other. The counters are in the load so that work a page leaves to its
scripts is still done and timed; they are shown with their ratio but are not one of
the issue's pages (no target). The suite's contract page is measured after
the rounds, among the others. ``--serial ROUNDS`` measures instead what each page
costs the server for one user (time, CPU, queries, through Odoo's WSGI application),
to find where a slower side spends its time; ``--profile URL`` and ``--queries URL``
(``plain:`` prefix for plain helpdesk_mgmt, ``{ticket_id}``, ``{invoice_id}``,
``{contract_id}``; ``counters`` for the home page's counter calls) explain one
page.

A shared machine's load moves within seconds, so one long stretch per side compares
two different machines. Instead:

- warm-up: ``--warmup`` seconds of the full load on each server, not counted (every
  worker compiles its templates and fills its caches);
- ``--rounds`` rounds, each a short stretch (``--seconds``) on plain and one on the
  suite, the order alternating (plain first, then the suite first, ...) so that a
  load that rises or falls during a round weighs on both sides alike;
- the ratio suite / plain of each page's p95 (and p50) per round, and the median of
  those per-round ratios as the result (a round disturbed by another process's
  burst does not decide it).

Printed per page: requests, errors (any answer but 200), p50 and p95 in ms over all
rounds; then per page the per-round p95 ratios and their median. Targets (issue 14):
0 errors, the median per-round p95 ratio within 1.1x plain's on the pages both have.
"""

import argparse
import math
import re
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

import bench_portal
import requests
from bench_portal import LOGIN, log
from common import build_databases, drop_database

import odoo
import odoo.modules.registry
import odoo.service.db
from odoo import SUPERUSER_ID, api
from odoo.fields import Command

REPO = Path(__file__).resolve().parent.parent


def add_invoice(registry, contract_id=None):
    """A posted invoice of the bench customer (of its contract in the suite)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        partner = env["res.users"].search([("login", "=", LOGIN)]).partner_id
        vals = {
            "move_type": "out_invoice",
            "partner_id": partner.commercial_partner_id.id,
            "invoice_line_ids": [
                Command.create(
                    {"name": "Support hours", "quantity": 3, "price_unit": 100.0}
                )
            ],
        }
        if contract_id:
            vals["support_contract_id"] = contract_id
        invoice = env["account.move"].create(vals)
        invoice.action_post()
        return invoice.id


def prepare(name, registry, data, reuse):
    """The invoice of a kept database in ``data``; its payment providers off."""
    if reuse:
        with registry.cursor() as cr:
            data["invoice_id"] = (
                api.Environment(cr, SUPERUSER_ID, {})["account.move"]
                .search([("move_type", "=", "out_invoice")], limit=1)
                .id
            )
    disabled = without_payment_providers(registry)
    if disabled:
        log(f"{name}: {disabled} payment provider(s) disabled, as on the other")


def without_payment_providers(registry):
    """Disable the payment providers of a database (the suite's test set-up
    enables the demo provider; plain helpdesk_mgmt has none): the invoice and
    home pages then render the same payment parts, or none, on both sides.

    :return: the number of providers disabled
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        providers = env["payment.provider"].search([("state", "!=", "disabled")])
        providers.write({"state": "disabled", "is_published": False})
        return len(providers)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db, workers):
    """``odoo-bin --workers`` on ``db`` alone; (process, base url) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            "bash",
            str(REPO / "scripts/odoo"),
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--workers={workers}",
            "--max-cron-threads=0",
            f"--http-port={port}",
            f"--gevent-port={free_port()}",
            "--log-level=warn",
            "--limit-time-real=600",
            "--limit-time-cpu=300",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for __ in range(240):
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return process, url
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"the server on {db} did not start")


def fetch(session, url, page):
    """GET the page (a path), or make its JSON-RPC calls (a list of (path,
    params)) one after the other; whether every answer was a 200 without error."""
    if isinstance(page, str):
        response = session.get(url + page, timeout=60, allow_redirects=False)
        return response.status_code == 200
    for path, params in page:
        response = session.post(
            url + path, json=bench_portal.jsonrpc_body(params), timeout=60
        )
        if response.status_code != 200 or "error" in response.json():
            return False
    return True


def home_counters(registry, db):
    """The JSON-RPC calls the portal home's scripts make after the page, as a
    browser makes them: Odoo's counts of the entries (portal_home_counters.js: the
    page's ``data-placeholder_count`` names, in at most 3 calls of about 5). On the
    suite's side one of those names is its tiles' counter "support_glance"
    (support_glance.js); before, the tiles were a call of their own."""
    client = bench_portal.new_session(registry, db)
    html = client.get("/my").get_data(as_text=True)
    names = re.findall(r'data-placeholder_count="([^"]+)"', html)
    calls = []
    if names:
        number = min(math.ceil(len(names) / 5), 3)
        each = math.ceil(len(names) / number)
        calls = [
            ("/my/counters", {"counters": names[i * each : (i + 1) * each]})
            for i in range(number)
        ]
    return calls


def load(url, sid, pages, users, seconds):
    """``users`` threads requesting ``pages`` ({label: path}) in turn for
    ``seconds``; {label: [(ms, ok)]}."""
    samples = {label: [] for label in pages}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(offset):
        session = requests.Session()
        session.cookies.set("session_id", sid)
        labels = list(pages)
        n = offset
        while time.monotonic() < stop:
            label = labels[n % len(labels)]
            n += 1
            started = time.perf_counter()
            try:
                ok = fetch(session, url, pages[label])
            except requests.RequestException:
                ok = False
            ms = (time.perf_counter() - started) * 1000
            with lock:
                samples[label].append((ms, ok))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def serial_costs(registries, dbs, pages, rounds):
    """One key user, no concurrency, through Odoo's WSGI application in this
    process: each page's server time, CPU time and queries, the sides' pages
    requested in turn in every round; the median of the per-round ratios. What
    a page costs the server, without the queueing of the load."""
    clients = {
        name: bench_portal.new_session(registries[name], dbs[name]) for name in dbs
    }
    measured = {
        f"{name} {label}": (clients[name], path)
        for label in pages["plain"]
        for name, side in pages.items()
        for path in [side[label]]
    }
    results, samples = bench_portal.measure_all(measured, rounds)
    log(f"\n{'page (serial, medians)':<24} {'ms':>8} {'cpu ms':>8} {'queries':>8}")
    for label, (ms, queries, cpu) in results.items():
        log(f"{label:<24} {ms:8.1f} {cpu:8.1f} {queries:8d}")
    for label in pages["plain"]:
        ours, plain = f"ours {label}", f"plain {label}"
        log(
            f"{label:<10} ours/plain time "
            f"{bench_portal.paired_ratio(samples, ours, plain):5.2f}x, cpu "
            f"{bench_portal.paired_ratio(samples, ours, plain, index=1):5.2f}x, "
            f"queries {results[ours][1] - results[plain][1]:+d}"
        )


def explain(url, profile, sides):
    """cProfile (``profile``) or the SQL of one request of ``url`` (``plain:``
    prefix for plain helpdesk_mgmt) for the key user; sides: {name: (registry,
    db, ids of its pages)}."""
    side = "plain" if url.startswith("plain:") else "ours"
    registry, db, data = sides[side]
    url = url.removeprefix("plain:")
    # "counters": the home page's JSON-RPC calls to /my/counters, as in the load
    url = home_counters(registry, db) if url == "counters" else url.format(**data)
    client = bench_portal.new_session(registry, db)
    (bench_portal.profile if profile else bench_portal.print_queries)(client, url)
    return True


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def main(env, args):
    parser = argparse.ArgumentParser(prog="bash scripts/bench load")
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--serial",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="instead of the load: each page's server time, CPU and queries for "
        "one user, ROUNDS rounds (with --keep: on the kept databases)",
    )
    parser.add_argument(
        "--profile", help="cProfile this URL of ours (plain: prefix), print the top"
    )
    parser.add_argument(
        "--queries", help="print the SQL of one request of this URL (plain: prefix)"
    )
    args = parser.parse_args(args)
    odoo.tools.config["db_name"] = []
    odoo.tools.config["dbfilter"] = ""
    ours_db = f"{env.cr.dbname}_load"
    plain_db = f"{env.cr.dbname}_load_plain"
    reuse = args.keep and odoo.service.db.exp_db_exist(ours_db)
    servers = []
    try:
        if not reuse:
            build_databases(ours_db, plain_db)
        plain_registry = odoo.modules.registry.Registry(plain_db)
        ours_registry = odoo.modules.registry.Registry(ours_db)
        if reuse:
            plain = bench_portal.find_data(plain_registry)
            ours = bench_portal.find_data(ours_registry)
        else:
            log(f"data: {args.tickets} tickets of the customer, {args.tickets} other")
            plain = bench_portal.setup_plain(plain_registry, args.tickets)
            ours = bench_portal.setup_suite(ours_registry, args.tickets, args.months)
            plain["invoice_id"] = add_invoice(plain_registry)
            ours["invoice_id"] = add_invoice(ours_registry, ours["contract_id"])
        for name, registry, data in (
            ("plain", plain_registry, plain),
            ("ours", ours_registry, ours),
        ):
            prepare(name, registry, data, reuse)
        common = {
            "home": "/my",
            "list": "/my/tickets",
            "ticket": "/my/ticket/{ticket_id}",
            "invoice": "/my/invoices/{invoice_id}",
        }
        plain_pages = {label: path.format(**plain) for label, path in common.items()}
        # the same pages on both sides: under load a page's time is mostly its wait
        # behind the other users' requests, so a heavier page only one side
        # requests would slow every page of that side
        ours_pages = {label: path.format(**ours) for label, path in common.items()}
        # the home page's counters, which its scripts ask after the page: on both
        # sides, as their browsers ask them (the suite's tiles come that way)
        plain_pages["counters"] = home_counters(plain_registry, plain_db)
        ours_pages["counters"] = home_counters(ours_registry, ours_db)
        common["counters"] = "/my/counters"
        contract_pages = dict(
            ours_pages, contract="/my/contracts/{contract_id}".format(**ours)
        )
        if args.profile or args.queries:
            return explain(
                args.profile or args.queries,
                bool(args.profile),
                {
                    "plain": (plain_registry, plain_db, plain),
                    "ours": (ours_registry, ours_db, ours),
                },
            )
        if args.serial:
            serial_costs(
                {"plain": plain_registry, "ours": ours_registry},
                {"plain": plain_db, "ours": ours_db},
                {"plain": plain_pages, "ours": ours_pages},
                args.serial,
            )
            return True
        log(f"servers: --workers={args.workers} on each database")
        plain_server, plain_url = start_server(plain_db, args.workers)
        servers.append(plain_server)
        ours_server, ours_url = start_server(ours_db, args.workers)
        servers.append(ours_server)
        plain_sid = bench_portal.new_session_id(plain_registry, plain_db)
        ours_sid = bench_portal.new_session_id(ours_registry, ours_db)
        sides = {
            "plain": (plain_url, plain_sid, plain_pages),
            "ours": (ours_url, ours_sid, ours_pages),
        }
        log(f"warm-up: {args.users} users x {args.warmup} s on each server")
        for url, sid, pages in sides.values():
            load(url, sid, pages, args.users, args.warmup)
        results = {"plain": {}, "ours": {}}
        rounds = []
        for n in range(args.rounds):
            order = ("plain", "ours") if n % 2 == 0 else ("ours", "plain")
            log(
                f"round {n + 1}/{args.rounds}: {args.users} users x {args.seconds} s, "
                f"{order[0]} first"
            )
            this_round = {}
            for name in order:
                this_round[name] = load(*sides[name], args.users, args.seconds)
                for label, values in this_round[name].items():
                    results[name].setdefault(label, []).extend(values)
            rounds.append(this_round)
        log(
            f"the suite's contract page among its other pages: {args.users} users x "
            f"{args.seconds} s"
        )
        for label, values in load(
            ours_url, ours_sid, contract_pages, args.users, args.seconds
        ).items():
            results.setdefault("ours+contract", {})[label] = values
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=60)
        if not args.keep:
            for name in (ours_db, plain_db):
                odoo.modules.registry.Registry.delete(name)
                drop_database(name)

    return report(results, rounds, common)


def report(results, rounds, common):
    """Print the figures; True when the targets are met."""
    log(
        f"\n{'page':<10} {'':<13} {'requests':>8} {'errors':>6} {'p50 ms':>8} "
        f"{'p95 ms':>8}"
    )
    figures = {}
    for name in ("plain", "ours", "ours+contract"):
        for label, values in results[name].items():
            times = [ms for ms, __ in values]
            errors = sum(1 for __, ok in values if not ok)
            figures[name, label] = (
                statistics.median(times),
                percentile(times, 0.95),
                errors,
            )
            log(
                f"{label:<10} {name:<13} {len(values):8d} {errors:6d} "
                f"{figures[name, label][0]:8.1f} {figures[name, label][1]:8.1f}"
            )
    log("")
    ok = True
    errors = sum(figures[key][2] for key in figures)
    ok &= errors == 0
    log(f"errors: {errors} (target 0)")
    log("per-round ratios suite/plain (p95; p50), their median is the result:")
    for label in common:
        p50s, p95s = [], []
        for each in rounds:
            plain_times = [ms for ms, __ in each["plain"][label]]
            ours_times = [ms for ms, __ in each["ours"][label]]
            if not plain_times or not ours_times:
                continue
            p50s.append(statistics.median(ours_times) / statistics.median(plain_times))
            p95s.append(percentile(ours_times, 0.95) / percentile(plain_times, 0.95))
        pooled = figures["ours", label][1] / figures["plain", label][1]
        p50 = statistics.median(p50s)
        p95 = statistics.median(p95s)
        met = p95 <= 1.1
        log(
            f"{label:<10} p95 {' '.join(f'{r:.2f}' for r in p95s)}; "
            f"p50 {' '.join(f'{r:.2f}' for r in p50s)}"
        )
        if label == "counters":
            # not a page: the home page's counts, asked by its scripts (in the
            # load on both sides so that work moved off the page stays counted)
            verdict = "no target (the home page's counters, shown)"
        else:
            ok &= met
            verdict = f"target p95 <= 1.1x: {'met' if met else 'NOT MET'}"
        log(
            f"{label:<10} suite/plain median of rounds p50 {p50:5.2f}x, "
            f"p95 {p95:5.2f}x (pooled p95 {pooled:5.2f}x; {verdict})"
        )
    log(f"\nall targets met: {ok}")
    return ok
