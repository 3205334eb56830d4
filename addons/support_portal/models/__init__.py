# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import res_partner
from . import support_contract
from . import helpdesk_ticket
from . import resource_calendar
