# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_cloc_archive
from . import test_cloc_output
from . import test_contract
from . import test_measurement
from . import test_portal
from . import test_pricing
from . import test_quote_wizard
from . import test_early_termination_refund
