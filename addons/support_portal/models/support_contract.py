# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportContract(models.Model):
    _name = "support.contract"
    _inherit = ["support.contract", "portal.mixin"]
    # key users write to their account manager from the contract's portal page
    _mail_post_access = "read"

    key_user_count = fields.Integer(
        string="Key Users (count)",
        compute="_compute_key_user_count",
        help="Key users named on the contract; they count towards the plan's user "
        "limit.",
    )
    key_user_portal_missing = fields.Integer(
        string="Key Users without Portal Access",
        compute="_compute_key_user_count",
        help="Key users that have no portal account yet.",
    )

    @api.depends("key_user_ids")
    def _compute_key_user_count(self):
        for contract in self:
            key_users = contract.key_user_ids
            contract.key_user_count = len(key_users)
            contract.key_user_portal_missing = len(
                key_users.sudo().filtered(lambda partner: not partner.user_ids)
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/contracts/{contract.id}"
        return res

    @api.depends("user_count", "cloc_lines", "plan_id", "key_user_ids")
    def _compute_limit_warning(self):
        res = super()._compute_limit_warning()
        for contract in self:
            warning = contract._get_key_user_limit_warning()
            if warning:
                contract.limit_warning = " ".join(
                    filter(None, [contract.limit_warning, warning])
                )
        return res

    @api.constrains("key_user_ids", "partner_id")
    def _check_key_users_customer(self):
        for contract in self:
            strangers = contract.key_user_ids.filtered(
                lambda partner, c=contract: partner.commercial_partner_id
                != c.partner_id
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key users of contract %(contract)s must be contacts of "
                        "%(customer)s; %(contacts)s belong elsewhere.",
                        contract=contract.name,
                        customer=contract.partner_id.name,
                        contacts=", ".join(strangers.mapped("display_name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._warn_key_user_limit({})
        return contracts

    def write(self, vals):
        over_before = (
            {contract.id: contract._is_over_key_user_limit() for contract in self}
            if "key_user_ids" in vals or "plan_id" in vals
            else None
        )
        res = super().write(vals)
        if over_before is not None:
            self._warn_key_user_limit(over_before)
        return res

    def action_grant_key_users_portal(self):
        """Open Odoo's portal access wizard on the contract's key users."""
        self.ensure_one()
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_ids=self.key_user_ids.ids)
            .create({})
        )
        return wizard._action_open_modal()

    # Business methods

    def _get_portal_contract_values(self):
        """What the contract page of the portal shows besides the contract's fields.

        Extension point: support addons add their keys (hour balance, ledger, ...).
        """
        self.ensure_one()
        return {
            "availability": self._get_portal_availability(),
            "invoices": self._get_portal_invoices(),
        }

    def _get_portal_availability(self):
        """Availability windows in plain words: the plan's, then the add-ons'.

        :return: list of dicts with ``name``, ``lines`` (str), ``tz`` and ``note``
        """
        self.ensure_one()
        result = []
        calendar = self.plan_id.calendar_id
        if calendar:
            result.append(
                {
                    "name": self.plan_id.name,
                    "lines": calendar._get_portal_availability(),
                    "tz": calendar.tz,
                    "note": False,
                }
            )
        for line in self.addon_line_ids:
            calendar = line.addon_id.calendar_id
            if not calendar:
                continue
            result.append(
                {
                    "name": line.addon_id.name,
                    "lines": calendar._get_portal_availability(),
                    "tz": calendar.tz,
                    "note": line.addon_id.critical_only
                    and self.env._("Critical issues only"),
                }
            )
        return result

    def _get_portal_invoices(self):
        """Posted customer invoices and credit notes of the contract, newest first.

        Extension point: the monthly billing of support_contract adds its own.
        """
        self.ensure_one()
        return self.sale_order_ids.invoice_ids.filtered(
            lambda move: move.state == "posted"
            and move.move_type in ("out_invoice", "out_refund")
        ).sorted(lambda move: (move.invoice_date or move.date, move.id), reverse=True)

    def _get_key_user_limit(self):
        """Number of users the plan allows (0 = no limit): key users count."""
        self.ensure_one()
        return self.plan_id.user_limit

    def _get_key_user_limit_warning(self):
        self.ensure_one()
        limit = self._get_key_user_limit()
        if not limit or len(self.key_user_ids) <= limit:
            return False
        return self.env._(
            "%(count)s key users exceed the %(limit)s users of plan %(plan)s.",
            count=len(self.key_user_ids),
            limit=limit,
            plan=self.plan_id.name,
        )

    def _is_over_key_user_limit(self):
        self.ensure_one()
        limit = self._get_key_user_limit()
        return bool(limit) and len(self.key_user_ids) > limit

    def _warn_key_user_limit(self, over_before):
        """Tell the account manager when key users go over the plan's user limit.

        Only crossing the limit warns (not every later change while over it),
        through an activity on the contract so that staff finds it in its to-do
        list.

        :param over_before: {contract id: whether it was over the limit before}
        """
        activity_type = self.env.ref(
            "mail.mail_activity_data_warning", raise_if_not_found=False
        )
        for contract in self:
            if not contract._is_over_key_user_limit() or over_before.get(contract.id):
                continue
            contract.activity_schedule(
                activity_type_id=activity_type.id if activity_type else False,
                summary=self.env._("Key users exceed the plan's user limit"),
                note=contract._get_key_user_limit_warning(),
                user_id=(contract.user_id or self.env.user).id,
            )
