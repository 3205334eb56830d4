# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.support_contract.tests.i18n_check import (
    activate_languages,
    english_offenders,
    english_terms,
    text_nodes,
    translate_names,
)

from .common import SlaTicketCommon, ams

#: The modules whose terms the report shows: the suite's and the layout's (web).
MODULES = ["support_contract", "support_sla", "web"]
#: Texts no translator decides although a .pot lists them.
ALLOWED = {"SLA", "Odoo"}
#: The test's priorities in Dutch and Swedish: what a provider enters.
PRIORITIES = {
    "p_critical": ("Kritiek", "Kritisk"),
    "p_high": ("Hoog", "Hög"),
    "p_medium": ("Gemiddeld", "Medel"),
    "p_low": ("Laag", "Låg"),
}


@tagged("post_install", "-at_install")
class TestSlaReportLanguages(SlaTicketCommon):
    """The quarterly evaluation (Q4 2026) of a contract whose customer reads Dutch,
    then Swedish: the report is in the customer's language, whoever prints it.

    Light contract, 10 h reserved a month. Mon 2 Nov 2026 09:00 CET two tickets:
    "Scanners" (defect, multiple users x high: High), answered 10:00 and resolved
    15:00; "Late" (untyped, untriaged: Medium), answered Thu 5 Nov 12:00, its
    response breached. 14, 12.5 and 12 h used in October, November and December:
    above the reservation three months in a row.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_languages(cls.env, MODULES)
        translate_names(
            (getattr(cls, name), names) for name, names in PRIORITIES.items()
        )
        cls.contract_light.reserved_hours = 10.0
        _system, multiple, _single = cls.impact.value_ids
        high = cls.urgency.value_ids[0]
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            scanners = cls._ticket(name="Scanners")
            scanners.write(
                {
                    "support_ticket_type_id": cls.type_defect.id,
                    "sla_row_value_id": multiple.id,
                    "sla_column_value_id": high.id,
                }
            )
            late = cls._ticket(name="Late")
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 2, 10))
            cls._staff_reply(scanners)
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 2, 15))
            scanners.stage_id = cls.stage_done
            cls.env.flush_all()
            frozen.move_to(ams(2026, 11, 5, 12))
            cls._staff_reply(late)
            cls.env["support.sla.breach"].create(
                {
                    "ticket_id": late.id,
                    "contract_id": cls.contract_light.id,
                    "target": "response",
                    "deadline": late.sla_response_deadline,
                    "priority_id": late.sla_priority_id.id,
                }
            )
            cls.env.flush_all()
        cls.evaluation = cls._light_q4_2026_evaluation()

    def _render(self, lang):
        """The report as HTML, printed by an English-speaking user for a customer
        whose language is ``lang``."""
        self.contract_light.partner_id.lang = lang
        report = self.env["ir.actions.report"].with_context(lang="en_US")
        html, _kind = report._render_qweb_html(
            "support_sla.action_report_sla_evaluation", self.evaluation.ids
        )
        return html.decode()

    def _assert_report(self, lang, headings):
        html = self._render(lang)
        # the fixture reached every section of the report
        self.assertEqual(self.evaluation.breach_count, 1)
        self.assertEqual(self.evaluation.fair_use, "above")
        shown = text_nodes(html)
        problems = [f"missing: {text!r}" for text in headings if text not in shown]
        offenders = english_offenders(
            {"report": html}, english_terms(MODULES, lang), ALLOWED
        )
        problems += [f"English: {text}" for text in offenders.get("report", [])]
        if problems:
            self.fail(f"The {lang} report:\n    " + "\n    ".join(problems))

    @freeze_time("2027-01-10 10:00:00")
    def test_dutch(self):
        self._assert_report(
            "nl_NL",
            [
                "Kwartaalevaluatie SLA",
                "Serviceniveau",
                "Ontvangen tickets",
                "Tickets per type en prioriteit",
                "Overschrijdingen",
                "Reactietijd",
                "Gereserveerde en gebruikte uren",
                "Drie maanden op rij boven de reservering",
                "Advies",
            ],
        )

    @freeze_time("2027-01-10 10:00:00")
    def test_swedish(self):
        self._assert_report(
            "sv_SE",
            [
                "Kvartalsutvärdering SLA",
                "Servicenivå",
                "Mottagna ärenden",
                "Ärenden per typ och prioritet",
                "Överträdelser",
                "Svarstid",
                "Reserverade och använda timmar",
                "Över reservationen tre månader i rad",
                "Råd",
            ],
        )

    @freeze_time("2027-01-10 10:00:00")
    def test_pdf(self):
        """The Dutch report renders as a PDF (wkhtmltopdf), not only as HTML."""
        self.contract_light.partner_id.lang = "nl_NL"
        pdf, kind = self._evaluation_report(self.evaluation, pdf=True)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
