/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user tested a change on the acceptance environment shown on the ticket's
// page and approves it for production.
registry.category("web_tour.tours").add("support_portal_release", {
    steps: () => [
        {
            content: "The acceptance environment to test on is shown with its URL",
            trigger: ".o_support_release_acceptance a.o_support_release_url[href='https://acc.tulpen.test']",
        },
        {
            content: "Approve for production",
            trigger: ".o_support_release_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Approved by the key user",
            trigger: ".o_support_release_approved:contains(Anna Key)",
        },
    ],
});
