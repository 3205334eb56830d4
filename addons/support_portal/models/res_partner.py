# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contacts, extended: the support contracts of the contact's company and the
mail domains a company writes from (the intake matches unknown senders by them)."""

from urllib.parse import urlsplit

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_contract_ids = fields.One2many(
        comodel_name="support.contract",
        inverse_name="partner_id",
        string="Support Contracts",
        help="Support contracts of this commercial entity (record rules reach the "
        "key users of a ticket's customer through it).",
    )

    def unlink(self):
        # a deleted key user leaves the key users of its contract, which
        # support.contract._support_cached_key_user_ids caches per process: the
        # caches are cleared (in every worker) only when a key user is deleted,
        # not for every contact. sudo: whether any contract names them, whoever
        # deletes the contacts; active_test: archived contracts cache them too
        key_users = (
            self.env["support.contract"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("key_user_ids", "in", self.ids)], limit=1)
        )
        res = super().unlink()
        if key_users:
            self.env.registry.clear_cache()
        return res

    def _support_mail_domains(self):
        """Domains of this partner's own e-mail address and website, lower case
        ("tulpen.nl" for info@tulpen.nl and https://www.tulpen.nl)."""
        self.ensure_one()
        domains = set()
        if self.email_normalized:
            domains.add(self.email_normalized.rpartition("@")[2])
        if self.website:
            url = self.website if "//" in self.website else f"//{self.website}"
            host = (urlsplit(url).hostname or "").lower()
            domains.add(host.removeprefix("www."))
        domains.discard("")
        return domains
