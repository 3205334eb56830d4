# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal's ticket list reads at a glance on a 1366 x 768 laptop and on a
phone, in English, Dutch and Swedish: no column cut off, no sideways scrolling,
the next deadline to the minute (tour ``support_portal_ticket_list_fits``)."""

from odoo.tests import HttpCase, tagged

from .common import SupportPortalMixin
from .test_portal_tour_languages import setup_portal_in_languages


class TicketListFitsMixin(SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_portal_in_languages(cls)
        # the widest values a row holds: a long title, the longest type and stage
        # ("Waiting for you (test)", a badge over two lines)
        cls.env["helpdesk.ticket"].create(
            dict(
                cls._ticket_vals(
                    "Warehouse scanners cannot log in after the upgrade of the "
                    "mobile application on every device",
                    cls.key_user_a.partner_id,
                    sla_row_value_id=cls.impact.value_ids.filtered(
                        lambda value: value.name == "Multiple users"
                    ).id,
                    sla_column_value_id=cls.urgency.value_ids.filtered(
                        lambda value: value.name == "High"
                    ).id,
                ),
                support_ticket_type_id=cls.type_import.id,
                stage_id=cls.stage_waiting.id,
            )
        )
        cls.breached = cls._old_breach()

    def _check(self, lang):
        self.key_user_a.lang = lang
        self.start_tour(
            "/my/tickets", "support_portal_ticket_list_fits", login="key_user_a"
        )

    def test_english(self):
        self._check("en_US")

    def test_dutch(self):
        self._check("nl_NL")

    def test_swedish(self):
        self._check("sv_SE")


@tagged("post_install", "-at_install")
class TestTicketListFitsLaptop(TicketListFitsMixin, HttpCase):
    browser_size = "1366x768"


@tagged("post_install", "-at_install")
class TestTicketListFitsPhone(TicketListFitsMixin, HttpCase):
    browser_size = "390x844"
    touch_enabled = True
