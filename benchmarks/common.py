# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared helpers of the benchmarks: an Odoo environment on a database, timing, output.

A benchmark is a script `benchmarks/bench_<name>.py` with a `main(env, args)` function,
run by `bash scripts/bench <name>` on a fresh copy of the test database (the suite
installed, with demo data). It prints figures and ratios; it asserts nothing about wall
time (a reader compares them with the targets), so it never flakes a CI run.
"""

import contextlib
import os
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def odoo_env(config_file, database):
    """Yield a superuser environment on `database`; roll back at the end."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", config_file, "-d", database, "--log-level=warn"], setup_logging=True
    )
    registry = Registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
        finally:
            cr.rollback()


@contextlib.contextmanager
def timer(label, results=None):
    """Measure the block's wall time in seconds; print it and keep it in `results`."""
    started = time.perf_counter()
    box = {}
    yield box
    box["seconds"] = elapsed = time.perf_counter() - started
    if results is not None:
        results[label] = elapsed
    print(f"{label:<60} {elapsed:10.3f} s")


def backend_cpu(pid):
    """CPU seconds the PostgreSQL backend process `pid` has used so far, or None
    when the server does not run on this machine (/proc shows local processes)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # after "pid (command)": state is field 3, utime 14 and stime 15
            values = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(values[11]) + int(values[12])) / os.sysconf("SC_CLK_TCK")


def ratio(label, numerator, denominator):
    value = numerator / denominator if denominator else float("inf")
    print(f"{label:<60} {value:10.2f} x")
    return value


def drop_database(name):
    """Drop `name` if it exists, closing this process's connections to it first."""
    import odoo.sql_db
    from odoo.tools import SQL

    odoo.sql_db.close_db(name)
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(name)))


def build_databases(ours_db, plain_db):
    """A fresh suite database (scripts/newdb) and a copy of the dependency
    template (plain helpdesk_mgmt), the pair a benchmark compares."""
    import odoo.service.db

    template = subprocess.run(
        ["bash", str(REPO / "scripts/dbtemplate")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(  # noqa: T201
        f"building {ours_db} (the suite) and {plain_db} (plain helpdesk_mgmt)",
        flush=True,
    )
    subprocess.run(
        ["bash", str(REPO / "scripts/newdb"), ours_db],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    drop_database(plain_db)
    odoo.service.db.exp_duplicate_database(template, plain_db)
