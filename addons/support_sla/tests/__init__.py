# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_sla_timeline
from . import test_holidays
from . import test_days_off
from . import test_demo_days_off
from . import test_priority_matrix
from . import test_ticket_sla
from . import test_reports
from . import test_sla_changes
from . import test_sla_cron
from . import test_sla_evaluation
from . import test_sla_evaluation_meeting
from . import test_sla_report_languages
from . import test_sla_trust
from . import test_sla_automation
from . import test_customer_escalation
from . import test_early_termination
from . import test_change_request_pause
from . import test_priority_matrix_grid
from . import test_second_sla_engine
from . import test_sla_dst
from . import test_sla_evaluator
from . import test_sla_pause_logs
from . import test_starter_catalogue
