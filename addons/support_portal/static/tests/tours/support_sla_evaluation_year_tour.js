/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The evaluation form shows its year as a year (2026), not as a number (2,026).
registry.category("web_tour.tours").add("support_sla_evaluation_year", {
    steps: () => [
        {
            content: "The form is open",
            trigger: ".o_form_view .o_field_widget[name='quarter']",
        },
        {
            content: "The year reads 2026",
            trigger: ".o_field_widget[name='year'] input:value(/^2026$/)",
        },
    ],
});
