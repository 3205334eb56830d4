# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: count an archive of custom addons as support_migration_quote does.

Generates ten addons with about 50,000 lines of code (Python, XML, JavaScript, as
``odoo-bin cloc`` counts them), zips them, then times

- ``count_archive``: what the measure wizard does with an upload (checked extraction
  into a private temporary directory + ``odoo.tools.cloc`` on every addon);
- ``odoo-bin cloc -p addon ...`` on the same extracted tree, as a subprocess (what a
  person would run);
- ``odoo.tools.cloc.Cloc.count_path`` on that tree in-process (the counting alone,
  without odoo-bin's start-up).

Each is run REPEAT times, interleaved; the best time counts. Prints the figures and
the ratios and exits 1 when the archive count takes 3 s or more, is over 1.2x
odoo-bin cloc, or counts differently.

    ~/.support-suite/venv/bin/python benchmarks/bench_cloc.py [--lines 50000]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import odoo.release
from odoo.tools import cloc

import odoo.addons

REPO = Path(__file__).resolve().parents[1]
odoo.addons.__path__.append(str(REPO / "addons"))

from odoo.addons.support_migration_quote.tools import (  # noqa: E402
    count_archive,
    extract_archive,
)

REPEAT = 5
MAX_SECONDS = 3.0
MAX_RATIO = 1.2

PY_HEAD = '''# Copyright 2026 Customer
"""Custom sale logic {n}."""

from odoo import api, fields, models


class SaleOrder{n}(models.Model):
    _inherit = "sale.order"

'''
PY_METHOD = '''    x_field_{n}_{i} = fields.Char(string="Field {i}")  # a comment

    @api.depends("order_line")
    def _compute_total_{n}_{i}(self):
        """Docstring of a compute
        on two lines."""
        for order in self:
            total = 0.0
            for line in order.order_line:
                if line.product_id and line.price_unit > {i}:
                    total += line.price_subtotal
            order.x_total_{n}_{i} = total

'''
XML_HEAD = '<?xml version="1.0" encoding="utf-8" ?>\n<!-- views {n} -->\n<odoo>\n'
XML_RECORD = """    <record id="view_{n}_{i}" model="ir.ui.view">
        <field name="name">sale.order.form.{n}.{i}</field>
        <field name="model">sale.order</field>
        <field name="inherit_id" ref="sale.view_order_form" />
        <field name="arch" type="xml">
            <!-- add the field -->
            <field name="partner_id" position="after">
                <field name="x_field_{n}_{i}" />
            </field>
        </field>
    </record>

"""
JS_HEAD = (
    '/** @odoo-module **/\n// widgets {n}\nimport {{ Component }} from "@odoo/owl";\n\n'
)
JS_CLASS = """/* widget {i}
   of module {n} */
export class Widget{n}x{i} extends Component {{
    static template = "custom.Widget{n}x{i}";
    setup() {{
        this.value = {i}; // start
        this.label = "Widget // {i}";
    }}
    onClick(ev) {{
        if (ev.target) {{
            this.value += 1;
        }}
    }}
}}

"""


def generate_tree(root, target_lines):
    """Ten addons, about half the code in Python, 30 % XML, 20 % JS."""
    addons = []
    # code lines per block as cloc counts them: python 10, xml 9, js 13
    per_addon = target_lines // 10
    for n in range(10):
        base = Path(root) / f"customer_addon_{n}"
        (base / "models").mkdir(parents=True)
        (base / "views").mkdir()
        (base / "static" / "src").mkdir(parents=True)
        (base / "__manifest__.py").write_text(
            f'{{"name": "Customer addon {n}", "depends": ["sale"], '
            f'"data": ["views/views.xml"], "license": "LGPL-3"}}\n'
        )
        (base / "__init__.py").write_text("from . import models\n")
        (base / "models" / "__init__.py").write_text(
            "".join(f"from . import sale_order_{f}\n" for f in range(5))
        )
        py_blocks = per_addon * 50 // 100 // 10
        for f in range(5):
            body = PY_HEAD.format(n=f"{n}{f}") + "".join(
                PY_METHOD.format(n=f"{n}{f}", i=i) for i in range(py_blocks // 5)
            )
            (base / "models" / f"sale_order_{f}.py").write_text(body)
        xml_blocks = per_addon * 30 // 100 // 9
        for f in range(3):
            body = XML_HEAD.format(n=n) + "".join(
                XML_RECORD.format(n=f"{n}{f}", i=i) for i in range(xml_blocks // 3)
            )
            (base / "views" / f"views_{f}.xml").write_text(body + "</odoo>\n")
        js_blocks = per_addon * 20 // 100 // 13
        for f in range(2):
            body = JS_HEAD.format(n=n) + "".join(
                JS_CLASS.format(n=f"{n}{f}", i=i) for i in range(js_blocks // 2)
            )
            (base / "static" / "src" / f"widgets_{f}.js").write_text(body)
        addons.append(str(base))
    return addons


def zip_tree(root):
    path = Path(root).parent / "custom_addons.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(Path(root).rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(Path(root).parent))
    return path.read_bytes()


def best_of(*functions):
    """Run the functions in turn REPEAT times (interleaved, so that the load of a
    shared machine weighs on each alike): (best, median, result) of each."""
    times = [[] for _ in functions]
    results = [None] * len(functions)
    for _ in range(REPEAT):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            results[index] = function()
            times[index].append(time.perf_counter() - start)
    return [
        (min(t), sorted(t)[len(t) // 2], result)
        for t, result in zip(times, results, strict=True)
    ]


def odoo_bin_cloc(addons):
    odoo_bin = Path(odoo.release.__file__).resolve().parents[1] / "odoo-bin"
    args = [sys.executable, str(odoo_bin), "cloc"]
    for path in addons:
        args += ["-p", path]
    output = subprocess.run(
        args, capture_output=True, text=True, check=True, timeout=600
    ).stdout
    total = next(
        line for line in reversed(output.splitlines()) if re.match(r"^\s+\d+", line)
    )
    return int(total.split()[-1])


def in_process_cloc(addons):
    counter = cloc.Cloc()
    for path in addons:
        counter.count_path(path)
    return sum(counter.code.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cloc-") as tmp:
        tree = os.path.join(tmp, "custom")
        generate_tree(tree, args.lines)
        data = zip_tree(tree)
        extracted = os.path.join(tmp, "extracted")
        os.mkdir(extracted)
        extract_archive(data, extracted)
        addons = sorted(str(p) for p in Path(extracted, "custom").iterdir())

        (
            (ours, ours_median, result),
            (cli, cli_median, cli_code),
            (inproc, inproc_median, inproc_code),
        ) = best_of(
            lambda: count_archive(data, "x.zip"),
            lambda: odoo_bin_cloc(addons),
            lambda: in_process_cloc(addons),
        )

    by_language = {}
    for line in result.detail_lines():
        by_language[line["language"]] = (
            by_language.get(line["language"], 0) + line["code_lines"]
        )
    print(f"archive: {len(data) / 1024:.0f} KiB zip, {len(result.modules)} addons")
    print(
        f"lines of code (cloc): {result.code_lines:,} "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(by_language.items()))}); "
        f"{result.total_lines:,} lines in all"
    )
    print(f"runs: {REPEAT}, best (median)")
    print(
        f"  count_archive (extract + odoo.tools.cloc): {ours:.3f} s ({ours_median:.3f})"
    )
    print(
        f"  odoo-bin cloc -p ... (subprocess):         {cli:.3f} s ({cli_median:.3f})"
    )
    print(
        f"  Cloc.count_path in-process (count only):   {inproc:.3f} s "
        f"({inproc_median:.3f})"
    )
    ratio = ours / cli
    print(f"ratio count_archive / odoo-bin cloc: {ratio:.2f} (limit {MAX_RATIO})")
    print(
        f"ratio count_archive / in-process count: {ours / inproc:.2f} "
        "(extraction overhead, informative)"
    )
    failures = []
    if not (result.code_lines == cli_code == inproc_code):
        failures.append(
            f"counts differ: archive {result.code_lines}, odoo-bin cloc {cli_code}, "
            f"in-process {inproc_code}"
        )
    if result.code_lines < args.lines * 0.95:
        failures.append(f"only {result.code_lines} lines generated")
    if ours >= MAX_SECONDS:
        failures.append(f"count_archive took {ours:.2f} s (limit {MAX_SECONDS} s)")
    if ratio > MAX_RATIO:
        failures.append(f"{ratio:.2f}x odoo-bin cloc (limit {MAX_RATIO}x)")
    for failure in failures:
        print(f"FAILED: {failure}")
    print("OK" if not failures else "FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
