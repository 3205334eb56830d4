# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import contextlib
from email import errors as email_errors

from odoo import api, fields, models

from odoo.addons.support_contract.tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)

TICKET_MODEL = "helpdesk.ticket"
# when a customer's message arrived (a mail at the start of its processing, a
# post at its start), in seconds as ``closed_date``: noted on the cursor for the
# time of the processing (see noting_reply_arrival), or given in the context
REPLY_ARRIVAL_KEY = "support_reply_arrival"
# Defects that leave a message without a readable body: a multipart whose
# boundary is missing or never found.
STRUCTURAL_DEFECTS = (
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
)


def reply_arrival(env):
    """When the customer's message being processed arrived (None outside)."""
    return env.context.get(REPLY_ARRIVAL_KEY) or env.cr.cache.get(REPLY_ARRIVAL_KEY)


@contextlib.contextmanager
def noting_reply_arrival(env):
    """Note when the customer's message arrived, for the time of its processing
    (unless an outer processing noted it). On the cursor, not in the context: a
    context value of its own per message made every environment of the
    processing new, and a transaction keeps each environment its tracking used,
    so that a fetch of 50 mails in one transaction looked each environment up
    among hundreds (a tenth of a reply's time, bash scripts/bench mail)."""
    if reply_arrival(env):
        yield
        return
    env.cr.cache[REPLY_ARRIVAL_KEY] = fields.Datetime.now()
    try:
        yield
    finally:
        env.cr.cache.pop(REPLY_ARRIVAL_KEY, None)


def is_automatic_reply(message):
    """RFC 3834 ``Auto-Submitted`` other than "no", the usual vacation headers,
    and bulk or junk mail: never a person writing to support."""
    auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
    if auto_submitted != "no":
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    precedence = (message.get("Precedence") or "").strip().lower()
    return precedence in ("bulk", "junk", "auto_reply")


def has_broken_structure(message):
    return any(
        isinstance(defect, STRUCTURAL_DEFECTS)
        for part in message.walk()
        for defect in part.defects
    )


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """Note when the mail arrived, before any rule acts on it: a ticket a rule
        closes on this mail is not reopened by it (helpdesk.ticket's
        _sla_customer_replied)."""
        with noting_reply_arrival(self.env):
            return super().message_process(
                model,
                message,
                custom_values=custom_values,
                save_original=save_original,
                strip_attachments=strip_attachments,
                thread_id=thread_id,
            )

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """Mail to support tickets: auto-replies, bulk mail and messages with a
        broken MIME structure create and update nothing (logged); a reply to a
        ticket closed longer ago than the company allows opens a new ticket."""
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        if not any(route[0] == TICKET_MODEL for route in routes):
            return routes
        reason = None
        if is_automatic_reply(message):
            reason = "automatic reply or bulk mail"
        elif has_broken_structure(message):
            reason = "broken MIME structure"
        if reason:
            _logger.warning(
                "Support intake ignored mail from %s with Message-Id %s: %s",
                message_dict.get("email_from"),
                message_dict.get("message_id"),
                reason,
            )
            return [route for route in routes if route[0] != TICKET_MODEL]
        return self.env[TICKET_MODEL]._support_reroute_closed(routes, message_dict)
