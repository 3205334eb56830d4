/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const cell = (row, column) =>
    `.o_support_priority_matrix_grid tr[data-row='${row}'] td[data-column='${column}'] select`;
// the priority the cell's record holds (what the form will save), not what its
// select shows while the change is on its way
const holds = (row, column, priority) =>
    `.o_support_priority_matrix_grid tr[data-row='${row}'] td[data-column='${column}'][data-priority='${priority}']`;

// A support manager opens a priority matrix: impact down the side, urgency across
// the top, the priority in each cell; changing one cell in place and saving keeps it.
registry.category("web_tour.tours").add("support_priority_matrix_grid", {
    steps: () => [
        {
            content: "Impact values are the rows",
            trigger: ".o_support_priority_matrix_grid tbody tr:first-child[data-row='Tour Organisation']",
        },
        {
            trigger: ".o_support_priority_matrix_grid tbody tr:last-child[data-row='Tour One user']",
        },
        {
            content: "Urgency values are the columns",
            trigger: ".o_support_priority_matrix_grid thead th:nth-child(2):contains('Tour Work stopped')",
        },
        {
            trigger: ".o_support_priority_matrix_grid thead th:nth-child(3):contains('Tour Can wait')",
        },
        {
            content: "Each cell shows its priority",
            trigger: holds("Tour Organisation", "Tour Work stopped", "Tour Critical"),
        },
        {
            trigger: holds("Tour One user", "Tour Can wait", "Tour Low"),
        },
        {
            content: "Organisation x Can wait becomes Critical, in place",
            trigger: cell("Tour Organisation", "Tour Can wait"),
            run: "selectByLabel Tour Critical",
        },
        {
            trigger: holds("Tour Organisation", "Tour Can wait", "Tour Critical"),
        },
        {
            content: "The change is in the form, not saved yet",
            trigger: ".o_form_dirty",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The grid shows the saved priority",
            trigger: holds("Tour Organisation", "Tour Can wait", "Tour Critical"),
        },
    ],
});

const chooseAxis = (field, axis) => [
    {
        content: `${field}: ${axis}`,
        trigger: `.o_field_widget[name='${field}'] input`,
        run: `edit ${axis}`,
    },
    {
        trigger: `.o-autocomplete--dropdown-item > a:contains('${axis}')`,
        run: "click",
    },
];

// A new matrix is filled in the grid; changing an axis removes the cells of the
// values it no longer has and shows the new combinations empty.
registry.category("web_tour.tours").add("support_priority_matrix_grid_new", {
    steps: () => [
        {
            content: "Name the matrix",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour Urgency x Channel",
        },
        ...chooseAxis("row_axis_id", "Tour Urgency"),
        ...chooseAxis("column_axis_id", "Tour Impact"),
        {
            content: "Fill one cell",
            trigger: cell("Tour Work stopped", "Tour Organisation"),
            run: "selectByLabel Tour Critical",
        },
        {
            trigger: holds("Tour Work stopped", "Tour Organisation", "Tour Critical"),
        },
        {
            content: "Change the columns to the channel",
            trigger: ".o_field_widget[name='column_axis_id'] input",
            run: "clear",
        },
        ...chooseAxis("column_axis_id", "Tour Channel"),
        {
            content: "The old columns are gone, the new cells are empty",
            trigger: ".o_support_priority_matrix_grid:not(:has(th:contains('Tour Organisation')))",
        },
        {
            trigger: holds("Tour Work stopped", "Tour Phone", "-"),
        },
        {
            trigger: cell("Tour Work stopped", "Tour Phone"),
            run: "selectByLabel Tour Critical",
        },
        {
            trigger: holds("Tour Work stopped", "Tour Phone", "Tour Critical"),
        },
        {
            trigger: cell("Tour Can wait", "Tour Phone"),
            run: "selectByLabel Tour Low",
        },
        {
            trigger: holds("Tour Can wait", "Tour Phone", "Tour Low"),
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
