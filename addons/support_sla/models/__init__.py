# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import resource_calendar
from . import resource_calendar_leaves
from . import support_sla_extra_day
from . import support_priority
from . import support_priority_axis
from . import support_priority_axis_value
from . import support_priority_matrix
from . import support_priority_matrix_cell
