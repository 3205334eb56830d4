# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.change.estimate`` (Change Request Estimate): the hours and amount of a
change request, estimated in advance and executed only after a key user of the
contract approved it (signed in the portal)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import float_compare, format_amount, format_duration

# What only the suite's code writes (the approval flow, after its checks, in
# superuser mode): a user's write of one of them is refused
PROTECTED_FIELDS = frozenset(
    {
        "state",
        "sent_date",
        "decided_date",
        "decided_by_id",
        "signature",
        "signed_by",
        "decline_reason",
        "sale_order_id",
    }
)


class SupportChangeEstimate(models.Model):
    """Hours and amount of a change request, approved by a key user before work."""

    _name = "support.change.estimate"
    _inherit = ["mail.thread"]
    _description = "Change Request Estimate"
    _order = "ticket_id, id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('support_ticket_type_id.is_change_request', '=', True)]",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    contract_id = fields.Many2one(
        related="ticket_id.support_contract_id", store=True, string="Contract"
    )
    partner_id = fields.Many2one(
        related="ticket_id.commercial_partner_id", store=True, string="Customer"
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_amount",
        store=True,
        precompute=True,
    )
    description = fields.Text(
        string="Scope",
        help="What the change request delivers, in the customer's words: the key "
        "users approve this text with the hours and the amount.",
    )
    hours = fields.Float(
        string="Estimated Hours", digits=(16, 2), required=True, tracking=True
    )
    hourly_rate = fields.Monetary(
        compute="_compute_amount",
        store=True,
        precompute=True,
        help="The contract's normal hourly rate when estimated (its pricelist).",
    )
    member_discount = fields.Float(
        string="Member Discount (%)",
        compute="_compute_amount",
        store=True,
        precompute=True,
        digits=(16, 2),
        help="The plan's member rate on the normal hourly rate, as the monthly "
        "billing gives it on change requests over their maximum.",
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        precompute=True,
        tracking=True,
        help="Estimated hours at the customer's rate: hours x hourly rate x (1 - "
        "member discount).",
    )
    rfc_max_hours = fields.Float(
        related="ticket_id.support_ticket_type_id.rfc_max_hours",
        string="Max. Hours as Support",
    )
    over_limit = fields.Boolean(
        string="Above the Support Limit",
        compute="_compute_over_limit",
        store=True,
        help="Estimated above the ticket type's maximum hours as support: once "
        "approved, the work is quoted on a sale order and billed separately, "
        "never from the reserved hours.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("sent", "Awaiting Approval"),
            ("approved", "Approved"),
            ("declined", "Declined"),
            ("cancelled", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    sent_date = fields.Datetime(string="Sent for Approval", readonly=True, copy=False)
    decided_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    decided_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Decided By",
        readonly=True,
        copy=False,
        tracking=True,
    )
    signature = fields.Image(
        max_width=1024, max_height=1024, readonly=True, copy=False, attachment=True
    )
    signed_by = fields.Char(readonly=True, copy=False)
    decline_reason = fields.Text(string="Reason Declined", readonly=True, copy=False)
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The order that bills an approved estimate above the support limit "
        "separately.",
    )

    _hours_positive = models.Constraint(
        "CHECK (hours > 0)", "An estimate has a positive number of hours."
    )

    @api.depends("ticket_id.support_contract_id", "hours")
    def _compute_amount(self):
        """Hours at the customer's rate, as the ledger bills a change request over
        its maximum: the contract's hourly rate less the plan's member discount
        (frozen once sent: what the key users were sent is what they approve,
        whatever later happens to the ticket's contract or the rates)."""
        today = fields.Date.context_today(self)
        cache = {}
        for estimate in self:
            if estimate.state not in (False, "draft"):
                # the stored figures stay as sent (as sale keeps the price of an
                # invoiced line)
                continue
            # sudo: the agent estimating may not read contracts and pricelists
            contract = estimate.ticket_id.support_contract_id.sudo()
            company = estimate.ticket_id.company_id or self.env.company
            if contract:
                rate = contract.hourly_rate
                discount = contract._get_member_discount(
                    contract._get_hour_product(), today.replace(day=1), cache
                )
                currency = contract.currency_id
            else:
                rate = contract._get_hour_product().lst_price
                discount = 0.0
                currency = company.currency_id
            estimate.currency_id = currency
            estimate.hourly_rate = rate
            estimate.member_discount = discount
            estimate.amount = currency.round(
                estimate.hours * rate * (1.0 - discount / 100.0)
            )

    @api.depends("hours", "ticket_id.support_ticket_type_id.rfc_max_hours")
    def _compute_over_limit(self):
        for estimate in self:
            limit = estimate.ticket_id.support_ticket_type_id.rfc_max_hours
            estimate.over_limit = (
                float_compare(estimate.hours, limit, precision_digits=2) > 0
            )

    @api.depends("ticket_id", "hours")
    def _compute_display_name(self):
        for estimate in self:
            estimate.display_name = self.env._(
                "%(ticket)s: estimate of %(hours)s hours",
                ticket=estimate.ticket_id.number or "",
                hours=format_duration(estimate.hours),
            )

    @api.constrains("ticket_id", "state")
    def _check_one_open_estimate(self):
        """One estimate of a ticket awaits approval or is approved at a time; a
        new one follows a decline or a withdrawal."""
        for ticket in self.ticket_id:
            open_ones = ticket.support_change_estimate_ids.filtered(
                lambda e: e.state in ("draft", "sent", "approved")
            )
            if len(open_ones) > 1:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s already has an estimate in progress or "
                        "approved; a new estimate follows a decline or a withdrawal.",
                        ticket=ticket.number,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_protected(vals_list)
        for vals in vals_list:
            ticket = self.env["helpdesk.ticket"].browse(vals.get("ticket_id"))
            if ticket and not ticket.support_ticket_type_id.is_change_request:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is not a change request: only a change "
                        "request is estimated for approval.",
                        ticket=ticket.number,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected([vals])
        if {"hours", "ticket_id", "description"} & set(vals) and not self.env.su:
            for estimate in self:
                if estimate.state != "draft":
                    raise UserError(
                        self.env._(
                            "The estimate of ticket %(ticket)s was sent for "
                            "approval: make a new estimate instead of changing it.",
                            ticket=estimate.ticket_id.number,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(estimate.state != "draft" for estimate in self):
            raise UserError(
                self.env._(
                    "An estimate sent for approval stays on record; withdraw it "
                    "instead."
                )
            )

    def action_send_for_approval(self):
        """Send the estimate to the key users of the contract, each in their
        language, from the ticket's chatter; the ticket waits for their approval."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "The estimate of ticket %(ticket)s was already sent.",
                    ticket=self.ticket_id.number,
                )
            )
        ticket = self.ticket_id
        # sudo: the agent estimating may not read contracts; their key users are
        # whom the estimate goes to
        key_users = ticket.support_contract_id.sudo().key_user_ids.filtered("email")
        if not key_users:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has no contract with a key user with an "
                    "e-mail address to approve the estimate.",
                    ticket=ticket.number,
                )
            )
        # sudo: the state is the approval flow's (protected), checked above
        self.sudo().write({"state": "sent", "sent_date": fields.Datetime.now()})
        template = self.env.ref("support_contract.mail_template_change_estimate")
        by_lang = defaultdict(lambda: self.env["res.partner"])
        default_lang = ticket.commercial_partner_id.lang or self.env.lang
        for partner in key_users:
            by_lang[partner.lang or default_lang] |= partner
        for lang, partners in sorted(by_lang.items()):
            ticket.with_context(estimate_lang=lang).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )
        self._on_sent()
        return True

    def action_withdraw(self):
        """Staff withdraw an estimate not decided yet (a new one may follow)."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Only an estimate awaiting approval can be withdrawn; this one "
                    "is %(state)s.",
                    state=self._state_label(),
                )
            )
        was_sent = self.state == "sent"
        # sudo: the state is the approval flow's (protected)
        self.sudo().write({"state": "cancelled", "decided_date": fields.Datetime.now()})
        if was_sent:
            self._on_decided()
        return True

    def action_new_estimate(self):
        """A new draft estimate of the same ticket after a decline (a form)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "context": {
                "default_ticket_id": self.ticket_id.id,
                "default_hours": self.hours,
                "default_description": self.description,
            },
        }

    def action_view_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_protected(self, vals_list):
        if self.env.su:
            return
        fnames = set().union(*(PROTECTED_FIELDS & set(vals) for vals in vals_list))
        if fnames:
            raise AccessError(
                self.env._(
                    "An estimate's approval is recorded by the approval itself; "
                    "these fields cannot be written: %(fields)s",
                    fields=", ".join(sorted(fnames)),
                )
            )

    def _customer_decide(
        self, partner, approve, name=None, signature=None, reason=None
    ):
        """A key user of the ticket's contract approves (signed) or declines the
        estimate awaiting approval.

        Refused, with nothing written: a partner who is not a key user of that
        contract, an estimate not awaiting approval (decided twice), an approval
        without signature or name, a decline without reason.
        """
        self.ensure_one()
        ticket = self.ticket_id
        contract = ticket.support_contract_id
        if not contract or partner not in contract.key_user_ids:
            raise AccessError(
                self.env._(
                    "Only the contract's key users can approve or decline an estimate."
                )
            )
        if self.state != "sent":
            raise UserError(
                self.env._(
                    "The estimate of ticket %(ticket)s is %(state)s; it cannot be "
                    "decided again.",
                    ticket=ticket.number,
                    state=self._state_label().lower(),
                )
            )
        now = fields.Datetime.now()
        vals = {"decided_date": now, "decided_by_id": partner.id}
        if approve:
            name = (name or "").strip()
            if not name or not signature:
                raise UserError(
                    self.env._("Sign with your name to approve the estimate.")
                )
            vals.update(
                {"state": "approved", "signature": signature, "signed_by": name}
            )
        else:
            reason = (reason or "").strip()
            if not reason:
                raise UserError(self.env._("Tell us why you decline the estimate."))
            if len(reason) > 5000:
                raise UserError(
                    self.env._("The reason of a decline has at most 5,000 characters.")
                )
            vals.update({"state": "declined", "decline_reason": reason})
        # sudo: the decision is the suite's record of the customer's answer
        # (portal users write nothing themselves); checked above
        estimate = self.sudo()
        estimate.write(vals)
        if approve and estimate.over_limit:
            estimate._create_sale_order()
        body = (
            self.env._(
                "Estimate of %(hours)s hours (%(amount)s) approved and signed by "
                "%(name)s.",
                hours=format_duration(estimate.hours),
                amount=estimate._format_amount(),
                name=name,
            )
            if approve
            else self.env._(
                "Estimate of %(hours)s hours (%(amount)s) declined: %(reason)s",
                hours=format_duration(estimate.hours),
                amount=estimate._format_amount(),
                reason=reason,
            )
        )
        ticket.sudo().message_post(
            body=body,
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=ticket.user_id.partner_id.ids,
        )
        estimate._on_decided()
        return estimate

    def _format_amount(self):
        self.ensure_one()
        return format_amount(self.env, self.amount, self.currency_id)

    def _create_sale_order(self):
        """The order that bills an approved estimate above the support limit
        separately: the estimated hours at the customer's rate, signed by the key
        user, confirmed."""
        self.ensure_one()
        ticket = self.ticket_id
        contract = ticket.support_contract_id
        product = contract._get_hour_product()
        order = (
            self.env["sale.order"]
            .with_company(self.company_id)
            .create(
                {
                    "partner_id": contract.partner_id.id,
                    "company_id": self.company_id.id,
                    "pricelist_id": contract.pricelist_id.id,
                    "origin": ticket.number,
                    "client_order_ref": ticket.name,
                    "user_id": contract.user_id.id,
                    "signature": self.signature,
                    "signed_by": self.signed_by,
                    "signed_on": self.decided_date,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "Change request %(ticket)s %(name)s\n%(scope)s",
                                    ticket=ticket.number,
                                    name=ticket.name,
                                    scope=self.description or "",
                                ).strip(),
                                "product_uom_qty": self.hours,
                                "price_unit": self.hourly_rate,
                                "discount": self.member_discount,
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        self.sale_order_id = order
        order.message_post(
            body=self.env._(
                "Change request %(ticket)s approved and signed by %(name)s.",
                ticket=ticket._get_html_link(),
                name=self.signed_by,
            )
        )
        return order

    def _on_sent(self):
        """Hook: the estimate was sent for approval (the SLA pauses)."""

    def _on_decided(self):
        """Hook: the estimate was approved, declined or withdrawn."""
