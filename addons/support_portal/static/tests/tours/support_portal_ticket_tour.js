/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user submits a ticket (type, impact, urgency) from the portal, sees the
// priority and the response deadline before sending it, and on the ticket's page.
registry.category("web_tour.tours").add("support_portal_submit_ticket", {
    url: "/my",
    steps: () => [
        {
            content: "Open the ticket list",
            trigger: 'a[href="/my/tickets"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start a new ticket",
            trigger: "button[name='create_new_ticket']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is a defect",
            trigger: "select[name='support_ticket_type_id']",
            run: "selectByLabel Portal test defect",
        },
        {
            content: "Impact: multiple users",
            trigger: ".o_support_matrix_axis label:contains('Multiple users')",
            run: "click",
        },
        {
            content: "Urgency: high",
            trigger:
                ".o_support_matrix_axis:has(legend:contains('Urgency')) label:contains('High')",
            run: "click",
        },
        {
            content: "The expected priority is High",
            trigger: ".o_support_preview_priority:contains('High')",
        },
        {
            content: "A response deadline is announced",
            trigger: ".o_support_preview_deadline:not(:contains('-'))",
        },
        {
            content: "Subject",
            trigger: "input[name='subject']",
            run: "edit Warehouse scanners cannot log in",
        },
        {
            content: "Description",
            trigger: "textarea[name='description']",
            run: "edit Since 9:00 no scanner accepts a login.",
        },
        {
            content: "Submit",
            trigger: "button[type='submit']:contains('Submit Ticket')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket page shows the priority",
            trigger: ".o_support_ticket_priority:contains('High')",
        },
        {
            content: "and the response deadline",
            trigger: ".o_support_response_deadline:not(:empty)",
        },
    ],
});
