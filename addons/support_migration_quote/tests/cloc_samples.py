# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Builds folders of custom addons for the cloc tests (and the fixture files).

``build_sample_tree(root)`` writes two addons with what ``odoo.tools.cloc``
distinguishes: Python with docstrings and comments, XML with comments, JS, CSS and
SCSS, files it always excludes (tests/, static/lib/, migrations/, the manifest's demo
files and ``cloc_exclude`` globs), files it does not read (.txt, .png), a Python file
with a syntax error and a minified JS file (both listed as errors).
"""

import os
import textwrap

MANIFEST = """{{
    "name": "{name}",
    "version": "19.0.1.0.0",
    "depends": ["sale"],
    "data": ["views/{name}_views.xml"],
    "demo": ["demo/{name}_demo.xml"],
    "license": "LGPL-3",
    {extra}
}}
"""

PYTHON = '''"""Module docstring:
three lines, counted once."""

# a comment
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    x_ref = fields.Char()  # trailing comment

    def action_x(self):
        """Docstring."""
        text = """a
long
string"""
        return text
'''

XML = """<?xml version="1.0" encoding="utf-8"?>
<!-- a comment
     on two lines -->
<odoo>

    <record id="view_{i}" model="ir.ui.view">
        <field name="name">view.{i}</field>
        <field name="model">sale.order</field>
    </record>
</odoo>
"""

JS = """/** @odoo-module **/
// a comment
import {{ Component }} from "@odoo/owl";

/* a block
   comment */
export class Widget{i} extends Component {{
    static template = "x.Widget{i}"; // trailing
    setup() {{
        this.url = "http://example.com/*not a comment*/";
    }}
}}
"""

SCSS = """// comment
.o_x_{i} {{
    /* block */
    color: red;

    .inner {{ margin: 0; }}
}}
"""

CSS = """/* comment */
.o_y_{i} {{
    color: blue;
}}
"""


def _write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)


def write_addon(root, name, files=1, extra="", broken=False):
    """One addon ``name`` under ``root`` with ``files`` copies of each kind."""
    base = os.path.join(root, name)
    _write(
        os.path.join(base, "__manifest__.py"), MANIFEST.format(name=name, extra=extra)
    )
    _write(os.path.join(base, "__init__.py"), "from . import models\n")
    _write(os.path.join(base, "models", "__init__.py"), "")
    for i in range(files):
        _write(os.path.join(base, "models", f"sale_order_{i}.py"), PYTHON)
        _write(os.path.join(base, "views", f"{name}_views_{i}.xml"), XML.format(i=i))
        _write(os.path.join(base, "static", "src", f"widget_{i}.js"), JS.format(i=i))
        _write(os.path.join(base, "static", "src", f"style_{i}.scss"), SCSS.format(i=i))
        _write(os.path.join(base, "static", "src", f"plain_{i}.css"), CSS.format(i=i))
    # always excluded by cloc
    _write(os.path.join(base, "tests", "test_x.py"), PYTHON)
    _write(os.path.join(base, "static", "lib", "lib.js"), JS.format(i="lib"))
    _write(os.path.join(base, "migrations", "19.0.1.0.0", "post.py"), PYTHON)
    _write(os.path.join(base, "demo", f"{name}_demo.xml"), XML.format(i="demo"))
    # not read by cloc
    _write(os.path.join(base, "readme", "DESCRIPTION.md"), "Text.\n")
    _write(os.path.join(base, "static", "description", "icon.png"), "PNG")
    # upper-case extension: cloc lowers it
    _write(os.path.join(base, "data", "UPPER.XML"), XML.format(i="upper"))
    if broken:
        _write(os.path.join(base, "models", "broken.py"), "def broken(:\n    pass\n")
        _write(
            os.path.join(base, "static", "src", "minified.js"),
            "var a=1;" * 12600 + "\n",
        )
    return base


def build_sample_tree(root):
    """Two addons, the first with errors and a cloc_exclude glob; returns paths."""
    first = write_addon(
        root,
        "tulip_sale",
        files=2,
        extra='"cloc_exclude": ["static/src/plain_*.css"],',
        broken=True,
    )
    second = write_addon(root, "tulip_stock", files=1)
    _write(
        os.path.join(root, "README.txt"),
        textwrap.dedent(
            """\
            Custom addons of Tulip Trading.
            """
        ),
    )
    return [first, second]
