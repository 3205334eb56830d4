# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    support_on_duty_user_id = fields.Many2one(
        comodel_name="res.users",
        string="On Duty",
        domain="[('share', '=', False), ('id', 'in', user_ids)]",
        help="Member who takes Critical tickets and emergency calls at once; "
        "the team is notified of each such ticket.",
    )
