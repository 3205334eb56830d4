# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    support_default_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Default Support Team",
        help="Team of a covered ticket whose contract names no team.",
    )
    support_triage_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Triage Team",
        help="Team of a ticket no running contract covers (unknown senders, "
        "prospects); without it the default support team.",
    )
    support_reopen_days = fields.Integer(
        string="Reopen Closed Tickets Within (days)",
        default=14,
        help="A customer's reply to a ticket closed at most this many days ago "
        "reopens it; a later reply opens a new ticket that links the closed one.",
    )
    support_match_sender_domain = fields.Boolean(
        string="Match Unknown Senders by Domain",
        help="A mail from an unknown address at a customer's own domain (of the "
        "customer's e-mail address or website) becomes a new contact of that "
        "customer, with its contract; otherwise it goes to triage.",
    )
