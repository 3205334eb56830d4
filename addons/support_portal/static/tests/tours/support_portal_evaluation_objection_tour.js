/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user reads a discussed evaluation in the portal and objects to it in
// writing: the objection is shown and the outcome is reopened.
registry.category("web_tour.tours").add("support_portal_evaluation_objection", {
    steps: () => [
        {
            content: "The evaluation shows the meeting and its negative outcome",
            trigger: ".o_support_evaluation_meeting strong:contains(Negative)",
        },
        {
            content: "Write the objection",
            trigger: ".o_support_evaluation_object textarea[name='objection']",
            run: "edit The breach of 5 November was caused by your planned maintenance.",
        },
        {
            content: "Send it",
            trigger: ".o_support_evaluation_object button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The objection is recorded",
            trigger: ".o_support_evaluation_objected",
        },
        {
            content: "It is listed with the evaluation",
            trigger: ".o_support_evaluation_objections:contains(planned maintenance)",
        },
        {
            content: "The outcome is open again",
            trigger:
                ".o_support_evaluation_meeting strong:contains(reopened after an objection)",
        },
        {
            content: "The period is still open: the form stays",
            trigger: ".o_support_evaluation_object textarea[name='objection']",
        },
    ],
});
