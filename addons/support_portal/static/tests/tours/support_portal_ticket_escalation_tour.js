/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user asks for an escalation of an open ticket in the portal (level 1, the
// senior partner), then raises it to the managing partner (level 2).
registry.category("web_tour.tours").add("support_portal_ticket_escalation", {
    steps: () => [
        {
            content: "Give the reason for level 1",
            trigger: ".o_support_escalate_form textarea[name='reason']",
            run: "edit Production has been down since this morning.",
        },
        {
            content: "Ask for the escalation to the senior partner",
            trigger: ".o_support_escalate_form button:contains(senior partner)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Level 1 is shown with its answer due",
            trigger: ".o_support_escalations tr:contains(Senior partner):contains(Sam Senior)",
        },
        {
            content: "Give the reason for level 2",
            trigger: ".o_support_escalate_form textarea[name='reason']",
            run: "edit Still no answer from the senior partner.",
        },
        {
            content: "Raise it to the managing partner",
            trigger: ".o_support_escalate_form button:contains(managing partner)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Both levels are shown, no form is left",
            trigger:
                ".o_support_escalations tr:contains(Managing partner):contains(Mona Managing)",
        },
        {
            content: "Nothing more to escalate",
            trigger: "body:not(:has(.o_support_escalate_form))",
        },
    ],
});
