# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""helpdesk_mgmt's ticket form and closing route, extended: the contract's ticket types
and triage questions, the attachment policy, the SLA preview of a new ticket, and
closing answered as helpdesk_mgmt does.
"""

import os

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import format_datetime

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

from ..tools.attachment_policy import (
    BLOCKED_MIMETYPES,
    DEFAULT_BLOCKED_EXTENSIONS,
    DEFAULT_MAX_ATTACHMENT_MB,
    DEFAULT_MAX_ATTACHMENTS,
)
from .portal import _get_record_or_404, _pick_by_id


class SupportTicketController(HelpdeskTicketController):
    @http.route(
        "/ticket/close", type="http", auth="user", methods=["POST"], website=True
    )
    def support_ticket_close(self, ticket_id=None, stage_id=None, ask=None, **kw):
        """Close a ticket from the portal: only a ticket the user may read (else
        404), only by POST with a CSRF token (helpdesk_mgmt's GET route closed any
        ticket by id), and only into a stage of its team that allows it: another
        stage changes nothing. Answers as helpdesk_mgmt does: 302 to the ticket.
        The page's Done/Cancelled buttons post ``ask=1``: that post only shows the
        question "Close this ticket?" on the ticket page; the answer closes it (as
        any post without ``ask``, helpdesk_mgmt's own)."""
        ticket = _get_record_or_404("helpdesk.ticket", ticket_id)
        stage = _pick_by_id(ticket._get_portal_close_stages(), stage_id)
        if stage and ask == "1":
            return request.redirect(
                f"{ticket.access_url}?support_close={stage.id}", code=302
            )
        if stage:
            # the portal user may not write tickets: the stage is checked above
            ticket.sudo().stage_id = stage
        return request.redirect(ticket.access_url, code=302)

    # New ticket form

    def _support_get_contract(self):
        partner = request.env.user.partner_id
        Contract = request.env["support.contract"].sudo()
        return Contract._get_active_contract_for_partners(partner).get(
            partner.commercial_partner_id.id, Contract
        )

    def _support_get_ticket_types(self):
        return request.env["support.ticket.type"].sudo().search([])

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        max_mb = self._support_max_attachment_mb()
        contract = self._support_get_contract()
        matrix = contract.plan_id.sla_matrix_id
        form = kw.get("support_form") or {}
        preview = self._support_preview(
            form.get("support_ticket_type_id"),
            form.get("sla_row_value_id"),
            form.get("sla_column_value_id"),
        )
        values.update(
            {
                "support_contract": contract,
                "support_ticket_types": self._support_get_ticket_types(),
                "support_matrix": matrix,
                "support_rows": matrix.row_axis_id.value_ids,
                "support_columns": matrix.column_axis_id.value_ids,
                "support_preview": preview,
                "support_form": form,
                "support_error": kw.get("support_error"),
                "support_max_attachment_mb": max_mb,
                # helpdesk_mgmt's form script warns above this size before the
                # upload: the suite's limit, not Odoo's general upload limit
                "max_upload_size": int(max_mb * 1024 * 1024),
            }
        )
        return values

    # Submission

    @http.route(
        "/submitted/ticket",
        type="http",
        auth="user",
        website=True,
        csrf=True,
        methods=["POST"],
    )
    def submit_ticket(self, **kw):
        """helpdesk_mgmt's submission (POST only), after checking every value: a
        clear message and nothing written on bad input."""
        try:
            self._support_parse_submission(kw)
            self._support_check_attachments()
        except UserError as error:
            values = self._get_create_new_ticket_values(
                support_form=kw, support_error=error.args[0]
            )
            return request.render(
                "helpdesk_mgmt.portal_create_ticket", values, status=400
            )
        request.update_context(support_portal_submission=True)
        try:
            return super().submit_ticket(**kw)
        finally:
            request.update_context(support_portal_submission=False)

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        vals.update(self._support_parse_submission(kw))
        return vals

    def _support_parse_submission(self, kw):
        """Check a submitted ticket form; the values our fields get.

        :raise UserError: on a missing subject or description, or on an id the
            form did not offer (another company's category, a team not shown in
            the portal, an unknown ticket type or matrix value)
        """
        env = request.env
        if not (kw.get("subject") or "").strip():
            raise UserError(env._("Please give the ticket a subject."))
        if not (kw.get("description") or "").strip():
            raise UserError(env._("Please describe the problem."))
        category_id = kw.get("category")
        if category_id and not _pick_by_id(
            self._support_get_portal_categories(), category_id
        ):
            raise UserError(env._("The category you chose is not available."))
        team_id = kw.get("team")
        if team_id and not _pick_by_id(
            self._get_teams() or env["helpdesk.ticket.team"], team_id
        ):
            raise UserError(env._("The team you chose is not available."))
        vals = {}
        type_id = kw.get("support_ticket_type_id")
        if type_id:
            ticket_type = _pick_by_id(self._support_get_ticket_types(), type_id)
            if not ticket_type:
                raise UserError(env._("The ticket type you chose is not available."))
            vals["support_ticket_type_id"] = ticket_type.id
        matrix = self._support_get_contract().plan_id.sla_matrix_id
        for fname, axis in (
            ("sla_row_value_id", matrix.row_axis_id),
            ("sla_column_value_id", matrix.column_axis_id),
        ):
            value_id = kw.get(fname)
            if not value_id:
                continue
            value = _pick_by_id(axis.value_ids, value_id)
            if not value:
                raise UserError(
                    env._(
                        "The answer you chose for %(question)s is not available.",
                        question=axis.name or env._("the priority"),
                    )
                )
            vals[fname] = value.id
        return vals

    def _support_get_portal_categories(self):
        """Categories a portal submission may name: those the form shows when the
        category setting is on. With the setting off the form shows none, but a
        posted one of these is still taken, as helpdesk_mgmt takes it."""
        return (
            request.env["helpdesk.ticket.category"]
            .with_company(request.env.company)
            .search([("active", "=", True), ("show_in_portal", "=", True)])
        )

    def _support_max_attachment_mb(self):
        param = (
            request.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "support_portal.ticket_attachment_max_mb", DEFAULT_MAX_ATTACHMENT_MB
            )
        )
        try:
            return max(float(param), 0.0)
        except ValueError:
            return float(DEFAULT_MAX_ATTACHMENT_MB)

    def _support_blocked_extensions(self):
        param = (
            request.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "support_portal.ticket_attachment_blocked_extensions",
                DEFAULT_BLOCKED_EXTENSIONS,
            )
        )
        return {
            ext if ext.startswith(".") else f".{ext}"
            for ext in param.lower().replace(",", " ").split()
        }

    def _support_check_attachments(self):
        """Refuse oversized files, too many files and files that run code."""
        env = request.env
        files = [
            file
            for file in request.httprequest.files.getlist("attachment")
            if file.filename
        ]
        if len(files) > DEFAULT_MAX_ATTACHMENTS:
            raise UserError(
                env._(
                    "Attach at most %(count)s files to a ticket.",
                    count=DEFAULT_MAX_ATTACHMENTS,
                )
            )
        max_bytes = self._support_max_attachment_mb() * 1024 * 1024
        blocked = self._support_blocked_extensions()
        for file in files:
            name = os.path.basename(file.filename)
            extension = os.path.splitext(name)[1].lower()
            data = file.read()
            file.seek(0)
            if len(data) > max_bytes:
                raise UserError(
                    env._(
                        "The file %(name)s is too large: at most %(max)s MB.",
                        name=name,
                        max=f"{self._support_max_attachment_mb():g}",
                    )
                )
            if extension in blocked or guess_mimetype(data) in BLOCKED_MIMETYPES:
                raise UserError(
                    env._(
                        "Files like %(name)s cannot be attached (programs, scripts "
                        "and web pages); send an archive or a screenshot instead.",
                        name=name,
                    )
                )

    # Priority and deadline preview

    def _support_preview(self, type_id=None, row_id=None, column_id=None):
        """Priority and response deadline of a ticket submitted now (formatted)."""
        env = request.env
        contract = self._support_get_contract()
        matrix = contract.plan_id.sla_matrix_id
        ticket_type = _pick_by_id(self._support_get_ticket_types(), type_id)
        row = _pick_by_id(matrix.row_axis_id.value_ids, row_id)
        column = _pick_by_id(matrix.column_axis_id.value_ids, column_id)
        preview = env["helpdesk.ticket"]._portal_preview_sla(
            env.user.partner_id, ticket_type=ticket_type, row=row, column=column
        )
        # the viewer's zone, else the calendar's of the contract the ticket is for
        tz = env.user.tz or contract.plan_id.calendar_id.tz or "UTC"
        deadline = preview["response_deadline"]
        return {
            "covered": bool(preview["contract"]),
            "priority": preview["priority"].name or False,
            "response_deadline": deadline
            and format_datetime(env, deadline, tz=tz, dt_format="medium"),
            "tz": tz,
        }

    @http.route(
        "/my/tickets/preview", type="jsonrpc", auth="user", website=True, readonly=True
    )
    def support_ticket_preview(self, type_id=None, row_id=None, column_id=None, **kw):
        return self._support_preview(type_id, row_id, column_id)
