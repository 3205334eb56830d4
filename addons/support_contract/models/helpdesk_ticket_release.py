# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tickets, extended with their release through acceptance (DTAP): staff put the
change on the customer's acceptance environment and ask the key users to test it, a
key user approves it for production from the portal, staff release it."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# What the release flow alone writes (after its checks, in superuser mode)
RELEASE_FIELDS = frozenset(
    {
        "support_release_state",
        "support_release_approved_by_id",
        "support_release_approved_date",
        "support_released_date",
    }
)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    support_release_state = fields.Selection(
        selection=[
            ("acceptance", "On Acceptance"),
            ("approved", "Approved for Production"),
            ("released", "Released"),
        ],
        string="Release",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="On acceptance: the change is on the customer's acceptance environment "
        "and a key user is asked to test it (the SLA waits for the customer). "
        "Approved for production: a key user approved it in the portal. Released: "
        "staff put it in production.",
    )
    support_release_environment_id = fields.Many2one(
        comodel_name="support.contract.environment",
        string="Acceptance Environment",
        compute="_compute_support_release_environment_id",
        help="The contract's acceptance environment the key users test on.",
    )
    support_release_url = fields.Char(
        compute="_compute_support_release_environment_id", string="Acceptance URL"
    )
    support_release_approved_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Approved for Production By",
        readonly=True,
        copy=False,
        tracking=True,
    )
    support_release_approved_date = fields.Datetime(
        string="Approved for Production On", readonly=True, copy=False
    )
    support_released_date = fields.Datetime(
        string="Released On", readonly=True, copy=False
    )

    @api.depends(
        "support_contract_id.environment_ids.kind",
        "support_contract_id.environment_ids.url",
    )
    def _compute_support_release_environment_id(self):
        # sudo: agents and key users may not read the contract's records
        for ticket in self:
            environments = ticket.support_contract_id.sudo().environment_ids
            environment = environments.filtered(lambda env: env.kind == "acceptance")[
                :1
            ]
            ticket.support_release_environment_id = environment
            ticket.support_release_url = environment.url

    def write(self, vals):
        if RELEASE_FIELDS & set(vals) and not self.env.su:
            raise AccessError(
                self.env._(
                    "A release step is recorded by the release itself; these fields "
                    "cannot be written: %(fields)s",
                    fields=", ".join(sorted(RELEASE_FIELDS & set(vals))),
                )
            )
        return super().write(vals)

    def action_release_to_acceptance(self):
        """Staff put the change on acceptance: the key users are asked to test it
        on the contract's acceptance environment."""
        self.ensure_one()
        if self.support_release_state == "acceptance":
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is already on acceptance.", ticket=self.number
                )
            )
        environment = self.support_release_environment_id
        if not environment:
            raise UserError(
                self.env._(
                    "The contract of ticket %(ticket)s has no acceptance "
                    "environment: add it on the contract first.",
                    ticket=self.number,
                )
            )
        # sudo: the key users of the contract are whom the request goes to
        key_users = self.support_contract_id.sudo().key_user_ids
        # sudo: the release step is the release flow's (protected)
        self.sudo().write(
            {
                "support_release_state": "acceptance",
                "support_release_approved_by_id": False,
                "support_release_approved_date": False,
                "support_released_date": False,
            }
        )
        self.message_post(
            body=self.env._(
                "Ready for your test on %(environment)s (%(url)s). Please approve it "
                "for production on this ticket's page once it works as agreed.",
                environment=environment.name,
                url=environment.url or "-",
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=key_users.ids,
        )
        self._on_release_acceptance()
        return True

    def action_release_done(self):
        """Staff released the change to production, after the key user's approval."""
        self.ensure_one()
        if self.support_release_state != "approved":
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s goes to production once a key user approved it "
                    "after testing on acceptance.",
                    ticket=self.number,
                )
            )
        # sudo: the release step is the release flow's (protected)
        self.sudo().write(
            {
                "support_release_state": "released",
                "support_released_date": fields.Datetime.now(),
            }
        )
        return True

    def _customer_approve_release(self, partner):
        """A key user of the ticket's contract approves the change tested on
        acceptance for production. Refused, with nothing written: a partner who is
        not a key user of that contract, a ticket not on acceptance (approved twice,
        or production before acceptance)."""
        self.ensure_one()
        contract = self.support_contract_id
        if not contract or partner not in contract.sudo().key_user_ids:
            raise AccessError(
                self.env._(
                    "Only the contract's key users can approve a release for "
                    "production."
                )
            )
        if self.support_release_state != "acceptance":
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is not on acceptance: a release is approved "
                    "for production after it was tested on acceptance.",
                    ticket=self.number,
                )
            )
        # sudo: the approval is the suite's record of the customer's answer
        # (portal users write nothing themselves); checked above
        ticket = self.sudo()
        ticket.write(
            {
                "support_release_state": "approved",
                "support_release_approved_by_id": partner.id,
                "support_release_approved_date": fields.Datetime.now(),
            }
        )
        ticket.message_post(
            body=self.env._("Tested on acceptance and approved for production."),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=ticket.user_id.partner_id.ids,
        )
        self._on_release_approved()
        return True

    def _on_release_acceptance(self):
        """Hook: the ticket waits for the customer's test (the SLA pauses)."""

    def _on_release_approved(self):
        """Hook: a key user approved the release (the SLA runs again)."""
