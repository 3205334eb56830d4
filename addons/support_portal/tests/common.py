# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, BaseCommon
from odoo.addons.support_sla.tests.common import SlaTestMixin


def html_text(html):
    """The text of an HTML page: tags removed (inline ones split no words) and
    spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


class SupportPortalMixin(SlaTestMixin):
    """Two customers with running contracts and the portal users of the access matrix.

    - Tulpen Test B.V. (customer A): contract A naming ``key_user_a`` a key user;
      ``contact_a`` is a portal contact of A who is not a key user.
    - Fjord Test AB (customer B): contract B naming ``portal_b`` a key user.

    Tickets of A: one per contact of the matrix, one of a third contact nobody
    follows and one of that contact followed by ``contact_a``. One ticket of B.

    SLA (support_sla): plan Light uses the impact x urgency matrix on the
    calendar Monday to Friday 08:00-17:00 Europe/Amsterdam (no holidays); response
    targets Low 3 business days, Medium 2 business days, High and Critical 8
    business hours; resolution Low and Medium end of the next working day, High and
    Critical end of the working day. Stages "Waiting for you (test)" (pauses for the
    customer) and "Resolved (test)" (awaits the customer's confirmation).

    Everything lives in the main company (the one of the public user, so that
    anonymous visitors of the configurator see the same catalogue); the catalogue
    records of other tests or demo data are archived, the hour bands replaced.
    """

    @classmethod
    def _business_days_calendar(cls, hour_from, hour_to):
        """Monday to Friday hour_from-hour_to, Europe/Amsterdam, no days off."""
        return cls.env["resource.calendar"].create(
            {
                "name": f"Business days {hour_from:02d}:00-{hour_to}:00",
                "tz": "Europe/Amsterdam",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.clear(),
                    *(
                        Command.create(
                            {
                                "name": f"Day {day}",
                                "dayofweek": str(day),
                                "hour_from": hour_from,
                                "hour_to": hour_to,
                                "day_period": "full_day",
                            }
                        )
                        for day in range(5)
                    ),
                ],
            }
        )

    # -- HTTP access checks (HttpCase) -----------------------------------------
    def _login(self, who):
        if who == "anonymous":
            self.authenticate(None, None)
        else:
            self.authenticate(who, who)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _assert_hidden(self, response, *secrets):
        """403/404 and none of the record's texts in the answer."""
        self.assertIn(response.status_code, (403, 404), response.url)
        for secret in secrets:
            self.assertNotIn(secret, response.text)

    def _assert_sent_home(self, response, *secrets):
        """A redirect to /my and none of the record's texts in the answer (what
        helpdesk_mgmt's ticket page and Odoo's portal answer for a record the
        visitor may not see, and for one that does not exist)."""
        self.assertEqual(response.status_code, 303, response.url)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        for secret in secrets:
            self.assertNotIn(secret, response.text)

    def _assert_page_access(self, visible, records, url, secrets, hidden=None):
        """Each user of ``visible`` ({login: records shown}) opens ``url(record)``
        for every record: the ones shown answer 200 with their name, the others
        are hidden (``hidden``, by default 403/404) and leak none of
        ``secrets(record)``."""
        hidden = hidden or self._assert_hidden
        for who, shown in visible.items():
            self._login(who)
            for record in records:
                with self.subTest(who=who, record=record.display_name):
                    response = self._get(url(record))
                    if record in shown:
                        self.assertEqual(response.status_code, 200)
                        self.assertIn(record.name, response.text)
                    else:
                        hidden(response, *secrets(record))

    @classmethod
    def _setup_support_portal(cls):
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        env = cls.env
        cls.company = env.company
        cls.currency = cls.company.currency_id
        cls.hour_product = env.ref("support_contract.product_product_support_hour")
        # Normal hourly rate 100.00
        cls.hour_product.list_price = 100.0
        env["support.plan"].search([]).action_archive()
        env["support.addon"].search([]).action_archive()
        env["support.hour.band"].search([("company_id", "=", cls.company.id)]).unlink()
        cls.calendar = cls._business_days_calendar(8, 17)
        cls.calendar_extended = cls._business_days_calendar(7, 23)
        Plan = env["support.plan"]
        cls.plan_basic = Plan.create(
            {
                "name": "Basic",
                "code": "TP-BASIC",
                "sequence": 1,
                "monthly_price": 0.0,
                "company_id": cls.company.id,
            }
        )
        cls.plan_light = Plan.create(
            {
                "name": "Light",
                "code": "TP-LIGHT",
                "sequence": 2,
                "monthly_price": 250.0,
                "user_limit": 2,
                "cloc_max": 5000,
                "calendar_id": cls.calendar.id,
                "includes_sla": True,
                "includes_monitoring": True,
                "includes_hotline": True,
                "company_id": cls.company.id,
            }
        )
        cls.plan_medium = Plan.create(
            {
                "name": "Medium",
                "code": "TP-MEDIUM",
                "sequence": 3,
                "monthly_price": 500.0,
                "user_limit": 100,
                "cloc_min": 5000,
                "cloc_max": 20000,
                "calendar_id": cls.calendar.id,
                "includes_sla": True,
                "company_id": cls.company.id,
            }
        )
        Addon = env["support.addon"]
        cls.addon_extended = Addon.create(
            {
                "name": "Extended availability",
                "code": "TP-EXT",
                "sequence": 1,
                "monthly_price": 1000.0,
                "calendar_id": cls.calendar_extended.id,
                "critical_only": True,
                "company_id": cls.company.id,
            }
        )
        cls.addon_integration = Addon.create(
            {
                "name": "Integration support",
                "code": "TP-INT",
                "sequence": 2,
                "monthly_price": 295.0,
                "per_unit": True,
                "unit_label": "integration",
                "company_id": cls.company.id,
            }
        )
        cls.bands = env["support.hour.band"].create(
            [
                {"hours_from": 0, "hours_to": 10, "discount": 4},
                {"hours_from": 10, "hours_to": 20, "discount": 6},
                {"hours_from": 20, "hours_to": 50, "discount": 9},
                {"hours_from": 50, "hours_to": 100, "discount": 11},
            ]
        )
        cls._setup_support_sla()
        Partner = env["res.partner"]
        cls.customer_a = Partner.create(
            {"name": "Tulpen Test B.V.", "is_company": True}
        )
        cls.customer_b = Partner.create({"name": "Fjord Test AB", "is_company": True})
        cls.key_user_a = cls._new_portal_user("key_user_a", "Anna Key", cls.customer_a)
        cls.contact_a = cls._new_portal_user(
            "contact_a", "Bart Contact", cls.customer_a
        )
        cls.portal_b = cls._new_portal_user("portal_b", "Britt Fjord", cls.customer_b)
        cls.other_contact_a = Partner.create(
            {"name": "Carla Nobody", "parent_id": cls.customer_a.id}
        )
        cls.contract_a = cls._create_contract(
            cls.customer_a,
            reserved_hours=15,
            key_user_ids=[Command.set(cls.key_user_a.partner_id.ids)],
            addon_line_ids=[Command.create({"addon_id": cls.addon_extended.id})],
        )
        cls.contract_b = cls._create_contract(
            cls.customer_b,
            key_user_ids=[Command.set(cls.portal_b.partner_id.ids)],
        )
        cls.contract_a.action_activate()
        cls.contract_b.action_activate()
        Ticket = env["helpdesk.ticket"]
        cls.ticket_a_key = Ticket.create(
            cls._ticket_vals("Invoices print blank", cls.key_user_a.partner_id)
        )
        cls.ticket_a_contact = Ticket.create(
            cls._ticket_vals("Stock report slow", cls.contact_a.partner_id)
        )
        cls.ticket_a_other = Ticket.create(
            cls._ticket_vals("Payroll export fails", cls.other_contact_a)
        )
        cls.ticket_a_followed = Ticket.create(
            cls._ticket_vals("Webshop sync stopped", cls.other_contact_a)
        )
        cls.ticket_a_followed.message_subscribe(
            partner_ids=cls.contact_a.partner_id.ids
        )
        cls.ticket_b = Ticket.create(
            cls._ticket_vals("Timber prices wrong", cls.portal_b.partner_id)
        )
        cls.tickets_a = (
            cls.ticket_a_key
            | cls.ticket_a_contact
            | cls.ticket_a_other
            | cls.ticket_a_followed
        )

    @classmethod
    def _setup_support_sla(cls):
        env = cls.env
        cls._setup_sla_matrices()
        cls.calendar.sla_availability = True
        cls.calendar_extended.sla_availability = True
        cls.plan_light.write(
            {
                "sla_matrix_id": cls.matrix_000.id,
                "sla_default_priority_id": cls.p_medium.id,
            }
        )
        env["support.sla.policy"].create(
            [
                {
                    "plan_id": cls.plan_light.id,
                    "priority_id": priority.id,
                    "response_kind": kind,
                    "response_value": value,
                    "resolution_kind": resolution,
                    "resolution_value": 0,
                }
                for priority, kind, value, resolution in (
                    (cls.p_low, "business_days", 3, "next_day_end"),
                    (cls.p_medium, "business_days", 2, "next_day_end"),
                    (cls.p_high, "business_hours", 8, "day_end_plus"),
                    (cls.p_critical, "business_hours", 8, "day_end_plus"),
                )
            ]
        )
        Type = env["support.ticket.type"]
        cls.type_defect = Type.create({"name": "Portal test defect", "sequence": 1})
        cls.type_question = Type.create(
            {
                "name": "Portal test question",
                "sequence": 2,
                "sla_priority_mode": "fixed",
                "sla_fixed_priority_ids": [Command.set(cls.p_low.ids)],
            }
        )
        cls.type_import = Type.create(
            {"name": "Portal test data import", "sequence": 3, "billable": True}
        )
        Stage = env["helpdesk.ticket.stage"]
        cls.stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_waiting = Stage.create(
            {
                "name": "Waiting for you (test)",
                "sequence": 3,
                "sla_pause": "customer",
                "company_id": False,
            }
        )
        cls.stage_resolved = Stage.create(
            {
                "name": "Resolved (test)",
                "sequence": 3,
                "sla_resolved": True,
                "company_id": False,
            }
        )

    @classmethod
    def _new_portal_user(cls, login, name, customer):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            name=name,
            email=f"{login}@example.com",
            parent_id=customer.id,
            tz="Europe/Amsterdam",
        )

    @classmethod
    def _create_contract(cls, partner, **vals):
        values = {
            "partner_id": partner.id,
            "plan_id": cls.plan_light.id,
            "company_id": cls.company.id,
            "date_start": "2026-01-01",
        }
        values.update(vals)
        return cls.env["support.contract"].create(values)

    @classmethod
    def _ticket_vals(cls, name, partner, **vals):
        values = {
            "name": name,
            "description": f"<p>{name}, since this morning.</p>",
            "partner_id": partner.id,
            "company_id": cls.company.id,
        }
        values.update(vals)
        return values

    def _run_acknowledgements(self):
        """The acknowledgement job, as the cron runs it after the transaction that
        created the tickets (their creation triggers it): it queues the mails."""
        cron = self.env.ref("support_portal.ir_cron_ticket_acknowledgement")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            "a new ticket triggers the acknowledgement job",
        )
        self.env["helpdesk.ticket"]._cron_support_acknowledge(commit=False)

    @classmethod
    def _old_breach(cls):
        """A ticket of key_user_a in since Monday 5 January 2026 09:00 UTC: every
        target long missed."""
        return cls.env["helpdesk.ticket"].create(
            cls._ticket_vals(
                "Old breach",
                cls.key_user_a.partner_id,
                sla_start_date="2026-01-05 09:00",
            )
        )


class SupportPortalCommon(BaseCommon, SupportPortalMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()
