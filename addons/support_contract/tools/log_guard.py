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
- An exception's traceback (``exc_info``, ``_logger.exception``) joins its line
  after " | ", escaped the same way, a longer one cut in its middle (its first
  line and its end, where the exception is, kept): a hostile mail that makes the
  gateway fail cannot write lines of its own through the exception's message.

Odoo's own mail gateway logs every incoming mail too ("Routing mail from ... to
...", ignored loops and bounces, routing errors quoting the sender's text), so
guard_odoo_gateway_loggers() puts the same limit on exactly the loggers named in
ODOO_GATEWAY_LOGGERS (nothing else of Odoo), counted per line of Odoo's code: some
of its messages arrive formatted already. It runs when support_contract is loaded;
logging belongs to the process, so in a server serving several databases the
limit holds for all of them from then on.
"""

import logging
import threading
import time

LOG_BURST = 50
LOG_WINDOW = 60.0  # seconds
LOG_MAX_CHARS = 2000

#: Odoo's loggers that write a line per incoming mail: the routing, loop and bounce
#: lines of the gateway, the fetching of mailboxes, and the bounces and automatic
#: replies it sends.
ODOO_GATEWAY_LOGGERS = (
    "odoo.addons.mail.models.mail_thread",
    "odoo.addons.mail.models.fetchmail",
    "odoo.addons.mail.models.mail_mail",
)

_CONTROL = {code: f"\\x{code:02x}" for code in range(32)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x7F: "\\x7f",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text, limit=LOG_MAX_CHARS, tail=0):
    """`text` on one line (control characters escaped), cut to `limit`: its
    first characters, or with `tail` its first ``limit - tail`` and last `tail`
    characters."""
    text = str(text).translate(_CONTROL)
    if len(text) > limit:
        end = f" ...{text[-tail:]}" if tail else "..."
        text = f"{text[: limit - tail]}{end} ({len(text)} characters)"
    return text


def traceback_text(record):
    """The traceback and stack a log record carries, as the handler would print
    them after its message ("" if none)."""
    formatter = logging.Formatter()
    parts = []
    if record.exc_info:
        parts.append(formatter.formatException(record.exc_info))
    elif record.exc_text:
        parts.append(record.exc_text)
    if record.stack_info:
        parts.append(formatter.formatStack(record.stack_info))
    return "\n".join(parts)


class LogGuard(logging.Filter):
    """The limit of the module docstring, as a filter of a logger."""

    def __init__(
        self, burst=LOG_BURST, window=LOG_WINDOW, limit=LOG_MAX_CHARS, by_site=False
    ):
        super().__init__()
        self.burst = burst
        self.window = window
        self.limit = limit
        # count per line of code (file and line) rather than per template: for
        # code that formats its messages before logging them
        self.by_site = by_site
        self._lock = threading.Lock()
        # {(level, template or site): [window start, lines logged, lines left out]}
        self._counts = {}

    def filter(self, record):
        if self.by_site:
            key = (record.levelno, record.pathname, record.lineno)
        else:
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
        trace = traceback_text(record)
        if trace:
            # its first line and its end, where the exception is
            message += f" | {one_line(trace, self.limit, tail=self.limit - 100)}"
            # the handler then prints no lines of its own after the message
            record.exc_info = record.exc_text = record.stack_info = None
        record.msg, record.args = message, None
        return True


def guarded_logger(name):
    """The logger `name` with the limit on what it logs."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, LogGuard) for f in logger.filters):
        logger.addFilter(LogGuard())
    return logger


def guard_odoo_gateway_loggers():
    """Put the limit on Odoo's mail gateway loggers (ODOO_GATEWAY_LOGGERS), once.

    :return: the guarded loggers
    """
    loggers = [logging.getLogger(name) for name in ODOO_GATEWAY_LOGGERS]
    for logger in loggers:
        if not any(isinstance(f, LogGuard) for f in logger.filters):
            logger.addFilter(LogGuard(by_site=True))
    return loggers
