/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user opens the portal home and goes to the ticket list.
registry.category("web_tour.tours").add("support_portal_home", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home shows the open tickets at a glance",
            trigger: ".o_support_glance_open:contains('1 Open tickets')",
        },
        {
            content: "and offers the support plans",
            trigger: "a[href='/support/plans']:contains('Support Plans')",
        },
        {
            content: "The portal home offers the tickets",
            trigger: 'a[href="/my/tickets"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The key user's ticket is listed",
            trigger: "table a:contains('Printer does not print invoices')",
        },
    ],
});
