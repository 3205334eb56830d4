# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import test_key_users
from . import test_configurator
from . import test_configurator_http
from . import test_evaluation_portal
from . import test_contract_page
from . import test_languages
from . import test_portal_access
from . import test_ticket_portal
from . import test_portal_tour
from . import test_query_count
from . import test_portal_tour_languages
from . import test_mail_intake
from . import test_buy_online_tour
from . import test_access_matrix
from . import test_ticket_escalation
from . import test_change_estimate_portal
from . import test_release_portal
from . import test_portal_home
from . import test_ticket_list_fits
from . import test_workspace_tour
