# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's invoice page of the portal, answering 404 (instead of a redirect to /my)
for an invoice the visitor may not see, like the suite's other portal documents.
"""

from odoo import http

from odoo.addons.account.controllers.portal import PortalAccount

from .portal import _get_document_or_404


class SupportPortalAccount(PortalAccount):
    @http.route(
        ["/my/invoices/<int:invoice_id>"], type="http", auth="public", website=True
    )
    def portal_my_invoice_detail(
        self, invoice_id, access_token=None, report_type=None, download=False, **kw
    ):
        # Odoo redirects to /my; like the suite's other documents, an invoice the
        # visitor may not see (by id or by a guessed token) answers 404
        _get_document_or_404(self, "account.move", invoice_id, access_token)
        return super().portal_my_invoice_detail(
            invoice_id,
            access_token=access_token,
            report_type=report_type,
            download=download,
            **kw,
        )
