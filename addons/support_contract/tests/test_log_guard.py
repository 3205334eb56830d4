# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import re
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..tools.log_guard import (
    LOG_BURST,
    LOG_MAX_CHARS,
    ODOO_GATEWAY_LOGGERS,
    LogGuard,
    guarded_logger,
)

ADDONS = Path(__file__).resolve().parents[2]


@tagged("post_install", "-at_install")
class TestLogGuard(BaseCase):
    """What input from outside can make the suite log is bounded."""

    def test_a_flood_is_cut_and_counted(self):
        """At most LOG_BURST lines a minute per message; the next line after that
        minute says how many were left out."""
        logger = guarded_logger("odoo.addons.support_contract.tests.flood")
        with freeze_time("2031-03-03 10:00:00") as frozen:
            with self.assertLogs(logger, level="WARNING") as logs:
                for number in range(LOG_BURST + 70):
                    logger.warning("Mail %s ignored: automatic reply", number)
                # another message of the code is not held back by the flood
                logger.warning("Something else")
            self.assertEqual(len(logs.records), LOG_BURST + 1)
            frozen.tick(61)
            with self.assertLogs(logger, level="WARNING") as logs:
                logger.warning("Mail %s ignored: automatic reply", "next")
            self.assertEqual(
                logs.records[0].getMessage(),
                "Mail next ignored: automatic reply (70 similar line(s) left out "
                "in the last 60 s)",
            )

    def test_hostile_values_stay_on_one_bounded_line(self):
        logger = guarded_logger("odoo.addons.support_contract.tests.hostile")
        forged = "Eve\n2031-03-03 10:00:00,000 1 ERROR db odoo: forged\r\x1b[31m"
        with self.assertLogs(logger, level="WARNING") as logs:
            logger.warning("Mail from %s dropped", forged)
            logger.warning("Attachment %s dropped", "x" * 100_000)
        first, second = (record.getMessage() for record in logs.records)
        self.assertEqual(
            first,
            "Mail from Eve\\n2031-03-03 10:00:00,000 1 ERROR db odoo: forged"
            "\\r\\x1b[31m dropped",
        )
        self.assertLessEqual(len(second), LOG_MAX_CHARS + 30)
        self.assertIn("(100019 characters)", second)

    def test_a_long_traceback_keeps_its_start_and_its_exception(self):
        """A traceback joins its line; a long one is cut in its middle, its first
        line and the exception at its end kept."""
        logger = guarded_logger("odoo.addons.support_contract.tests.traceback")
        with self.assertLogs(logger, level="ERROR") as logs:
            try:
                raise ValueError("bad\nvalue " + "x" * 100_000 + " END")
            except ValueError:
                logger.exception("Processing %s failed", "mail")
        (line,) = logs.output
        self.assertTrue(
            line.startswith(
                "ERROR:odoo.addons.support_contract.tests.traceback:Processing mail "
                "failed | Traceback (most recent call last):\\n"
            ),
            line[:200],
        )
        self.assertNotIn("\n", line)
        self.assertIn("xxx END (", line)
        self.assertLessEqual(len(line), 2 * LOG_MAX_CHARS + 100)

    def test_odoos_gateway_loggers_and_no_others_are_guarded(self):
        """The limit is on Odoo's mail gateway loggers once the suite is loaded,
        and on none of Odoo's other loggers (see test_mail_intake for the flood)."""

        def guarded(name):
            return any(isinstance(f, LogGuard) for f in logging.getLogger(name).filters)

        for name in ODOO_GATEWAY_LOGGERS:
            self.assertTrue(guarded(name), name)
        for name in (
            "odoo",
            "odoo.addons.mail",
            "odoo.addons.mail.models.mail_message",
            "odoo.addons.base.models.ir_mail_server",
            "odoo.models",
            "odoo.sql_db",
        ):
            self.assertFalse(guarded(name), name)

    def test_every_logger_of_the_suite_is_guarded(self):
        """No module of the suite's addons logs through a logger of its own
        without the guard (a new module must use guarded_logger)."""
        unguarded = []
        for path in sorted(ADDONS.glob("support_*/**/*.py")):
            if "tests" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"logging\.getLogger\(", text) and (
                path.name != "log_guard.py"
            ):
                unguarded.append(str(path.relative_to(ADDONS)))
        self.assertEqual(unguarded, [])
