# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import support_customer_contract_mixin
from . import support_cloc_measure_wizard
from . import support_migration_quote_wizard
