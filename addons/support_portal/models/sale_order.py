# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sale orders, extended: the contact who signs a support quotation online becomes a
key user of the contract it sells, with portal access and a welcome mail.
"""

from odoo import models
from odoo.fields import Command

from odoo.addons.support_contract.tools.log_guard import guarded_logger

_logger = guarded_logger(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _support_contract_update(self):
        res = super()._support_contract_update()
        if self.support_contract_id and self.signature:
            self._support_welcome_signer()
        return res

    def _support_welcome_signer(self):
        """Make the signer (the order's contact) a key user of the contract, give
        them portal access and send the welcome mail.

        Runs as superuser: the signer confirms the order from the portal and
        neither they nor the salesperson edit contracts or users.
        """
        self.ensure_one()
        contract = self.support_contract_id.sudo()
        signer = self.partner_id.sudo()
        if (
            signer.is_company
            or signer.commercial_partner_id != contract.partner_id
            or signer in contract.key_user_ids
        ):
            return
        contract.key_user_ids = [Command.link(signer.id)]
        if not signer.user_ids:
            try:
                # a savepoint: a refused invitation (e-mail already used by another
                # login) must not undo the paid order; it is reported instead
                with self.env.cr.savepoint():
                    wizard = (
                        self.env["portal.wizard"]
                        .sudo()
                        .with_context(active_ids=signer.ids)
                        .create({})
                    )
                    wizard.user_ids.action_grant_access()
            except Exception as error:  # noqa: BLE001 - reported on the contract
                _logger.warning(
                    "Portal access for %s (%s) failed: %s",
                    signer.name,
                    contract.name,
                    error,
                )
                contract.message_post(
                    body=self.env._(
                        "%(signer)s is a key user but could not be given portal "
                        "access: %(error)s",
                        signer=signer.name,
                        error=str(error),
                    )
                )
        template = self.env.ref(
            "support_portal.mail_template_contract_welcome", raise_if_not_found=False
        )
        if template:
            contract.with_context(lang=signer.lang).message_post_with_source(
                template,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
                author_id=contract.company_id.partner_id.id,
                partner_ids=signer.ids,
            )
