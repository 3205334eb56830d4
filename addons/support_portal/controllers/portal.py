# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.support_contract import PORTAL_LEDGER_STEP


class SupportTicketController(HelpdeskTicketController):
    @http.route(
        "/ticket/close", type="http", auth="user", methods=["POST"], website=True
    )
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a ticket from the portal: only a ticket the user may read, only into
        a stage of its team that allows it, and only by POST with a CSRF token
        (helpdesk_mgmt's GET route closed any ticket by id)."""
        ticket = _get_ticket_or_404(ticket_id)
        stage = ticket._get_portal_close_stages().filtered(
            lambda s: str(s.id) == str(stage_id)
        )
        if not stage:
            raise NotFound()
        ticket.sudo().stage_id = stage
        return request.redirect(ticket.access_url)


class SupportCustomerPortal(CustomerPortalHelpdesk):
    _support_ledger_step = PORTAL_LEDGER_STEP

    # Home

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "support_contract_count" in counters:
            Contract = request.env["support.contract"]
            values["support_contract_count"] = (
                Contract.search_count(self._get_support_contracts_domain())
                if Contract.has_access("read")
                else 0
            )
        return values

    # Tickets

    @http.route(
        ["/my/ticket/<int:ticket_id>", "/my/ticket/<int:ticket_id>/<access_token>"],
        type="http",
        auth="public",
        website=True,
        priority=100,
    )
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        # helpdesk_mgmt redirects to /my: answer 404 instead, the same for a
        # ticket that does not exist and for one the visitor may not see.
        try:
            self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return super().portal_my_ticket(ticket_id, access_token=access_token, **kw)

    # Contracts

    def _get_support_contracts_domain(self):
        """Contracts shown under /my/contracts: the record rules decide (key users
        of their customer's contracts); drafts are not the customer's yet."""
        return [("state", "!=", "draft")]

    @http.route(
        ["/my/contracts", "/my/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_support_contracts(self, page=1, **kw):
        Contract = request.env["support.contract"]
        if not Contract.has_access("read"):
            return request.redirect("/my")
        domain = self._get_support_contracts_domain()
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/contracts",
            total=Contract.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        contracts = Contract.search(
            domain,
            order="state, date_start desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_support_contracts_history"] = contracts.ids[:100]
        values.update(
            {
                # found with the user's rights; prices need products: sudo
                "contracts": contracts.sudo(),
                "page_name": "support_contract",
                "default_url": "/my/contracts",
                "pager": pager,
            }
        )
        return request.render("support_portal.portal_my_support_contracts", values)

    @http.route(
        [
            "/my/contracts/<int:contract_id>",
            "/my/contracts/<int:contract_id>/ledger",
            "/my/contracts/<int:contract_id>/ledger/page/<int:ledger_page>",
        ],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_support_contract(
        self, contract_id, access_token=None, ledger_page=1, **kw
    ):
        try:
            contract_sudo = self._document_check_access(
                "support.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        values = self._support_contract_get_page_view_values(
            contract_sudo, access_token, ledger_page=ledger_page, **kw
        )
        return request.render("support_portal.portal_my_support_contract", values)

    def _support_contract_get_page_view_values(
        self, contract, access_token, ledger_page=1, **kw
    ):
        step = self._support_ledger_step
        ledger_count = contract._get_portal_ledger_count()
        ledger_pager = portal_pager(
            url=f"/my/contracts/{contract.id}/ledger",
            url_args={"access_token": access_token} if access_token else None,
            total=ledger_count,
            page=ledger_page,
            step=step,
        )
        values = {
            "page_name": "support_contract",
            "support_contract": contract,
            "ledger_lines": contract._get_portal_ledger(
                offset=ledger_pager["offset"], limit=step
            ),
            "ledger_pager": ledger_pager,
        }
        values.update(contract._get_portal_contract_values())
        return self._get_page_view_values(
            contract,
            access_token,
            values,
            "my_support_contracts_history",
            False,
            **kw,
        )


def _get_ticket_or_404(ticket_id):
    """The ticket with this id if the current user may read it, else 404."""
    try:
        ticket = request.env["helpdesk.ticket"].browse(int(ticket_id or 0)).exists()
        if not ticket:
            raise MissingError(request.env._("This ticket does not exist."))
        ticket.check_access("read")
    except (ValueError, AccessError, MissingError) as error:
        raise NotFound() from error
    return ticket
