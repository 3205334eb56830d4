/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

/**
 * New ticket form of the portal: the matrix questions only for ticket types the
 * matrix applies to, and the priority and response deadline a ticket submitted
 * now would get, as the server computes them.
 */
export class SupportTicketForm extends Interaction {
    static selector = "form.o_support_ticket_form";
    dynamicContent = {
        "select[name='support_ticket_type_id'], input[name='sla_row_value_id'], input[name='sla_column_value_id']":
            {"t-on-change": this.onChange},
    };

    setup() {
        this.sequence = 0;
    }

    start() {
        this.applyType();
    }

    onChange() {
        this.applyType();
        this.updatePreview();
    }

    applyType() {
        const select = this.el.querySelector("select[name='support_ticket_type_id']");
        const option = select && select.selectedOptions[0];
        const fixed = option && option.dataset.fixedPriority === "1";
        for (const fieldset of this.el.querySelectorAll(".o_support_matrix_axis")) {
            fieldset.classList.toggle("d-none", fixed);
        }
    }

    value(name) {
        const checked = this.el.querySelector(`input[name='${name}']:checked`);
        return checked ? checked.value : false;
    }

    async updatePreview() {
        const sequence = ++this.sequence;
        const select = this.el.querySelector("select[name='support_ticket_type_id']");
        const result = await this.waitFor(
            rpc("/my/tickets/preview", {
                type_id: select ? select.value : false,
                row_id: this.value("sla_row_value_id"),
                column_id: this.value("sla_column_value_id"),
            })
        );
        if (sequence !== this.sequence) {
            return;
        }
        const priority = this.el.querySelector(".o_support_preview_priority");
        const deadline = this.el.querySelector(".o_support_preview_deadline");
        if (priority) {
            priority.textContent = result.priority || "-";
        }
        if (deadline) {
            deadline.textContent = result.response_deadline || "-";
        }
    }
}

registry
    .category("public.interactions")
    .add("support_portal.ticket_form", SupportTicketForm);
