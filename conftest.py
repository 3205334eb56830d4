# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository-wide pytest settings: pytest-odoo judges tests as Odoo's runner does.

- A skipped test fails the run: Odoo skips browser tours when Chromium or
  websocket-client is missing, and pytest-odoo skips every HttpCase without
  --odoo-http; either would make a green run that tested nothing.
- A test during which Odoo logs an error fails, as under odoo-bin --test-enable (a
  tour step, a failed cron or a request that crashed server-side logs, it does not
  raise). Tests that expect an error log wrap it in ``mute_logger`` or ``assertLogs``.
"""

import logging

import pytest


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    collector = _ErrorCollector()
    odoo_logger = logging.getLogger("odoo")
    odoo_logger.addHandler(collector)
    try:
        outcome = yield
    finally:
        odoo_logger.removeHandler(collector)
    if collector.records and outcome.excinfo is None:
        messages = "\n".join(
            f"{r.name}: {r.getMessage()}"[:2000] for r in collector.records
        )
        pytest.fail(f"Odoo logged errors during the test:\n{messages}", pytrace=False)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: a skipped test fails this suite", red=True
        )
        session.exitstatus = 1
