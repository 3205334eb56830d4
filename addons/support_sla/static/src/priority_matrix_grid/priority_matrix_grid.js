/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {useRecordObserver} from "@web/model/relational_model/utils";
import {useService} from "@web/core/utils/hooks";
import {x2ManyCommands} from "@web/core/orm_service";

/**
 * The cells of a priority matrix as a grid: the row axis' values down the side
 * (e.g. impact), the column axis' values across the top (e.g. urgency) and in
 * each cell the resulting priority, chosen in place. The cells stay the
 * matrix's one2many: choosing a priority updates the cell (or adds it when the
 * combination has none yet) and the form saves the matrix as usual, so the
 * server's rule (every row x column has exactly one priority) still decides.
 */
export class PriorityMatrixGrid extends Component {
    static template = "support_sla.PriorityMatrixGrid";
    static props = {...standardFieldProps};

    setup() {
        this.orm = useService("orm");
        this.state = useState({rows: [], columns: [], priorities: []});
        this.axes = {};
        // the grid's changes of the cells, one after the other: a cell is never
        // saved half made, whatever the user (or a test) does meanwhile
        this.queue = Promise.resolve();
        useRecordObserver(async (record) => {
            const rowAxis = record.data.row_axis_id?.id || false;
            const columnAxis = record.data.column_axis_id?.id || false;
            if (rowAxis === this.axes.row && columnAxis === this.axes.column) {
                return;
            }
            const axisChanged = "row" in this.axes;
            this.axes = {row: rowAxis, column: columnAxis};
            const axisIds = [rowAxis, columnAxis].filter(Boolean);
            const [values, priorities] = await Promise.all([
                axisIds.length
                    ? this.orm.searchRead(
                          "support.priority.axis.value",
                          [["axis_id", "in", axisIds]],
                          ["display_name", "axis_id", "description"]
                      )
                    : [],
                this.state.priorities.length
                    ? this.state.priorities
                    : this.orm.searchRead(
                          "support.priority",
                          [],
                          ["display_name", "code", "helpdesk_priority"]
                      ),
            ]);
            this.state.rows = values.filter((value) => value.axis_id[0] === rowAxis);
            this.state.columns = values.filter(
                (value) => value.axis_id[0] === columnAxis
            );
            this.state.priorities = priorities;
            if (!axisChanged) {
                return;
            }
            // an axis changed: the cells of the values it no longer has go (the
            // new combinations show empty, to be filled before saving)
            const rowIds = new Set(this.state.rows.map((row) => row.id));
            const columnIds = new Set(this.state.columns.map((column) => column.id));
            await this.enqueue(async () => {
                const stale = this.list.records.filter(
                    (cell) =>
                        !rowIds.has(cell.data.row_value_id?.id) ||
                        !columnIds.has(cell.data.column_value_id?.id)
                );
                for (const cell of stale) {
                    await this.list.delete(cell);
                }
            });
        });
    }

    get list() {
        return this.props.record.data[this.props.name];
    }

    /** The cell record of a row value and a column value, if the matrix has it. */
    cellOf(row, column) {
        return this.list.records.find(
            (cell) =>
                cell.data.row_value_id?.id === row.id &&
                cell.data.column_value_id?.id === column.id
        );
    }

    priorityOf(row, column) {
        return this.cellOf(row, column)?.data.priority_id?.id || false;
    }

    /** The priority the cell's record holds (not what its select shows while
     * the change is on its way): what the grid will save; "-" for none. */
    priorityNameOf(row, column) {
        return this.cellOf(row, column)?.data.priority_id?.display_name || "-";
    }

    enqueue(change) {
        this.queue = this.queue.then(change, change);
        return this.queue;
    }

    onPriorityChange(row, column, ev) {
        const priorityId = parseInt(ev.target.value, 10) || false;
        return this.enqueue(() => this.setPriority(row, column, priorityId));
    }

    /** The cell of row x column gets the priority: changed in place, or made
     * with its row, column and priority at once when the matrix has none. */
    async setPriority(row, column, priorityId) {
        const priority = this.state.priorities.find((p) => p.id === priorityId);
        const value = priority
            ? {id: priority.id, display_name: priority.display_name}
            : false;
        const cell = this.cellOf(row, column);
        if (cell) {
            await cell.update({priority_id: value});
        } else if (value) {
            await this.list.applyCommands([
                x2ManyCommands.create(false, {
                    row_value_id: {id: row.id, display_name: row.display_name},
                    column_value_id: {
                        id: column.id,
                        display_name: column.display_name,
                    },
                    priority_id: value,
                }),
            ]);
        }
    }
}

registry.category("fields").add("support_priority_matrix_grid", {
    component: PriorityMatrixGrid,
    supportedTypes: ["one2many"],
    // written by the grid (related fields are read-only unless told otherwise)
    relatedFields: [
        {
            name: "row_value_id",
            type: "many2one",
            relation: "support.priority.axis.value",
            readonly: false,
        },
        {
            name: "column_value_id",
            type: "many2one",
            relation: "support.priority.axis.value",
            readonly: false,
        },
        {
            name: "priority_id",
            type: "many2one",
            relation: "support.priority",
            readonly: false,
        },
    ],
});
