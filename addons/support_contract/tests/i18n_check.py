# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the suite's translation files, shared by every addon's tests and by
``scripts/i18n check`` (which loads this file directly, without Odoo).

* the committed ``i18n/<addon>.pot`` must be what Odoo's own exporter writes for the
  code and data as they are (header dates aside);
* every ``<lang>.po`` must translate every term of the ``.pot``, with no fuzzy or
  obsolete entries, keeping the placeholders and the markup of the source.
"""

import io
import os
import re
from collections import Counter

import polib

#: Languages every addon must translate completely; the test command fails otherwise.
REQUIRED_LANGUAGES = ("nl", "sv")
#: Further languages, checked for completeness when their file exists.
OPTIONAL_LANGUAGES = ("de", "da")

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{[\w.]*\}")
_TAG = re.compile(r"</?([A-Za-z][\w.-]*)")
_QWEB_ATTR = re.compile(r"\st-[\w-]+=\"[^\"]*\"")
_ENTITY = re.compile(r"&[a-z]+;|&#\d+;")


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def _pot_entries(pofile):
    return {
        _key(entry): (sorted(entry.occurrences), entry.comment)
        for entry in pofile
        if not entry.obsolete
    }


def pot_problems(exported_text, committed_path, demo_installed=True):
    """Differences between a fresh export (text) and the committed .pot, as strings.

    With the addon's demo data not installed, demo terms cannot be exported: only
    terms missing from the committed file count then.
    """
    fresh = _pot_entries(polib.pofile(exported_text))
    committed = _pot_entries(polib.pofile(committed_path))
    problems = []
    for key, value in fresh.items():
        if key not in committed:
            problems.append(f"not in the .pot: {key[1]!r}")
        elif committed[key] != value:
            problems.append(f"other references in the .pot: {key[1]!r}")
    if demo_installed:
        gone = [key for key in committed if key not in fresh]
        problems += [f"no longer in the code: {key[1]!r}" for key in gone]
    return problems


def _markup(text):
    return (
        Counter(_PLACEHOLDER.findall(text)),
        Counter(tag.lower() for tag in _TAG.findall(text)),
        Counter(_QWEB_ATTR.findall(text)),
    )


def entry_problems(entry):
    """What is wrong with one translated entry (empty list: nothing)."""
    label = repr(entry.msgid[:60])
    if entry.obsolete:
        return [f"obsolete entry {label}"]
    if "fuzzy" in entry.flags:
        return [f"fuzzy: {label}"]
    if not entry.msgstr.strip():
        return [f"untranslated: {label}"]
    source, translation = _markup(entry.msgid), _markup(entry.msgstr)
    names = ("placeholders", "tags", "QWeb attributes")
    return [
        f"{name} differ in {label}: {dict(src)} != {dict(dst)}"
        for name, src, dst in zip(names, source, translation, strict=True)
        if src != dst
    ]


def po_problems(pot_path, po_path):
    """Terms of the .pot missing or broken in a .po, as strings."""
    pot = polib.pofile(pot_path)
    po = polib.pofile(po_path)
    translated = {_key(entry): entry for entry in po}
    problems = []
    for entry in pot:
        if entry.obsolete:
            continue
        found = translated.pop(_key(entry), None)
        if found is None:
            problems.append(f"missing: {entry.msgid[:60]!r}")
        else:
            problems += entry_problems(found)
    problems += [f"not in the .pot: {key[1][:60]!r}" for key in translated]
    return problems


def export_pot(env, module):
    """The .pot Odoo's exporter writes for an installed module, as text."""
    # imported here: scripts/i18n loads this file without Odoo
    from odoo.tools.translate import trans_export  # noqa: PLC0415

    buffer = io.BytesIO()
    trans_export(None, [module], buffer, "po", env)
    return buffer.getvalue().decode()


def assert_translations(case, module):
    """Assert in a test that the module's .pot is current and nl/sv/de/da complete."""
    # imported here: scripts/i18n loads this file without Odoo
    from odoo.modules import get_module_path  # noqa: PLC0415

    path = get_module_path(module) + "/i18n/"
    record = case.env["ir.module.module"].search([("name", "=", module)])
    problems = pot_problems(
        export_pot(case.env, module), f"{path}{module}.pot", record.demo
    )
    if problems:
        case.fail(
            f"{module}.pot is out of date, run `scripts/i18n export`:\n"
            + "\n".join(problems[:40])
        )
    for lang in REQUIRED_LANGUAGES + OPTIONAL_LANGUAGES:
        po_path = f"{path}{lang}.po"
        if not os.path.isfile(po_path):
            case.assertNotIn(lang, REQUIRED_LANGUAGES, f"{po_path} is missing")
            continue
        problems = po_problems(f"{path}{module}.pot", po_path)
        if problems:
            case.fail(f"{po_path} is incomplete:\n" + "\n".join(problems[:40]))
