# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository-wide pytest settings: a skipped test fails the run.

Odoo skips browser tours when Chromium or websocket-client is missing, and
pytest-odoo skips every HttpCase without --odoo-http; either would make a green run
that tested nothing.
"""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: a skipped test fails this suite", red=True
        )
        session.exitstatus = 1
