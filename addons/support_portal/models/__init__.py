# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import ir_sequence
from . import res_partner
from . import resource_calendar
from . import support_plan
from . import support_addon
from . import support_contract
from . import support_configurator_request
from . import support_plan_configurator
from . import support_sla_evaluation
from . import helpdesk_ticket
from . import res_company
from . import res_config_settings
from . import helpdesk_ticket_team
from . import mail_thread
from . import helpdesk_ticket_mail
from . import account_move
from . import sale_order
