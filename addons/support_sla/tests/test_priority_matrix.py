# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaMatrixCommon


@tagged("post_install", "-at_install")
class TestPriorityMatrix(SlaMatrixCommon):
    def test_impact_urgency_matrix(self):
        system, multiple, single = self.impact.value_ids
        high, medium, low = self.urgency.value_ids
        get = self.matrix_000._get_priority
        # urgency high: Critical, High, High
        self.assertEqual(get(system, high), self.p_critical)
        self.assertEqual(get(multiple, high), self.p_high)
        self.assertEqual(get(single, high), self.p_high)
        # urgency medium: Medium, Medium, Low
        self.assertEqual(get(system, medium), self.p_medium)
        self.assertEqual(get(multiple, medium), self.p_medium)
        self.assertEqual(get(single, medium), self.p_low)
        # urgency low: Low everywhere
        for impact in (system, multiple, single):
            self.assertEqual(get(impact, low), self.p_low)
        self.assertEqual(
            self.matrix_000.priority_ids,
            self.p_critical | self.p_high | self.p_medium | self.p_low,
        )

    def test_users_process_matrix(self):
        one, multiple, organisation = self.users.value_ids
        low, medium, high = self.process.value_ids
        get = self.matrix_003._get_priority
        self.assertEqual(
            [get(one, p) for p in (low, medium, high)], [self.p_d, self.p_c, self.p_b]
        )
        self.assertEqual(
            [get(multiple, p) for p in (low, medium, high)],
            [self.p_d, self.p_c, self.p_a],
        )
        self.assertEqual(
            [get(organisation, p) for p in (low, medium, high)],
            [self.p_c, self.p_b, self.p_a],
        )

    def test_matrix_with_missing_cell_refused(self):
        Matrix = self.env["support.priority.matrix"]
        system = self.impact.value_ids[0]
        low = self.urgency.value_ids[2]
        cells = [
            Command.create(
                {
                    "row_value_id": row.id,
                    "column_value_id": column.id,
                    "priority_id": self.p_low.id,
                }
            )
            for row in self.impact.value_ids
            for column in self.urgency.value_ids
            if (row, column) != (system, low)
        ]
        with self.assertRefused(ValidationError, "System wide / Low"):
            Matrix.create(
                {
                    "name": "Incomplete",
                    "row_axis_id": self.impact.id,
                    "column_axis_id": self.urgency.id,
                    "cell_ids": cells,
                }
            )
        self.assertFalse(Matrix.search([("name", "=", "Incomplete")]))
        # Removing a cell of an existing matrix is refused as well.
        cell = self.matrix_000.cell_ids[0]
        with self.assertRefused(ValidationError, "has no priority for"):
            self.matrix_000.cell_ids = [Command.unlink(cell.id)]
        self.assertTrue(cell.exists())

    def test_cells_written_on_their_own_keep_the_matrix_complete(self):
        """Deleting, moving or adding one cell through its own model is checked as
        through the matrix (deleting one cell was accepted: tickets of that row and
        column then got no priority from the matrix)."""
        cell = self.matrix_000.cell_ids[0]
        with self.assertRefused(ValidationError, "has no priority for"):
            cell.unlink()
        self.assertTrue(cell.exists())
        with self.assertRefused(ValidationError, "does not belong to its axes"):
            cell.row_value_id = self.urgency.value_ids[0]
        self.assertIn(cell.row_value_id, self.impact.value_ids)
        with self.assertRefused(ValidationError, "does not belong to its axes"):
            self.env["support.priority.matrix.cell"].create(
                {
                    "matrix_id": self.matrix_000.id,
                    "row_value_id": self.urgency.value_ids[0].id,
                    "column_value_id": self.impact.value_ids[0].id,
                    "priority_id": self.p_low.id,
                }
            )
        # a cell may change its priority; the matrix is still refused its gap
        cell.priority_id = self.p_high
        self.assertEqual(
            self.matrix_000._get_priority(cell.row_value_id, cell.column_value_id),
            self.p_high,
        )
        # replacing all cells in one save of the matrix passes through gaps
        grid = [
            Command.create(
                {
                    "row_value_id": old.row_value_id.id,
                    "column_value_id": old.column_value_id.id,
                    "priority_id": self.p_low.id,
                }
            )
            for old in self.matrix_000.cell_ids
        ]
        self.matrix_000.write({"cell_ids": [Command.clear(), *grid]})
        self.assertEqual(self.matrix_000.priority_ids, self.p_low)

    def test_same_axis_twice_refused(self):
        with self.assertRefused(ValidationError, "two different axes"):
            self.matrix_000.column_axis_id = self.impact
        self.assertEqual(self.matrix_000.column_axis_id, self.urgency)

    def test_new_axis_value_needs_its_cells(self):
        Value = self.env["support.priority.axis.value"]
        with self.assertRefused(ValidationError, "Department / "):
            Value.create({"name": "Department", "axis_id": self.impact.id})
        self.assertFalse(Value.search([("name", "=", "Department")]))
        # With its three cells in the same save it is accepted.
        value = Value.create(
            {
                "name": "Department",
                "axis_id": self.impact.id,
                "row_cell_ids": [
                    Command.create(
                        {
                            "matrix_id": self.matrix_000.id,
                            "column_value_id": column.id,
                            "priority_id": self.p_medium.id,
                        }
                    )
                    for column in self.urgency.value_ids
                ],
            }
        )
        self.assertEqual(
            self.matrix_000._get_priority(value, self.urgency.value_ids[0]),
            self.p_medium,
        )
