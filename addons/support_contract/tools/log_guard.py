# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A limit on what input from outside (mails, uploads, portal forms, many records
at once) can make the suite's code log: every logger of the suite's addons goes
through guarded_logger().

- At most LOG_BURST lines a minute per message of the code (its template, level
  and logger), per process; the next line after that minute says how many were
  left out ("... (312 similar lines left out in the last 60 s)").
- One line each, of at most LOG_MAX_CHARS characters: line breaks and other
  control characters of the values are escaped (a sender's name cannot forge a log
  line), a longer message is cut and says how long it was.
"""

import logging
import threading
import time

LOG_BURST = 50
LOG_WINDOW = 60.0  # seconds
LOG_MAX_CHARS = 2000

_CONTROL = {code: f"\\x{code:02x}" for code in range(32)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x7F: "\\x7f",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text, limit=LOG_MAX_CHARS):
    """`text` on one line (control characters escaped), cut to `limit`."""
    text = str(text).translate(_CONTROL)
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(text)} characters)"
    return text


class LogGuard(logging.Filter):
    """The limit of the module docstring, as a filter of a logger."""

    def __init__(self, burst=LOG_BURST, window=LOG_WINDOW, limit=LOG_MAX_CHARS):
        super().__init__()
        self.burst = burst
        self.window = window
        self.limit = limit
        self._lock = threading.Lock()
        # {(level, template): [window start, lines logged, lines left out]}
        self._counts = {}

    def filter(self, record):
        key = (record.levelno, str(record.msg))
        now = time.time()
        with self._lock:
            count = self._counts.get(key)
            if count is None or not 0 <= now - count[0] < self.window:
                left_out = count[2] if count else 0
                count = self._counts[key] = [now, 0, 0]
            else:
                left_out = 0
            if count[1] >= self.burst:
                count[2] += 1
                return False
            count[1] += 1
        message = one_line(record.getMessage(), self.limit)
        if left_out:
            message += (
                f" ({left_out} similar line(s) left out in the last "
                f"{self.window:.0f} s)"
            )
        record.msg, record.args = message, None
        return True


def guarded_logger(name):
    """The logger `name` with the limit on what it logs."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, LogGuard) for f in logger.filters):
        logger.addFilter(LogGuard())
    return logger
