# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import tempfile

import polib

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SupportContractCommon
from .i18n_check import (
    activate_languages,
    export_pot,
    po_problems,
    pot_problems,
)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_checks_catch_stale_and_broken_files(self):
        """The checks really fail: a term added to the code, a term gone from it, a
        lost placeholder, lost markup and an empty translation are all reported."""
        module = "support_contract"
        exported = export_pot(self.env, module)
        pot = polib.pofile(exported)
        with tempfile.TemporaryDirectory() as tmp:
            stale = polib.pofile(exported)
            stale.remove(stale[0])
            stale.append(polib.POEntry(msgid="A term the code lost", msgstr=""))
            stale.save(f"{tmp}/stale.pot")
            problems = pot_problems(exported, f"{tmp}/stale.pot")
            self.assertEqual(
                problems,
                [
                    f"not in the .pot: {pot[0].msgid!r}",
                    "no longer in the code: 'A term the code lost'",
                ],
            )
            # without demo data, terms missing from the export are not reported
            self.assertEqual(
                pot_problems(exported, f"{tmp}/stale.pot", demo_installed=False),
                [f"not in the .pot: {pot[0].msgid!r}"],
            )
            po = polib.POFile()
            po.append(polib.POEntry(msgid="%(count)s hours", msgstr="%s uur"))
            po.append(polib.POEntry(msgid="<b>Due</b>", msgstr="Openstaand"))
            po.append(polib.POEntry(msgid="Open", msgstr=""))
            po.save(f"{tmp}/nl.po")
            small = polib.POFile()
            for msgid in ("%(count)s hours", "<b>Due</b>", "Open", "Closed"):
                small.append(polib.POEntry(msgid=msgid, msgstr=""))
            small.save(f"{tmp}/small.pot")
            problems = po_problems(f"{tmp}/small.pot", f"{tmp}/nl.po")
        self.assertEqual(len(problems), 4, problems)
        self.assertIn("placeholders differ in '%(count)s hours'", problems[0])
        self.assertIn("tags differ in '<b>Due</b>'", problems[1])
        self.assertEqual(problems[2:], ["untranslated: 'Open'", "missing: 'Closed'"])


@tagged("post_install", "-at_install")
class TestBackendLanguages(SupportContractCommon):
    """Staff working in Dutch or Swedish get the suite's errors in their language,
    and the records of the catalogue their translated names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_languages(cls.env, ["support_contract"])

    def test_error_in_the_users_language(self):
        contract = self._create_contract()
        for lang, expected in (
            ("nl_NL", "Minimale looptijd, aantal gebruikers en regels maatwerkcode"),
            ("sv_SE", "Minsta avtalstid, antal användare och rader egen kod"),
        ):
            with self.assertError(ValidationError, expected):
                contract.with_context(lang=lang).write({"user_count": -1})
        self.assertEqual(contract.user_count, 0)

    def test_ticket_types_in_the_users_language(self):
        question = self.env.ref("support_contract.support_ticket_type_question")
        self.assertEqual(question.with_context(lang="nl_NL").name, "Vraag")
        self.assertEqual(question.with_context(lang="sv_SE").name, "Fråga")
