# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# helpdesk_mgmt's sequence of ticket numbers (HT00042)
TICKET_SEQUENCE_CODE = "helpdesk.ticket.sequence"
# What of a ticket sequence shapes the numbers the mail intake looks for
TICKET_SHAPE_FIELDS = {"code", "padding", "active"}


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model_create_multi
    def create(self, vals_list):
        sequences = super().create(vals_list)
        if sequences._support_has_ticket_sequence():
            sequences._support_ticket_sequence_changed()
        return sequences

    def write(self, vals):
        # a ticket sequence before the write (its code may change) or after it
        shaped = bool(TICKET_SHAPE_FIELDS & set(vals))
        changed = shaped and self._support_has_ticket_sequence()
        res = super().write(vals)
        if changed or (shaped and self._support_has_ticket_sequence()):
            self._support_ticket_sequence_changed()
        return res

    def unlink(self):
        changed = self._support_has_ticket_sequence()
        res = super().unlink()
        if changed:
            self._support_ticket_sequence_changed()
        return res

    def _support_has_ticket_sequence(self):
        """Whether these sequences include one of ticket numbers."""
        return any(sequence.code == TICKET_SEQUENCE_CODE for sequence in self)

    def _support_ticket_sequence_changed(self):
        """The digits of a ticket number may have changed:
        helpdesk.ticket._support_ticket_number_digits is cached per process."""
        self.env.registry.clear_cache()
