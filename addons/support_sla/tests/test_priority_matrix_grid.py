# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The priority matrix form shows its cells as a grid (impact rows x urgency
columns) whose cells are edited in place, in Chromium."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPriorityMatrixGrid(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Priority = cls.env["support.priority"]
        cls.critical = Priority.create(
            {"name": "Tour Critical", "code": "TC", "sequence": 1}
        )
        cls.low = Priority.create({"name": "Tour Low", "code": "TL", "sequence": 4})
        Axis = cls.env["support.priority.axis"]
        cls.impact = Axis.create(
            {
                "name": "Tour Impact",
                "value_ids": [
                    (0, 0, {"name": "Tour Organisation", "sequence": 1}),
                    (0, 0, {"name": "Tour One user", "sequence": 2}),
                ],
            }
        )
        cls.urgency = Axis.create(
            {
                "name": "Tour Urgency",
                "value_ids": [
                    (0, 0, {"name": "Tour Work stopped", "sequence": 1}),
                    (0, 0, {"name": "Tour Can wait", "sequence": 2}),
                ],
            }
        )
        cls.channel = Axis.create(
            {
                "name": "Tour Channel",
                "value_ids": [(0, 0, {"name": "Tour Phone", "sequence": 1})],
            }
        )
        organisation, one_user = cls.impact.value_ids
        stopped, can_wait = cls.urgency.value_ids
        cls.cells = {
            (organisation, stopped): cls.critical,
            (organisation, can_wait): cls.low,
            (one_user, stopped): cls.low,
            (one_user, can_wait): cls.low,
        }
        cls.matrix = cls.env["support.priority.matrix"].create(
            {
                "name": "Tour Impact x Urgency",
                "row_axis_id": cls.impact.id,
                "column_axis_id": cls.urgency.id,
                "cell_ids": [
                    (
                        0,
                        0,
                        {
                            "row_value_id": row.id,
                            "column_value_id": column.id,
                            "priority_id": priority.id,
                        },
                    )
                    for (row, column), priority in cls.cells.items()
                ],
            }
        )
        new_test_user(
            cls.env,
            login="matrix_manager",
            groups="support_contract.support_contract_group_manager",
        )

    def test_cell_edited_in_the_grid_is_saved(self):
        organisation, one_user = self.impact.value_ids
        stopped, can_wait = self.urgency.value_ids
        self.assertEqual(self.matrix._get_priority(organisation, can_wait), self.low)
        self.start_tour(
            f"/odoo/action-support_sla.support_priority_matrix_action/{self.matrix.id}",
            "support_priority_matrix_grid",
            login="matrix_manager",
        )
        self.env.invalidate_all()
        self.assertEqual(
            self.matrix._get_priority(organisation, can_wait), self.critical
        )
        # the other cells are as they were, none added or removed
        self.assertEqual(len(self.matrix.cell_ids), 4)
        for (row, column), priority in self.cells.items():
            if (row, column) != (organisation, can_wait):
                self.assertEqual(self.matrix._get_priority(row, column), priority)

    def test_new_matrix_filled_in_the_grid(self):
        self.start_tour(
            "/odoo/action-support_sla.support_priority_matrix_action/new",
            "support_priority_matrix_grid_new",
            login="matrix_manager",
        )
        matrix = self.env["support.priority.matrix"].search(
            [("name", "=", "Tour Urgency x Channel")]
        )
        self.assertEqual(matrix.row_axis_id, self.urgency)
        self.assertEqual(matrix.column_axis_id, self.channel)
        stopped, can_wait = self.urgency.value_ids
        # the cell of the Impact column chosen first went with that axis
        self.assertEqual(len(matrix.cell_ids), 2)
        self.assertEqual(
            matrix._get_priority(stopped, self.channel.value_ids), self.critical
        )
        self.assertEqual(
            matrix._get_priority(can_wait, self.channel.value_ids), self.low
        )
