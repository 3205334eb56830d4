# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import support_sla_change_mixin
from . import ir_module_module
from . import res_company
from . import res_config_settings
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
from . import support_sla_extra_day
from . import support_sla_rule_cache_mixin
from . import support_priority
from . import support_priority_axis
from . import support_priority_axis_value
from . import support_priority_matrix
from . import support_priority_matrix_cell
from . import support_ticket_type
from . import support_plan
from . import support_addon
from . import support_sla_policy
from . import support_sla_escalation
from . import support_contract
from . import support_contract_addon
from . import res_partner
from . import helpdesk_ticket_stage
from . import helpdesk_ticket
from . import helpdesk_ticket_deadline
from . import helpdesk_ticket_clock
from . import helpdesk_ticket_escalation
from . import helpdesk_ticket_autoclose
from . import support_sla_pause
from . import support_sla_breach
from . import support_sla_evaluation
