# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.configurator.request`` (Quotation Request of the Plan Configurator): one
row per quotation the public configurator created, by client address, to limit how
many one address, and everyone together, may request per hour.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Defaults of the system parameters support_portal.configurator_quotes_per_address
# and support_portal.configurator_quotes_per_hour: quotations per hour from one
# client address, and from all visitors together.
QUOTES_PER_ADDRESS = 5
QUOTES_PER_HOUR = 60


class SupportConfiguratorRequest(models.Model):
    """A quotation the public configurator created, kept two days to throttle the
    next ones. The client's address is what the throttle counts: a visitor cannot
    reset it by dropping the session cookie as with a per-session count."""

    _name = "support.configurator.request"
    _description = "Quotation Request of the Plan Configurator"
    _order = "requested_at desc, id desc"
    _log_access = False

    client_address = fields.Char(required=True, index=True, readonly=True)
    requested_at = fields.Datetime(
        default=fields.Datetime.now, required=True, index=True, readonly=True
    )

    @api.model
    def _get_limit(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            value = int(value)
        except (TypeError, ValueError):
            return default
        return value if value > 0 else default

    @api.model
    def _check_throttle(self, client_address):
        """UserError when ``client_address``, or all visitors together, requested
        their hourly number of quotations already.

        Concurrent requests wait for each other here (a transaction lock), so that
        two of them cannot both take the last place.
        """
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", self._name)
        )
        since = fields.Datetime.now() - timedelta(hours=1)
        per_address = self._get_limit(
            "support_portal.configurator_quotes_per_address", QUOTES_PER_ADDRESS
        )
        per_hour = self._get_limit(
            "support_portal.configurator_quotes_per_hour", QUOTES_PER_HOUR
        )
        recent = self.sudo().search_count([("requested_at", ">", since)])
        from_address = self.sudo().search_count(
            [("requested_at", ">", since), ("client_address", "=", client_address)]
        )
        if from_address >= per_address:
            raise UserError(
                self.env._(
                    "You have requested several quotations in the last hour; "
                    "please contact us instead."
                )
            )
        if recent >= per_hour:
            raise UserError(
                self.env._(
                    "We receive many quotation requests at the moment; please try "
                    "again in an hour or contact us."
                )
            )

    @api.model
    def _record_request(self, client_address):
        return self.sudo().create({"client_address": client_address or "unknown"})

    @api.autovacuum
    def _gc_old_requests(self):
        self.sudo().search(
            [("requested_at", "<", fields.Datetime.now() - timedelta(days=2))]
        ).unlink()
