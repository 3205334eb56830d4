/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A prospect configures Light + 15 reserved hours + Extended availability and gets
// a quotation of 2,660.00 a month (250 + 15 x 100 x 0.94 + 1,000).
registry.category("web_tour.tours").add("support_portal_configurator", {
    url: "/support/plans",
    steps: () => [
        {
            content: "The visitor finds the plans in the site's menu",
            trigger: "header #top_menu .o_support_plans_menu a[href='/support/plans']",
        },
        {
            content: "Step 1: choose the Light plan",
            trigger: "label[data-plan-name='Light'] input[name='plan_id']",
            run: "click",
        },
        {
            content: "Step 2: reserve 15 hours a month",
            trigger: "input[name='hours']:not(:disabled)",
            run: "edit 15",
        },
        {
            content: "Step 3: add Extended availability",
            trigger:
                ".o_support_addon_card[data-addon-name='Extended availability'] input[name='addon_ids']:not(:disabled)",
            run: "click",
        },
        {
            content: "The hours line shows the band's discount",
            trigger: ".o_support_price_lines td:contains('6 % discount')",
        },
        {
            content: "The price per month is 2,660.00",
            trigger: ".o_support_price_total:contains('2,660.00')",
        },
        {
            content: "Name",
            trigger: "input[name='name']",
            run: "edit Pia Prospect",
        },
        {
            content: "E-mail",
            trigger: "input[name='email']",
            run: "edit pia@prospect.example.com",
        },
        {
            content: "Company",
            trigger: "input[name='company_name']",
            run: "edit Prospect B.V.",
        },
        {
            content: "Ask for the quotation",
            trigger: ".o_support_configurator_submit:not(:disabled)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The quotation shows the monthly amount",
            trigger: "#portal_sale_content:contains('2,660.00')",
        },
        {
            content: "The quotation can be signed online",
            trigger: "a[data-bs-target='#modalaccept']",
        },
    ],
});
