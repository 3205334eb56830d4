# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import os
import tempfile

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import count_archive, parse_cloc_output
from .cloc_samples import build_sample_tree
from .common import SupportMigrationQuoteCommon, read_fixture, zip_folder

# What github.com/AlDanial/cloc prints: a different tool, often confused with
# odoo-bin cloc.
OTHER_CLOC = """github.com/AlDanial/cloc v 1.96  T=0.05 s (1071.5 files/s)
-------------------------------------------------------------------------------
Language                     files          blank        comment           code
-------------------------------------------------------------------------------
Python                          31            402            310           2611
XML                             17             88             40           1350
-------------------------------------------------------------------------------
SUM:                            48            490            350           3961
-------------------------------------------------------------------------------
"""


@tagged("post_install", "-at_install")
class TestClocOutput(SupportMigrationQuoteCommon):
    def _wizard(self, text):
        return (
            self.env["support.cloc.measure.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "partner_id": self.customer.id,
                    "source": "output",
                    "cloc_output": text,
                }
            )
        )

    def _assert_refused(self, text, message):
        count = self.env["support.cloc.measurement"].search_count([])
        with self.assertRaisesRegex(UserError, message):
            self._wizard(text).action_measure()
        self.assertEqual(self.env["support.cloc.measurement"].search_count([]), count)

    def test_path_output(self):
        """odoo-bin cloc -p custom/tulip_sale -p custom/tulip_stock (fixture
        cloc_p.txt): two modules, 62 + 38 = 100 code lines, 106 + 63 = 169 lines,
        and the two errors it lists even without -v."""
        result = parse_cloc_output(read_fixture("cloc_p.txt"))
        self.assertFalse(result.detailed)
        self.assertEqual(
            {m: (c.code, c.total) for m, c in result.modules.items()},
            {"tulip_sale": (62, 106), "tulip_stock": (38, 63)},
        )
        self.assertEqual((result.code_lines, result.total_lines), (100, 169))
        self.assertEqual(
            result.errors,
            {
                "tulip_sale": {
                    "custom/tulip_sale/models/broken.py": "Syntax Error",
                    "custom/tulip_sale/static/src/minified.js": (
                        "Max line size exceeded"
                    ),
                }
            },
        )
        self.assertEqual(
            [
                (ln["module"], ln["language"], ln["code_lines"])
                for ln in result.detail_lines()
            ],
            [("tulip_sale", False, 62), ("tulip_stock", False, 38)],
        )

    def test_verbose_path_output_matches_archive_count(self):
        """cloc_p_v.txt was printed by odoo-bin cloc -v on the tree cloc_samples
        builds: its per-module, per-language detail is what counting a zip of that
        tree gives."""
        result = parse_cloc_output(read_fixture("cloc_p_v.txt"))
        self.assertTrue(result.detailed)
        self.assertEqual(len(result.modules["tulip_sale"].files), 11)
        with tempfile.TemporaryDirectory() as tmp:
            tree = os.path.join(tmp, "custom")
            build_sample_tree(tree)
            counted = count_archive(zip_folder(tree), "custom.zip")
        self.assertEqual(result.detail_lines(), counted.detail_lines())
        self.assertEqual(result.errors, counted.errors)

    def test_database_output(self):
        """odoo-bin cloc -d on a test database (cloc_d.txt): six modules, among
        them odoo/studio (a server action and a manual computed field), total
        5,394 code lines and 6,373 lines as its last line says; the sum of the
        module lines: 3368 + 5 + 61 + 1958 + 1 + 1 = 5394."""
        result = parse_cloc_output(read_fixture("cloc_d.txt"))
        self.assertEqual(len(result.modules), 6)
        self.assertEqual(result.modules["odoo/studio"].code, 5)
        self.assertEqual(result.modules["helpdesk_mgmt"].code, 3368)
        self.assertEqual((result.code_lines, result.total_lines), (5394, 6373))
        self.assertFalse(result.excluded)

    def test_verbose_database_output_with_excluded(self):
        """cloc_d_v.txt: the same with -v, per file, and an Excluded section (a
        server action with an xml id in __cloc_exclude__, 1 line)."""
        result = parse_cloc_output(read_fixture("cloc_d_v.txt"))
        self.assertTrue(result.detailed)
        self.assertEqual((result.code_lines, result.total_lines), (5394, 6373))
        self.assertEqual(
            result.excluded, {"": {"ir.actions.server/486: Legacy cleanup": (1, 1)}}
        )
        self.assertEqual(result.excluded_lines, 1)
        detail = {(ln["module"], ln["language"]): ln for ln in result.detail_lines()}
        # database items are Python: 3 + 2 code lines
        studio = detail[("odoo/studio", "python")]
        self.assertEqual((studio["file_count"], studio["code_lines"]), (2, 5))
        # helpdesk_mgmt: 3 js files 93, 18 py 994, 16 xml 2281: 93+994+2281 = 3368
        self.assertEqual(
            [
                (lang, detail[("helpdesk_mgmt", lang)]["code_lines"])
                for lang in ("javascript", "python", "xml")
            ],
            [("javascript", 93), ("python", 994), ("xml", 2281)],
        )

    def test_wizard_keeps_output_and_detail(self):
        text = read_fixture("cloc_d_v.txt")
        action = self._wizard(text).action_measure()
        measurement = self.env["support.cloc.measurement"].browse(action["res_id"])
        self.assertEqual(measurement.source, "output")
        self.assertEqual(measurement.cloc_output, text)
        self.assertEqual(measurement.code_lines, 5394)
        self.assertEqual(measurement.total_lines, 6373)
        self.assertEqual(measurement.module_count, 6)
        self.assertEqual(measurement.excluded_lines, 1)
        self.assertEqual(
            measurement.excluded_details, ": ir.actions.server/486: Legacy cleanup: 1"
        )
        self.assertEqual(sum(measurement.line_ids.mapped("code_lines")), 5394)

    def test_pasted_from_a_terminal(self):
        """Windows line endings, trailing blanks dropped, text around the report."""
        text = read_fixture("cloc_p.txt")
        pasted = "$ odoo-bin cloc -p custom/tulip_sale -p custom/tulip_stock\r\n"
        pasted += "\r\n".join(line.rstrip() for line in text.splitlines())
        result = parse_cloc_output(pasted)
        self.assertEqual(result.code_lines, 100)
        self.assertEqual(result.error_count, 2)

    # bad input ---------------------------------------------------------------------

    def test_other_cloc_tool(self):
        self._assert_refused(OTHER_CLOC, "AlDanial")

    def test_not_cloc_output(self):
        self._assert_refused('{"lines": 12000}', "not the output of odoo-bin cloc")
        self._assert_refused("Total: 12,000 lines", "not the output of odoo-bin cloc")

    def test_empty_output(self):
        self._assert_refused("   \n", "Paste the output")
        with self.assertRaisesRegex(Exception, "empty"):
            parse_cloc_output("")

    def test_truncated_output(self):
        lines = read_fixture("cloc_d.txt").splitlines()
        self._assert_refused("\n".join(lines[:5]), "cut off")
        self._assert_refused(lines[0], "cut off after its header")

    def test_edited_figures(self):
        text = read_fixture("cloc_d.txt")
        # one module's figures changed consistently: the total no longer adds up
        edited = text.replace(
            "support_contract                                              74      13"
            "      61",
            "support_contract                                              64      13"
            "      51",
        )
        self.assertNotEqual(edited, text)
        self._assert_refused(edited, "does not add up")
        # Line - Other != Code on one line
        edited = text.replace("3747     379    3368", "3747     379    3000")
        self._assert_refused(edited, "Line - Other")
        # a file of a verbose report left out
        lines = read_fixture("cloc_p_v.txt").splitlines()
        edited = "\n".join(line for line in lines if "sale_order_1.py" not in line)
        self._assert_refused(edited, "the files of module tulip_sale")

    def test_garbage_line(self):
        lines = read_fixture("cloc_d.txt").splitlines()
        lines.insert(3, "some words that are not a module line")
        self._assert_refused("\n".join(lines), "Line 4 of the cloc output")
