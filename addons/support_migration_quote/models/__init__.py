# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import support_migration_pricing_rule
from . import support_cloc_measurement
from . import support_cloc_measurement_line
from . import sale_order
from . import support_contract
from . import res_partner
from . import support_contract_refund
