# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import support_catalogue_mixin
from . import support_plan
from . import support_addon
from . import support_hour_band
from . import support_name_cache_mixin
from . import support_ticket_type
from . import support_contract
from . import support_contract_hours
from . import support_contract_invoicing
from . import support_contract_lifecycle
from . import support_contract_amendment
from . import support_contract_amendment_line
from . import support_contract_addon
from . import support_contract_billing
from . import support_contract_statement
from . import support_hour_ledger
from . import res_company
from . import res_config_settings
from . import helpdesk_ticket
from . import helpdesk_ticket_change_request
from . import helpdesk_ticket_release
from . import support_change_estimate
from . import account_analytic_line
from . import account_move
from . import sale_order
from . import sale_order_line
from . import account_bank_statement_line
from . import support_contract_environment
from . import support_contract_agreement
