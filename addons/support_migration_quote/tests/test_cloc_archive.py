# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import os
import re
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
import zipfile
from pathlib import Path
from unittest.mock import patch

import odoo.release
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import ClocInputError, count_archive
from .cloc_samples import build_sample_tree, write_addon
from .common import (
    SupportMigrationQuoteCommon,
    tar_folder,
    tar_members,
    zip_folder,
    zip_members,
)

MODULE_LINE = re.compile(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")
TOTAL_LINE = re.compile(r"^\s+(\d+)\s+(\d+)\s+(\d+)\s*$")


def odoo_bin_cloc(*paths):
    """Run the real ``odoo-bin cloc -p path ...``; its modules, total and errors.

    Read with two regular expressions of its own, independent of the addon's parser:
    {module: (code, total)}, (code, total), number of error lines.
    """
    odoo_bin = Path(odoo.release.__file__).resolve().parents[1] / "odoo-bin"
    args = [sys.executable, str(odoo_bin), "cloc"]
    for path in paths:
        args += ["-p", path]
    output = subprocess.run(
        args,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout
    modules, total, errors, section = {}, None, 0, "header"
    for line in output.splitlines():
        if line.startswith("---"):
            section = {"header": "modules", "modules": "total"}.get(section, section)
            continue
        if line.strip() == "Errors":
            section = "errors"
            continue
        if section == "modules" and (match := MODULE_LINE.match(line)):
            modules[match[1]] = (int(match[4]), int(match[2]))
        elif section == "total" and (match := TOTAL_LINE.match(line)):
            total = (int(match[3]), int(match[1]))
        elif section == "errors" and line.startswith("    "):
            errors += 1
    return modules, total, errors


@tagged("post_install", "-at_install")
class TestClocArchive(SupportMigrationQuoteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.TemporaryDirectory(prefix="test-support-cloc-")
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.tree = os.path.join(cls.tmp.name, "custom")
        cls.addons = build_sample_tree(cls.tree)
        cls.cli_modules, cls.cli_total, cls.cli_errors = odoo_bin_cloc(*cls.addons)

    def setUp(self):
        super().setUp()
        # Every temporary file of the count goes here: nothing may stay behind.
        self.private = tempfile.mkdtemp(prefix="test-support-cloc-private-")
        self.addCleanup(lambda: os.path.isdir(self.private) and os.rmdir(self.private))
        patcher = patch.object(tempfile, "tempdir", self.private)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _wizard(self, data, filename="custom.zip"):
        return (
            self.env["support.cloc.measure.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "partner_id": self.customer.id,
                    "source": "archive",
                    "archive": self._b64(data),
                    "archive_name": filename,
                }
            )
        )

    def _assert_refused(self, data, message, filename="custom.zip"):
        """The wizard refuses with ``message``; no measurement, nothing on disk."""
        measurements = self.env["support.cloc.measurement"].search_count([])
        wizard = self._wizard(data, filename)
        with self.assertRaisesRegex(UserError, message):
            wizard.action_measure()
        self.assertEqual(
            self.env["support.cloc.measurement"].search_count([]), measurements
        )
        self.assertEqual(os.listdir(self.private), [], "temporary files left")

    # the count is odoo-bin cloc's ------------------------------------------------

    def test_cli_sample(self):
        """The sample tree as odoo-bin cloc sees it (hand count in cloc_samples):
        tulip_sale 2 copies, tulip_stock 1 copy of: a .py of 9 code lines out of 18,
        an .xml 7/10, a .js 7/12, a .scss 4/7, a .css 3/4; plus UPPER.XML 7/10,
        __init__.py 1/1, models/__init__.py 0/1. tulip_stock: 9+7+7+4+3+7+1+0 = 38
        code, 18+10+12+7+4+10+1+1 = 63 lines. tulip_sale excludes its css by
        cloc_exclude: 2x(9+7+7+4)+7+1+0 = 62 code, 2x(18+10+12+7)+10+1+1 = 106
        lines. Two errors: a syntax error, a minified js."""
        self.assertEqual(
            self.cli_modules, {"tulip_sale": (62, 106), "tulip_stock": (38, 63)}
        )
        self.assertEqual(self.cli_total, (100, 169))
        self.assertEqual(self.cli_errors, 2)

    def test_zip_and_tar_count_equals_odoo_bin_cloc(self):
        for data, name in (
            (zip_folder(self.tree), "custom.zip"),
            (tar_folder(self.tree), "custom.tar.gz"),
            (tar_folder(self.tree, mode="w:bz2"), "custom.tar.bz2"),
            (tar_folder(self.tree, mode="w"), "custom.tar"),
        ):
            with self.subTest(archive=name):
                result = count_archive(data, name)
                self.assertEqual(
                    {m: (c.code, c.total) for m, c in result.modules.items()},
                    self.cli_modules,
                )
                self.assertEqual(
                    (result.code_lines, result.total_lines), self.cli_total
                )
                self.assertEqual(result.error_count, self.cli_errors)
                self.assertEqual(
                    sorted(result.errors["tulip_sale"].items()),
                    [
                        ("custom/tulip_sale/models/broken.py", "Syntax Error"),
                        (
                            "custom/tulip_sale/static/src/minified.js",
                            "Max line size exceeded",
                        ),
                    ],
                )
                self.assertEqual(os.listdir(self.private), [])

    def test_archive_of_one_addon_without_its_folder(self):
        """A zip of an addon's content: the module is named after the archive."""
        data = zip_folder(self.addons[1], arcroot="")
        result = count_archive(data, "tulip_stock.zip")
        self.assertEqual(
            {m: (c.code, c.total) for m, c in result.modules.items()},
            {"tulip_stock": self.cli_modules["tulip_stock"]},
        )

    def test_wizard_measures_archive_per_module_and_language(self):
        action = self._wizard(zip_folder(self.tree)).action_measure()
        measurement = self.env["support.cloc.measurement"].browse(action["res_id"])
        self.assertEqual(measurement.source, "archive")
        self.assertEqual(measurement.partner_id, self.customer)
        self.assertEqual(measurement.user_id, self.agent)
        self.assertEqual(measurement.archive_name, "custom.zip")
        self.assertEqual(measurement.code_lines, 100)
        self.assertEqual(measurement.total_lines, 169)
        self.assertEqual(measurement.module_count, 2)
        self.assertEqual(measurement.error_count, 2)
        self.assertIn(
            "tulip_sale: custom/tulip_sale/models/broken.py: Syntax Error",
            measurement.error_details,
        )
        # tulip_stock by language (see test_cli_sample): css 1 file 3/4, javascript
        # 1 file 7/12, python sale_order_0 + 2 __init__ 10/20, scss 4/7, xml views
        # + UPPER.XML 14/20.
        stock = measurement.line_ids.filtered(
            lambda ln: ln.module_name == "tulip_stock"
        )
        self.assertEqual(
            [
                (
                    ln.language,
                    ln.file_count,
                    ln.code_lines,
                    ln.total_lines,
                    ln.other_lines,
                )
                for ln in stock
            ],
            [
                ("css", 1, 3, 4, 1),
                ("javascript", 1, 7, 12, 5),
                ("python", 3, 10, 20, 10),
                ("scss", 1, 4, 7, 3),
                ("xml", 2, 14, 20, 6),
            ],
        )
        self.assertEqual(sum(measurement.line_ids.mapped("code_lines")), 100)
        self.assertEqual(os.listdir(self.private), [])

    # bad input ---------------------------------------------------------------------

    def test_not_an_archive(self):
        self._assert_refused(b"just some text, not addons\n", "not an archive")
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        self._assert_refused(png, "not an archive", "custom.tar.gz")

    def test_empty_archives(self):
        self._assert_refused(zip_members([]), "The archive is empty")
        self._assert_refused(tar_members([]), "The archive is empty", "x.tar.gz")

    def test_archive_without_module(self):
        data = zip_members([("scripts/tool.py", b"print(1)\n")])
        self._assert_refused(data, "holds no Odoo module")

    def test_absolute_paths(self):
        outside = tempfile.mkdtemp(prefix="test-support-cloc-outside-", dir="/tmp")
        self.addCleanup(os.rmdir, outside)
        target = os.path.join(outside, "evil.py")
        self._assert_refused(zip_members([(target, b"x = 1\n")]), "absolute path")
        self._assert_refused(
            tar_members([(target, b"x = 1\n")]), "absolute path", "x.tgz"
        )
        self._assert_refused(
            zip_members([("C:\\odoo\\evil.py", b"x = 1\n")]), "absolute path"
        )
        self.assertFalse(os.path.exists(target))

    def test_parent_paths(self):
        manifest = ("mod/__manifest__.py", b"{'name': 'mod'}\n")
        # private/support-cloc-xxx/custom/../../evil.py would be private/evil.py
        self._assert_refused(
            zip_members([manifest, ("../../evil.py", b"x = 1\n")]), r"'\.\.'"
        )
        self._assert_refused(
            tar_members([manifest, ("mod/../../../evil.py", b"x = 1\n")]),
            r"'\.\.'",
            "x.tar.gz",
        )
        self._assert_refused(
            zip_members([manifest, ("mod\\..\\..\\..\\evil.py", b"x = 1\n")]),
            r"'\.\.'",
        )

    def test_links(self):
        manifest = ("mod/__manifest__.py", b"{'name': 'mod'}\n")
        symlink = tarfile.TarInfo("mod/models/passwd.py")
        symlink.type = tarfile.SYMTYPE
        symlink.linkname = "/etc/passwd"
        self._assert_refused(
            tar_members([manifest, (symlink, None)]), "link", "x.tar.gz"
        )
        hardlink = tarfile.TarInfo("mod/models/hard.py")
        hardlink.type = tarfile.LNKTYPE
        hardlink.linkname = "mod/__manifest__.py"
        self._assert_refused(
            tar_members([manifest, (hardlink, None)]), "link", "x.tar.gz"
        )
        info = zipfile.ZipInfo("mod/models/passwd.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        self._assert_refused(
            zip_members([manifest, (info, b"/etc/passwd")]), "symbolic link"
        )

    def test_special_file(self):
        fifo = tarfile.TarInfo("mod/models/pipe.py")
        fifo.type = tarfile.FIFOTYPE
        self._assert_refused(tar_members([(fifo, None)]), "special file", "x.tgz")

    def test_decompression_bomb_total_size(self):
        """2 MiB of zeros compress to a few KiB; the limit is set to 1 MiB."""
        self.env["ir.config_parameter"].set_param(
            "support_migration_quote.archive_max_unpacked_mb", "1"
        )
        zeros = b"\x00" * (2 * 2**20)
        manifest = ("mod/__manifest__.py", b"{'name': 'mod'}\n")
        data = zip_members([manifest, ("mod/models/big.py", zeros)])
        self.assertLess(len(data), 64 * 1024)
        self._assert_refused(data, "decompression bomb")
        data = tar_members([manifest, ("mod/models/big.py", zeros)])
        self._assert_refused(data, "decompression bomb", "x.tar.gz")
        # not extracted (a .png) but counted all the same: tar must read through it
        data = tar_members([manifest, ("mod/static/big.png", zeros)])
        self._assert_refused(data, "decompression bomb", "x.tar.gz")

    def test_decompression_bomb_file_count(self):
        self.env["ir.config_parameter"].set_param(
            "support_migration_quote.archive_max_files", "50"
        )
        members = [("mod/__manifest__.py", b"{'name': 'mod'}\n")] + [
            (f"mod/models/m{i}.py", b"x = 1\n") for i in range(60)
        ]
        self._assert_refused(zip_members(members), "more than 50 files")
        self._assert_refused(tar_members(members), "more than 50 files", "x.tgz")

    def test_lying_zip_header(self):
        """A zip claiming 16 bytes for 2 MiB: Python's zipfile reads no more than
        declared, the CRC then fails: refused as damaged, nothing left."""
        zeros = b"\x00" * (2 * 2**20)
        data = bytearray(
            zip_members(
                [("mod/__manifest__.py", b"{}\n"), ("mod/models/big.py", zeros)]
            )
        )
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            info = archive.getinfo("mod/models/big.py")
        # uncompressed size: offset 22 of the local header, 24 of the central one
        data[info.header_offset + 22 : info.header_offset + 26] = (16).to_bytes(
            4, "little"
        )
        central = bytes(data).rindex(b"PK\x01\x02")
        data[central + 24 : central + 28] = (16).to_bytes(4, "little")
        self._assert_refused(bytes(data), "damaged")

    def test_too_large_upload(self):
        self.env["ir.config_parameter"].set_param(
            "support_migration_quote.archive_max_size_mb", "1"
        )
        data = zip_members(
            [("mod/__manifest__.py", b"{}\n"), ("mod/x.py", os.urandom(2**20))]
        )
        self._assert_refused(data, "more than the 1.0 MiB allowed")

    def test_damaged_and_duplicate(self):
        data = tar_folder(self.tree)
        self._assert_refused(data[: len(data) // 2], "damaged", "custom.tar.gz")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate
            data = zip_members(
                [
                    ("mod/__manifest__.py", b"{}\n"),
                    ("mod/x.py", b"x = 1\n"),
                    ("mod/x.py", b"x = 2\n"),
                ]
            )
        self._assert_refused(data, "twice")

    def test_missing_archive(self):
        wizard = self._wizard(b"")
        wizard.archive = False
        with self.assertRaisesRegex(UserError, "Upload an archive"):
            wizard.action_measure()

    def test_tools_error_is_lazy_translated(self):
        """The tools raise ClocInputError; its message is translated on display."""
        with self.assertRaises(ClocInputError) as caught:
            count_archive(b"nope", "x.zip")
        self.assertIn("not an archive", self.env._(caught.exception.message))

    def test_nested_addons_folder(self):
        """Addons in sub-folders are found; a folder under an addon is its code."""
        root = os.path.join(self.tmp.name, "nested")
        write_addon(os.path.join(root, "group_a"), "a_one")
        write_addon(os.path.join(root, "group_b"), "b_two")
        result = count_archive(zip_folder(root), "nested.zip")
        self.assertEqual(sorted(result.modules), ["a_one", "b_two"])
        # one copy: 38 code lines as tulip_stock (see test_cli_sample)
        self.assertEqual(result.modules["a_one"].code, 38)

    # bounded work per upload ---------------------------------------------------

    def test_huge_python_file_refused_before_parsing(self):
        """A 30 KB zip holding a 20 MiB .py of ``x = 1`` lines: refused by its size,
        naming the file, in a few seconds (it took 42 s and over 8 GB of memory in
        cloc's parse and ended as "Syntax Error, 0 lines")."""
        big = b"x = 1\n" * (20 * 2**20 // 6)
        members = [
            ("mod/__manifest__.py", b"{'name': 'mod'}\n"),
            ("mod/models/big.py", big),
        ]
        data = zip_members(members)
        self.assertLess(len(data), 64 * 1024)
        started = time.monotonic()
        self._assert_refused(
            data, r"The file mod/models/big\.py is larger than 1\.0 MiB"
        )
        self.assertLess(time.monotonic() - started, 20)
        self._assert_refused(
            tar_members(members), r"mod/models/big\.py is larger than", "x.tar.gz"
        )

    def test_python_file_lines_and_any_file_size_capped(self):
        self.env["ir.config_parameter"].set_param(
            "support_migration_quote.archive_max_py_lines", "100"
        )
        manifest = ("mod/__manifest__.py", b"{'name': 'mod'}\n")
        data = zip_members([manifest, ("mod/models/long.py", b"x = 1\n" * 101)])
        self._assert_refused(
            data, r"Python file mod/models/long\.py has more than 100 lines"
        )
        # exactly at the limit: counted
        data = zip_members([manifest, ("mod/models/long.py", b"x = 1\n" * 100)])
        self.assertEqual(count_archive(data, "x.zip").modules["mod"].code, 100)
        # any kind of file, even one cloc does not read
        self.env["ir.config_parameter"].set_param(
            "support_migration_quote.archive_max_file_mb", "1"
        )
        data = zip_members([manifest, ("mod/static/big.png", b"\x00" * (2**20 + 1))])
        self._assert_refused(data, r"The file mod/static/big\.png is larger than 1\.0")

    def test_deep_path_refused(self):
        """A 2,000-folder-deep path raised RecursionError; now refused by name."""
        deep = "mod/" + "d/" * 2000 + "x.py"
        manifest = ("mod/__manifest__.py", b"{'name': 'mod'}\n")
        for data, filename in (
            (zip_members([manifest, (deep, b"x = 1\n")]), "x.zip"),
            (tar_members([manifest, (deep, b"x = 1\n")]), "x.tar.gz"),
        ):
            self._assert_refused(
                data,
                r"path deeper than 64 folders, which is refused: mod/d/d/",
                filename,
            )
        # a folder member alone, too
        self._assert_refused(
            zip_members([manifest, ("mod/" + "d/" * 70, b"")]), "deeper than 64"
        )

    def test_no_silent_zero(self):
        """Every file failing in cloc is refused with the errors, not 0 lines."""
        data = zip_members(
            [("mod/__manifest__.py", b"{'name': 'mod'}\n"), ("mod/a.py", b"def (:\n")]
        )
        self._assert_refused(
            data, r"No line could be counted(.|\n)*a\.py: Syntax Error"
        )
