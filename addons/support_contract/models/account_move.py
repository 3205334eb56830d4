# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invoices, extended: the support contract an invoice bills, and a link to it."""

from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools import format_date


class AccountMove(models.Model):
    _inherit = "account.move"

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support Contract",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Contract whose monthly billing created this invoice.",
    )
    support_period_start = fields.Date(
        string="Billed From",
        copy=False,
        readonly=True,
        help="First day of the contract period this monthly invoice bills.",
    )
    support_period_end = fields.Date(
        string="Billed Until",
        copy=False,
        readonly=True,
        help="Last day (included) of the contract period this monthly invoice bills.",
    )

    def action_view_support_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.support_contract_id.id,
            "view_mode": "form",
        }

    def _get_support_period_label(self):
        """The contract period a monthly invoice bills, as the customer reads it
        ("1 Mar 2026 - 31 Mar 2026"); empty for other invoices."""
        self.ensure_one()
        if not self.support_period_start:
            return ""
        return self.env._(
            "%(start)s - %(end)s",
            start=format_date(self.env, self.support_period_start),
            end=format_date(self.env, self.support_period_end),
        )

    @api.model
    def _get_support_sending_data(self, user):
        """What marks an invoice to be sent by Odoo's batch sending (the scheduled
        action "Send invoices automatically"), as Odoo's batch sending wizard
        marks it, with ``user`` (the contract's account manager, else the
        billing run's user) as the author."""
        author = user or self.env.user
        return {
            "author_user_id": author.id,
            "author_partner_id": author.partner_id.id,
        }

    def _support_post_and_send(self):
        """Post these monthly invoices and send them to the customer by Odoo's
        own batch sending: the invoices are marked to be sent, by their
        salesperson (the contract's account manager), and the scheduled action
        "Send invoices automatically" renders the PDFs and mails them (it takes
        posted invoices only). The billing run marks them when it creates
        them: marking them afterwards is one more write, and Odoo synchronises
        every invoice of the batch again for it."""
        self._post(soft=False)
        for user, invoices in (
            self.filtered(lambda move: not move.sending_data)
            .grouped("invoice_user_id")
            .items()
        ):
            invoices.sending_data = self._get_support_sending_data(user)
        # sudo: the billing run's user need not manage scheduled actions
        self.env.ref("account.ir_cron_account_move_send").sudo()._trigger()

    def _get_plain_copy_vals(self):
        """Values that create the same customer invoice the ordinary way (no
        amounts given): what the monthly billing's invoices are checked and
        benchmarked against."""
        self.ensure_one()
        return {
            "move_type": self.move_type,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self.invoice_date,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": line.quantity,
                        "price_unit": line.price_unit,
                        "discount": line.discount,
                        "product_uom_id": line.product_uom_id.id,
                    }
                )
                for line in self.invoice_line_ids
            ],
        }
