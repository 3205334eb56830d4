# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import models
from . import wizards
from .tools.log_guard import guard_odoo_gateway_loggers

# Odoo's mail gateway logs a line per incoming mail, with the sender's text: the
# same limit as the suite's own loggers (see tools/log_guard.py)
guard_odoo_gateway_loggers()
