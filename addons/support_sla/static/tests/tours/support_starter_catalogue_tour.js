/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A Settings administrator of a company without any support record loads the
// starter catalogue from the Settings, then loads it again: nothing twice.
function loadSteps(result) {
    return [
        {
            content: "Open the starter catalogue from the Support SLA settings",
            trigger: "button:contains('Load the Starter Catalogue')",
            run: "click",
        },
        {
            content: "The country of the public holidays: the company's",
            trigger: ".modal .o_field_widget[name='country_id'] input:value(Netherlands)",
        },
        {
            content: "Load it",
            trigger: ".modal .modal-footer button.btn-primary:contains('Load')",
            run: "click",
        },
        {
            content: "The wizard says what it did",
            trigger: `.modal .o_field_widget[name='result']:contains('${result}')`,
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("support_starter_catalogue", {
    url: "/odoo/action-support_sla.res_config_settings_action",
    steps: () => [
        ...loadSteps("Created: 45, already there: 0."),
        ...loadSteps("Nothing created: the starter catalogue is already there (45 records)."),
    ],
});
