# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer portal's support pages: the home counters, the ticket list and ticket
page with their SLA, confirming and reopening a resolution, the contract pages
(terms, hours, ledger, invoices) and the quarterly evaluations.
"""

from collections import OrderedDict
from operator import itemgetter

import babel.dates
import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import content_disposition, request
from odoo.tools import groupby as groupbyelem
from odoo.tools.misc import babel_locale_parse, format_datetime, get_lang, posix_to_ldml

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.support_contract import PORTAL_LEDGER_STEP

# The ticket's columns the portal list shows (helpdesk_mgmt's and the suite's
# columns, its groupings), read with the list's search: the ticket's other
# columns (its description above all) are not read for an 80-row page
TICKET_LIST_FIELDS = [
    "partner_id",
    "number",
    "name",
    "category_id",
    "stage_id",
    "create_date",
    "last_stage_update",
    "closed_date",
    "sla_priority_id",
    "support_ticket_type_id",
    "sla_status",
    "sla_next_deadline",
]

# The ticket's columns its portal page reads: the record rules' (company,
# customer, contact), helpdesk_mgmt's page, and the suite's SLA, release,
# estimate and escalation parts. A column missing here is still read when the
# page needs it, with the ticket's other columns (one query more).
TICKET_PAGE_FIELDS = [
    "company_id",
    "partner_id",
    "commercial_partner_id",
    "access_token",
    "number",
    "name",
    "description",
    "user_id",
    "stage_id",
    "team_id",
    "category_id",
    "create_date",
    "last_stage_update",
    "closed_date",
    "support_contract_id",
    "support_ticket_type_id",
    "sla_priority_id",
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_response_status",
    "sla_resolution_status",
    "sla_first_response_date",
    "sla_resolved_date",
    "sla_paused",
    "sla_paused_hours",
    "sla_customer_escalation_level",
    "support_change_estimate_id",
    "support_release_state",
    "support_release_environment_id",
    "support_release_approved_by_id",
    "support_released_date",
]


class SupportCustomerPortal(CustomerPortalHelpdesk):
    _support_ledger_step = PORTAL_LEDGER_STEP

    # Home

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        if not counters:
            # the page itself: only the tiles' place (no query), a counter
            # "support_glance" that Odoo's portal home asks in one of its
            # /my/counters calls with the entries' counts; the tiles also say
            # whether the suite's entries (contracts, evaluations) are shown
            values["support_glance_lazy"] = any(
                env[model].has_access("read")
                for model in (
                    "helpdesk.ticket",
                    "support.contract",
                    "support.sla.evaluation",
                )
            )
        if "support_glance" in counters:
            values["support_glance"] = env["ir.qweb"]._render(
                "support_portal.portal_my_home_glance_tiles",
                {"support_glance": self._support_glance_values()},
            )
        if "support_evaluation_count" in counters:
            Evaluation = env["support.sla.evaluation"]
            values["support_evaluation_count"] = (
                Evaluation.search_count([]) if Evaluation.has_access("read") else 0
            )
        if "support_contract_count" in counters:
            Contract = env["support.contract"]
            values["support_contract_count"] = (
                Contract.search_count(self._get_support_contracts_domain())
                if Contract.has_access("read")
                else 0
            )
        return values

    def _support_glance_values(self):
        """The tiles at the top of /my, with the user's rights: open tickets, at
        risk, waiting for the customer, the hours left in the contract's wallet
        (key users) and the invoices still to pay; and under ``entries`` the
        suite's entries of the page the user has records of (their URLs)."""
        env = request.env
        glance = {"entries": []}
        Contract = env["support.contract"]
        if env["helpdesk.ticket"].has_access("read"):
            glance.update(env["helpdesk.ticket"]._get_portal_glance_counts())
            # the wallet of the running contract the user may read (key users):
            # its ledger's sum, contract and balance in one query
            Ledger = env["support.hour.ledger"]
            wallet = Ledger.has_access("read") and Ledger._read_group(
                [("contract_id.state", "=", "active")],
                ["contract_id"],
                ["hours:sum"],
                limit=1,
            )
            if wallet:
                glance["contract"], glance["hours_left"] = wallet[0]
            else:  # a running contract without any movement yet: 0 h
                glance["contract"] = Contract.has_access("read") and Contract.search(
                    [("state", "=", "active")], limit=1
                )
                glance["hours_left"] = 0.0
            Move = env["account.move"]
            glance["invoices_due"] = Move.has_access("read") and Move.search_count(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ]
            )
        # the entries: a running contract found above is one of the contracts
        # listed (no count); evaluations are of the contracts their key users
        # read (the portal rules), so they are counted only when there is one
        if glance.get("contract") or (
            Contract.has_access("read")
            and Contract.search_count(self._get_support_contracts_domain(), limit=1)
        ):
            glance["entries"].append("/my/contracts")
            Evaluation = env["support.sla.evaluation"]
            if Evaluation.has_access("read") and Evaluation.search_count([], limit=1):
                glance["entries"].append("/my/evaluations")
        return glance

    # Lists

    def _support_list_page(
        self,
        model,
        domain,
        url,
        page,
        order=None,
        url_args=None,
        history=None,
        field_names=None,
    ):
        """One page of a portal list, the pattern of every list of the suite: Odoo's
        pager over the records of ``model`` the visitor may read (record rules)
        within ``domain``, and that page's records; their ids are kept in the
        session under ``history`` for the previous / next links of the record
        pages. With ``field_names``, the records come with those columns read in
        the search's query (a column not listed is still read when needed).

        :return: (records, pager)
        """
        pager = portal_pager(
            url=url,
            url_args=url_args,
            total=model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = model.search_fetch(
            domain,
            field_names or [],
            order=order,
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        if history:
            request.session[history] = records.ids[:100]
        return records, pager

    # Tickets

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        priority=100,
    )
    def portal_my_tickets(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        filterby=None,
        search=None,
        search_in=None,
        groupby=None,
        **kw,
    ):
        """helpdesk_mgmt's ticket list (its template and its hooks for sortings,
        groupings, search inputs and order) with the suite's filters beside its
        stage filters, on the suite's one list pattern (_support_list_page)."""
        Ticket = request.env["helpdesk.ticket"]
        if not Ticket.has_access("read"):
            return request.redirect("/my")
        filters = self._support_ticket_searchbar_filters()
        params = self._support_clean_ticket_list_params(
            filters,
            {
                "filterby": filterby,
                "sortby": sortby,
                "groupby": groupby,
                "search_in": search_in,
                "date_begin": date_begin,
                "date_end": date_end,
            },
        )
        sortings = dict(
            sorted(
                self._ticket_get_searchbar_sortings().items(),
                key=lambda item: item[1]["sequence"],
            )
        )
        filterby = params["filterby"] or "all"
        sortby = params["sortby"] or "date"
        groupby = params["groupby"] or "none"
        search_in = params["search_in"] or "all"
        date_begin, date_end = params["date_begin"], params["date_end"]
        domain = Domain(filters[filterby]["domain"])
        if date_begin and date_end:
            domain &= Domain("create_date", ">", date_begin) & Domain(
                "create_date", "<=", date_end
            )
        if search:
            domain &= Domain(self._ticket_get_search_domain(search_in, search))
        tickets, pager = self._support_list_page(
            Ticket,
            domain,
            "/my/tickets",
            page,
            order=self._ticket_get_order(sortings[sortby]["order"], groupby),
            url_args={
                "date_begin": date_begin,
                "date_end": date_end,
                "sortby": sortby,
                "filterby": filterby,
                "groupby": groupby,
                "search": search,
                "search_in": search_in,
            },
            history="my_tickets_history",
            field_names=TICKET_LIST_FIELDS,
        )
        group = self._ticket_get_groupby_mapping().get(groupby)
        if group:
            grouped_tickets = [
                Ticket.concat(*records)
                for __, records in groupbyelem(tickets, itemgetter(group))
            ]
        else:
            grouped_tickets = [tickets] if tickets else []
        tz = self._support_viewer_tz()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "date": date_begin,
                "date_end": date_end,
                "grouped_tickets": grouped_tickets,
                "page_name": "ticket",
                "default_url": "/my/tickets",
                "pager": pager,
                "searchbar_sortings": sortings,
                "searchbar_groupby": self._ticket_get_searchbar_groupby(),
                "searchbar_inputs": self._ticket_get_searchbar_inputs(),
                "search_in": search_in,
                "search": search,
                "sortby": sortby,
                "groupby": groupby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "support_tz": tz,
                "support_deadlines": self._support_format_deadlines(tickets, tz),
                "support_rows": self._support_ticket_rows(tickets, tz),
            }
        )
        return request.render("helpdesk_mgmt.portal_my_tickets", values)

    def _support_ticket_searchbar_filters(self):
        """Filters of the ticket list: all, the suite's (helpdesk.ticket's
        _get_portal_filters, in their order), then helpdesk_mgmt's one per stage."""
        filters = OrderedDict(all={"label": request.env._("All"), "domain": []})
        portal_filters = request.env["helpdesk.ticket"]._get_portal_filters()
        for key, value in sorted(
            portal_filters.items(), key=lambda item: item[1]["sequence"]
        ):
            filters[key] = {"label": value["label"], "domain": value["domain"]}
        for stage in request.env["helpdesk.ticket.stage"].search([]):
            filters[str(stage.id)] = {
                "label": stage.name,
                "domain": [("stage_id", "=", stage.id)],
            }
        return filters

    def _support_clean_ticket_list_params(self, filters, params):
        """The list's parameters with every unknown value replaced by the default
        (helpdesk_mgmt answers 500 to an unknown sortby or groupby, and to a date
        that is not one): a hand-edited address shows the default list."""
        params = dict(params)
        choices = {
            "filterby": filters,
            "sortby": self._ticket_get_searchbar_sortings(),
            "groupby": self._ticket_get_searchbar_groupby(),
            "search_in": self._ticket_get_searchbar_inputs(),
        }
        for key, known in choices.items():
            if params.get(key) not in known:
                params[key] = None
        for key in ("date_begin", "date_end"):
            try:
                fields.Datetime.to_datetime(params.get(key))
            except ValueError:
                params[key] = None
        return params

    def _support_ticket_rows(self, tickets, tz):
        """{ticket id: the texts of its row in the list}: its contact's name,
        the days it was created, last changed stage and closed, in the zone of
        the deadlines, and the names of its priority and type (from their
        per-process cache: no query).

        The same text as the field converters of helpdesk_mgmt's list (its
        contact as a many2one, the days as dates of the zone ``tz``, with the
        language's date format through babel), with the format parsed once per
        page instead of once per cell: the converters cost a third of an 80-row
        page.
        """
        env = request.env
        lang = get_lang(env)
        locale = babel_locale_parse(lang.code)
        pattern = posix_to_ldml(lang.date_format, locale=locale)
        zone = _zone(tz)

        def day(value):
            if not value:
                return False  # no cell text, as the converter's (no <span>)
            local = pytz.utc.localize(value).astimezone(zone)
            return babel.dates.format_date(local, format=pattern, locale=locale)

        priorities = env["support.priority"]._get_cached_names()
        types = env["support.ticket.type"]._get_cached_names()
        # sudo: the contact's name, as the many2one converter prints it (sudo)
        return {
            ticket.id: {
                "priority": priorities.get(ticket.sla_priority_id.id, ""),
                "type": types.get(ticket.support_ticket_type_id.id, ""),
                "partner": ticket.partner_id.sudo().display_name or False,
                "create": day(ticket.create_date),
                "update": day(ticket.last_stage_update),
                "closed": day(ticket.closed_date),
            }
            for ticket in tickets
        }

    def _support_format_deadlines(self, tickets, tz):
        """{ticket id: next SLA deadline in the viewer's time zone and language}.

        One strftime per row with the language's formats, to the minute (a
        deadline falls on a whole minute; seconds only widened the column): what
        the datetime widget prints with ``hide_seconds``, without its per-value
        cost on an 80-row page.
        """
        lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
        # the time stays on one line ("05:00\u00a0PM") when the column wraps
        time_format = lang.time_format.replace(":%S", "").replace(" ", "\u00a0")
        pattern = f"{lang.date_format} {time_format}"
        zone = _zone(tz)
        return {
            ticket.id: pytz.utc.localize(ticket.sla_next_deadline)
            .astimezone(zone)
            .strftime(pattern)
            for ticket in tickets
            if ticket.sla_next_deadline
        }

    def _support_viewer_tz(self, ticket=None):
        """Time zone deadlines are shown in: the viewer's, else the reporter's zone
        of the ticket (its contact's, else its contract calendar's), else the zone
        of the calendar of the viewer's contract; UTC only when none is known."""
        env = request.env
        user = env.user
        if not user._is_public():
            # the user's zone as their session's context carries it (Odoo's own
            # date fields render in it): no read of the user and their partner
            tz = env.context["tz"] if "tz" in env.context else user.tz
            if tz:
                return tz
        if ticket:
            return ticket.support_reader_tz
        Contract = env["support.contract"].sudo()
        partner = user.partner_id.commercial_partner_id
        # sudo: the zone of the calendar of the viewer's own contract
        contract = Contract._get_active_contract_for_partners(partner).get(
            partner.id, Contract
        )
        # sudo: the zone of the company's working time (a portal user may not read
        # resource calendars)
        return (
            contract.plan_id.calendar_id.tz
            or env.context.get("tz")
            or env.company.sudo().resource_calendar_id.tz
            or "UTC"
        )

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        is_user = not request.env.user._is_public()
        closing = values.get("closed_stages")
        tz = self._support_viewer_tz(ticket)
        env = request.env

        def fmt(value):
            return value and format_datetime(env, value, tz=tz)

        pauses = []
        # the pause log is read only for tickets paused now or before, in one
        # query of the three columns shown
        if ticket.sla_paused or ticket.sla_paused_hours:
            pauses = [
                {
                    "reason": pause.reason,
                    "start": fmt(pause.date_start),
                    "end": fmt(pause.date_end),
                }
                for pause in ticket.env["support.sla.pause"].search_fetch(
                    [("ticket_id", "=", ticket.id)],
                    ["reason", "date_start", "date_end"],
                    order="date_start, id",
                )
            ]
        # what the page shows of the ticket's contract: its name, not every
        # column; the type's and priority's names come from their per-process
        # cache (no query)
        ticket.support_contract_id.fetch(["name"])
        # the reader and the ticket's assignee, then their partners and the
        # ticket's contact, each in one query (the page and its layout read them
        # one by one otherwise)
        users = ticket.env["res.users"].browse(
            {request.env.uid, ticket.user_id.id} - {False}
        )
        (users.partner_id | ticket.partner_id).fetch()
        levels = dict(
            request.env["support.sla.customer.escalation"]
            ._fields["level"]
            ._description_selection(request.env)
        )
        values.update(
            {
                # avatars by URL (a scoped token each): computing them into the
                # page cost more than the rest of the sidebar
                "support_avatars": {
                    "partner": _avatar_url(ticket.partner_id),
                    "user": _avatar_url(ticket.user_id.partner_id),
                },
                "support_tz": tz,
                "support_type_name": env["support.ticket.type"]
                ._get_cached_names()
                .get(ticket.support_ticket_type_id.id),
                "support_priority_name": env["support.priority"]
                ._get_cached_names()
                .get(ticket.sla_priority_id.id),
                "support_dates": {
                    "response": fmt(ticket.sla_response_deadline),
                    "resolution": fmt(ticket.sla_resolution_deadline),
                },
                "support_pauses": pauses,
                "support_can_confirm": is_user and ticket._portal_can_confirm(),
                "support_can_reopen": is_user and ticket._portal_can_reopen(),
                # escalations asked by the customer: shown to whoever reads the
                # ticket; the form only to the contract's key users
                "support_escalations": [
                    {
                        "level": levels.get(escalation.level),
                        "user": escalation.user_id.name,
                        "request": fmt(escalation.request_date),
                        "deadline": fmt(escalation.response_deadline),
                        "response": fmt(escalation.response_date),
                    }
                    for escalation in (
                        ticket.sla_customer_escalation_level
                        and ticket.sla_customer_escalation_ids
                        or []
                    )
                ],
                "support_escalate_level": is_user
                and ticket._customer_can_escalate(request.env.user.partner_id)
                and ticket._customer_escalation_next_level(),
                "support_error": kwargs.get("support_error"),
                # a change request's estimate once sent: shown to whoever reads
                # the ticket; approved or declined by the contract's key users
                **self._support_estimate_values(ticket, is_user),
                # the closing buttons ask first (see /ticket/close)
                "support_close_stage": closing
                and _pick_by_id(closing, kwargs.get("support_close")),
            }
        )
        return values

    @http.route(
        "/my/tickets/<int:ticket_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_confirm(self, ticket_id, **kw):
        """The customer confirms that the ticket is resolved."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        try:
            ticket.sudo()._portal_confirm_resolution(request.env.user.partner_id)
        except UserError as error:
            return self._support_ticket_error(ticket, error)
        return request.redirect(ticket.access_url)

    @http.route(
        "/my/tickets/<int:ticket_id>/reopen",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_reopen(self, ticket_id, reason=None, **kw):
        """The customer reopens a resolved or closed ticket, saying why."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        try:
            ticket.sudo()._portal_reopen(request.env.user.partner_id, reason=reason)
        except UserError as error:
            return self._support_ticket_error(ticket, error)
        return request.redirect(ticket.access_url)

    @http.route(
        "/my/tickets/<int:ticket_id>/escalate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_escalate(self, ticket_id, reason=None, level=None, **kw):
        """A key user of the ticket's contract asks for an escalation: level 1
        to the senior partner, then level 2 to the managing partner."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        # sudo: _customer_escalate checks the user is a key user of the ticket's
        # contract before it records anything
        return self._support_ticket_action(
            ticket,
            lambda partner: ticket.sudo()._customer_escalate(
                partner, reason, level=level
            ),
        )

    def _support_estimate_values(self, ticket, is_user):
        estimate = ticket.support_change_estimate_id
        if estimate.state not in ("sent", "approved", "declined"):
            estimate = estimate.browse()
        partner = request.env.user.partner_id
        contract = ticket.support_contract_id
        is_key_user = bool(contract) and contract._is_key_user(partner)
        return {
            "support_estimate": estimate,
            "support_can_decide": is_user and estimate.state == "sent" and is_key_user,
            # the release step: the acceptance environment to test on, and the
            # approval for production for the key users
            "support_can_approve_release": is_user
            and ticket.support_release_state == "acceptance"
            and is_key_user,
        }

    def _support_get_estimate(self, ticket_id, estimate_id):
        """The estimate of a ticket the user may read, else 404."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        # sudo: the ticket's estimates, once the user may read the ticket
        estimate = _pick_by_id(ticket.sudo().support_change_estimate_ids, estimate_id)
        if not estimate:
            raise NotFound()
        return ticket, estimate

    @http.route(
        "/my/tickets/<int:ticket_id>/estimates/<int:estimate_id>/accept",
        type="jsonrpc",
        auth="user",
        website=True,
    )
    def portal_estimate_accept(self, ticket_id, estimate_id, name=None, signature=None):
        """A key user of the ticket's contract approves the estimate with a
        signature (Odoo's portal signature form)."""
        # a ticket or estimate the user may not read: an access error (the page
        # with the form is not theirs either)
        ticket, estimate = self._support_get_estimate(ticket_id, estimate_id)
        try:
            # sudo: _customer_decide checks the user is a key user of the ticket's
            # contract and the estimate awaits approval before it records anything
            with request.env.cr.savepoint():
                estimate._customer_decide(
                    request.env.user.partner_id, True, name=name, signature=signature
                )
        except (UserError, AccessError, ValueError) as error:
            return {"error": str(error.args[0])}
        return {
            "force_refresh": True,
            "redirect_url": f"{ticket.access_url}?estimate=approved",
        }

    @http.route(
        "/my/tickets/<int:ticket_id>/estimates/<int:estimate_id>/decline",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_estimate_decline(self, ticket_id, estimate_id, reason=None, **kw):
        """A key user of the ticket's contract declines the estimate, saying why."""
        ticket, estimate = self._support_get_estimate(ticket_id, estimate_id)
        # sudo (the estimate): as for the approval, checked by _customer_decide
        return self._support_ticket_action(
            ticket,
            lambda partner: estimate._customer_decide(partner, False, reason=reason),
        )

    @http.route(
        "/my/tickets/<int:ticket_id>/release/approve",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_release_approve(self, ticket_id, **kw):
        """A key user of the ticket's contract approves for production the change
        tested on acceptance."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        # sudo: _customer_approve_release checks the user is a key user of the
        # ticket's contract and the ticket is on acceptance before it writes
        return self._support_ticket_action(
            ticket, lambda partner: ticket.sudo()._customer_approve_release(partner)
        )

    def _support_ticket_action(self, ticket, action):
        """Run a customer's action on a ticket (``action(partner)``): back to the
        ticket's page, or its page with the refusal (400) and nothing written."""
        try:
            with request.env.cr.savepoint():
                action(request.env.user.partner_id)
        except (UserError, AccessError) as error:
            return self._support_ticket_error(ticket, error)
        return request.redirect(ticket.access_url)

    def _support_ticket_error(self, ticket, error):
        response = self.portal_my_ticket(ticket.id, support_error=error.args[0])
        response.status_code = 400
        return response

    @http.route(
        ["/my/ticket/<int:ticket_id>", "/my/ticket/<int:ticket_id>/<access_token>"],
        type="http",
        auth="public",
        website=True,
        priority=100,
    )
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        # helpdesk_mgmt's page: a ticket that does not exist and one the visitor may
        # not see both send back to /my, as helpdesk_mgmt and Odoo's portal do
        # sudo: the columns the page shows, read into the cache before the access
        # check, whose record rules would otherwise read all ~80 columns of the
        # ticket, most of them never shown; nothing of the ticket is shown, nor
        # the redirect told apart, before the check passes
        request.env["helpdesk.ticket"].sudo().browse(ticket_id).fetch(
            TICKET_PAGE_FIELDS
        )
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        # attachments are shown with their access token
        for attachment in ticket_sudo.attachment_ids:
            attachment.generate_access_token()
        # the previous / next links read the neighbours' access tokens: one light
        # query for both, instead of a fetch of every column of each
        history = request.session.get("my_tickets_history", [])
        if ticket_sudo.id in history:
            index = history.index(ticket_sudo.id)
            neighbours = history[max(index - 1, 0) : index + 2]
            ticket_sudo.browse(neighbours).fetch(["access_token"])
        values = self._ticket_get_page_view_values(ticket_sudo, access_token, **kw)
        return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)

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
        contracts, pager = self._support_list_page(
            Contract,
            self._get_support_contracts_domain(),
            "/my/contracts",
            page,
            order="state, date_start desc, id desc",
            history="my_support_contracts_history",
        )
        values = self._prepare_portal_layout_values()
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
        contract_sudo = _get_document_or_404(
            self, "support.contract", contract_id, access_token
        )
        if contract_sudo.state == "draft":
            # not the customer's yet: absent from /my/contracts, absent by id too
            raise NotFound()
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

    # Evaluations: the quarterly SLA reports of support_sla, once discussed

    @http.route(
        ["/my/evaluations", "/my/evaluations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_support_evaluations(self, page=1, **kw):
        Evaluation = request.env["support.sla.evaluation"]
        if not Evaluation.has_access("read"):
            return request.redirect("/my")
        evaluations, pager = self._support_list_page(
            Evaluation,
            [],
            "/my/evaluations",
            page,
            history="my_support_evaluations_history",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # found with the user's rights; the figures read tickets: sudo
                "evaluations": evaluations.sudo(),
                "page_name": "support_evaluation",
                "default_url": "/my/evaluations",
                "pager": pager,
            }
        )
        return request.render("support_portal.portal_my_support_evaluations", values)

    @http.route(
        ["/my/evaluations/<int:evaluation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_support_evaluation(
        self,
        evaluation_id,
        access_token=None,
        report_type=None,
        download=False,
        support_error=None,
        **kw,
    ):
        evaluation_sudo = _get_document_or_404(
            self, "support.sla.evaluation", evaluation_id, access_token
        )
        if report_type in ("html", "pdf"):
            response = self._show_report(
                model=evaluation_sudo,
                report_type=report_type,
                report_ref="support_sla.action_report_sla_evaluation",
                download=download,
            )
            if report_type == "pdf":
                # the portal's default name replaces every non-word character
                # with "_"; the customer gets the name the back office prints:
                # "SLA evaluation 2026-Q3 - Tulip Trading B.V.pdf"
                response.headers["Content-Disposition"] = content_disposition(
                    f"{evaluation_sudo._get_report_base_filename()}.pdf",
                    disposition_type="attachment" if download else "inline",
                )
            return response
        values = self._get_page_view_values(
            evaluation_sudo,
            access_token,
            {
                "page_name": "support_evaluation",
                "support_evaluation": evaluation_sudo,
                "support_error": support_error,
                "can_object": evaluation_sudo._portal_can_object(
                    request.env.user.partner_id
                ),
            },
            "my_support_evaluations_history",
            False,
            **kw,
        )
        return request.render("support_portal.portal_my_support_evaluation", values)

    @http.route(
        "/my/evaluations/<int:evaluation_id>/object",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_evaluation_object(self, evaluation_id, objection=None, **kw):
        """A key user of the contract objects in writing to a discussed
        evaluation, within the objection period."""
        # found with the user's rights: the portal rule shows an evaluation to
        # the contract's key users only, once discussed
        evaluation = _get_record_or_404("support.sla.evaluation", evaluation_id)
        try:
            # sudo: the objection is recorded by the suite after _object checks
            # the user is a key user of the contract and the period is open
            with request.env.cr.savepoint():
                evaluation.sudo()._object(request.env.user.partner_id, objection)
        except (UserError, AccessError) as error:
            response = self.portal_my_support_evaluation(
                evaluation.id, support_error=error.args[0]
            )
            response.status_code = 400
            return response
        return request.redirect(f"{evaluation.access_url}?objected=1")


def _zone(tz):
    """The time zone named ``tz``; UTC for a name pytz does not know, as Odoo's
    datetime converter does."""
    try:
        return pytz.timezone(tz)
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def _avatar_url(partner):
    if not partner:
        return False
    token = partner.sudo()._get_avatar_128_access_token()
    return f"/web/image/res.partner/{partner.id}/avatar_128?access_token={token}"


def _get_document_or_404(controller, model_name, record_id, access_token=None):
    """The portal document (sudo) the visitor may see by id or token, else 404
    (Odoo's portal redirects to /my; the suite's pages answer 404 for a document
    that is not the visitor's, whether it exists or not)."""
    try:
        return controller._document_check_access(
            model_name, record_id, access_token=access_token
        )
    except (AccessError, MissingError) as error:
        raise NotFound() from error


def _get_record_or_404(model_name, record_id):
    """The record of ``model_name`` with this id (read as an integer once) if the
    current user may read it (access rights and record rules), else 404, whether
    it exists or not: the record of this user or 404, for the pages that act
    with the user's own rights."""
    try:
        record = request.env[model_name].browse(int(record_id or 0)).exists()
        if record:
            record.check_access("read")
    except (ValueError, AccessError) as error:
        raise NotFound() from error
    if not record:
        raise NotFound()
    return record


def _pick_by_id(records, raw_id):
    """The record of ``records`` whose id is ``raw_id`` (a form or URL value) read as
    an integer once; empty when it is not an integer or not one of them."""
    try:
        wanted = int(raw_id)
    except (TypeError, ValueError):
        return records.browse()
    return records.filtered(lambda record: record.id == wanted)
