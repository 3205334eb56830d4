/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A contact of the customer who is no key user reads their own ticket: the
// ticket is shown, no escalation is offered.
registry.category("web_tour.tours").add("support_portal_ticket_no_escalation", {
    steps: () => [
        {
            content: "The contact's own ticket is shown",
            trigger: ".o_portal_wrap:contains(Stock report slow)",
        },
        {
            content: "No escalation is offered",
            trigger: ".o_portal_wrap:not(:has(.o_support_escalate_form))",
        },
    ],
});

// A key user reads a discussed evaluation after the objection period: the
// evaluation is shown, no objection form is offered.
registry.category("web_tour.tours").add("support_portal_evaluation_no_objection", {
    steps: () => [
        {
            content: "The evaluation shows the meeting and its negative outcome",
            trigger: ".o_support_evaluation_meeting strong:contains(Negative)",
        },
        {
            content: "No objection can be written any more",
            trigger: ".o_portal_wrap:not(:has(.o_support_evaluation_object))",
        },
    ],
});
