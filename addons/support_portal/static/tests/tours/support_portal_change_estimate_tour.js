/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user approves a change request's estimate on the ticket's page: Odoo's
// portal signature form, signed with their name.
registry.category("web_tour.tours").add("support_portal_change_estimate", {
    steps: () => [
        {
            content: "The estimate awaits approval, with its amount",
            trigger: ".o_support_estimate .o_support_estimate_waiting",
        },
        {
            content: "Open the approval",
            trigger: ".o_support_estimate_accept",
            run: "click",
        },
        {
            content: "The key user's name is filled in",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Anna Key)",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Approve and sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The estimate shows as approved by the signer",
            trigger: ".o_support_estimate_approved:contains(Anna Key)",
        },
        {
            content: "Nothing left to decide",
            trigger: "body:not(:has(.o_support_estimate_accept))",
        },
    ],
});
