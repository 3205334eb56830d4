# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_install
from . import test_catalogue
from . import test_contract
from . import test_ledger
from . import test_hours_left
from . import test_billing
from . import test_billing_amounts
from . import test_sale
from . import test_amendment
from . import test_access
from . import test_i18n
from . import test_agreement
from . import test_plan_pricing
from . import test_billing_period
from . import test_billing_months
from . import test_contract_end
from . import test_billing_cloc
from . import test_member_rate
from . import test_statement
from . import test_billing_final
from . import test_contract_overlap
from . import test_migration
from . import test_log_guard
from . import test_change_request
from . import test_release
from . import test_contract_company_day
