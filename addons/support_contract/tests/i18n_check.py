# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the suite's translation files, shared by every addon's tests and by
``scripts/i18n check`` (which loads this file directly, without Odoo).

* the committed ``i18n/<addon>.pot`` must be what Odoo's own exporter writes for the
  code and data as they are (header dates aside);
* every ``<lang>.po`` must translate every term of the ``.pot``, with no fuzzy or
  obsolete entries, keeping the placeholders and the markup of the source;
* a page rendered in a language shows no English term (``text_nodes``,
  ``english_terms``, ``english_offenders``).
"""

import html
import io
import re
from collections import Counter, defaultdict

import polib
from lxml import html as lxml_html

#: Languages every addon must translate completely; the test command fails otherwise.
REQUIRED_LANGUAGES = ("nl", "sv")
#: Further languages, checked for completeness when their file exists.
OPTIONAL_LANGUAGES = ("de", "da")

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{[\w.]*\}")
_TAG = re.compile(r"</?([A-Za-z][\w.-]*)")
_QWEB_ATTR = re.compile(r"\st-[\w-]+=\"[^\"]*\"")
_ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
#: Markup inside a term: the texts a page shows are the pieces between tags.
_MARKUP = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")
#: Elements whose text a visitor never reads.
_UNSEEN_ELEMENTS = frozenset({"script", "style", "template", "noscript"})


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


# English left on rendered pages


def _clean(text):
    return " ".join(html.unescape(text).split())


def _fragments(term):
    """The texts a page shows of a term: its pieces between inline tags, entities
    resolved, spaces collapsed, those without a letter left out."""
    return {
        text
        for text in map(_clean, _MARKUP.split(term))
        if text and _LETTER.search(text)
    }


def text_nodes(page, attributes=("placeholder",)):
    """The texts a visitor reads on an HTML page, in document order: each text node
    (and each of these attributes) with its spaces collapsed, entities resolved;
    empty ones and those of scripts, styles and templates left out."""
    texts = []

    def visit(element):
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag and tag not in _UNSEEN_ELEMENTS:
            texts.append(element.text)
            texts.extend(element.get(name) for name in attributes)
            for child in element:
                visit(child)
        texts.append(element.tail)

    visit(lxml_html.document_fromstring(page))
    return [text for text in map(_clean, filter(None, texts)) if text]


def english_terms(modules, lang):
    """{English text: [modules whose .po files leave its term untranslated]} of
    the terms of these modules that ``lang`` does not show as they are.

    The terms are the msgids of each module's ``i18n/<module>.pot``, cut at their
    markup into the texts a page shows (``<strong>Start:</strong>`` is ``Start:``).
    A text counts unless the translation of a term it comes from contains it as
    well (a translator kept "Status" or "Tickets"; which of the terms that give a
    text a page shows cannot be known). The translations are those Odoo loads
    for these modules: ``i18n/`` and ``i18n_extra/`` of the base and the full
    language (``nl``, ``nl_NL``), pooled, since a module may translate the views of
    another from its ``i18n_extra``. A term no file translates counts. The list of
    a text names the modules that have its term without translating it; empty,
    every module translates it (the English on a page then comes from a module
    not loaded, or from code).
    """
    # imported here: scripts/i18n loads this file without Odoo
    from odoo.tools.misc import file_path  # noqa: PLC0415
    from odoo.tools.translate import get_po_paths  # noqa: PLC0415

    kept = defaultdict(set)  # msgid: the texts of its translations
    translated = defaultdict(set)  # module: msgids its .po files translate
    for module in modules:
        for po_path in get_po_paths(module, lang):
            for entry in polib.pofile(po_path):
                # what Odoo imports: fuzzy entries too, empty ones not
                if entry.msgstr and not entry.obsolete:
                    kept[entry.msgid].update(_fragments(entry.msgstr))
                    translated[module].add(entry.msgid)
    terms = defaultdict(list)
    legitimate = set()
    for module in modules:
        try:
            pot_path = file_path(f"{module}/i18n/{module}.pot")
        except FileNotFoundError:
            continue
        for entry in polib.pofile(pot_path):
            if entry.obsolete:
                continue
            for text in _fragments(entry.msgid):
                if text in kept[entry.msgid]:
                    legitimate.add(text)
                    continue
                lacking = terms[text]
                if entry.msgid not in translated[module] and module not in lacking:
                    lacking.append(module)
    return {text: lacking for text, lacking in terms.items() if text not in legitimate}


def english_offenders(pages, terms, allowed=()):
    """{page: ['"text" (untranslated in module, ...)', ...]} of the text nodes of
    each page (``{name: html}``) that are English terms (``english_terms``),
    except the allowed texts; pages with none left out."""
    offenders = {}
    for name, page in pages.items():
        found = {
            text for text in text_nodes(page) if text in terms and text not in allowed
        }
        if found:
            offenders[name] = [
                f"{text!r} (untranslated in {', '.join(terms[text])})"
                if terms[text]
                else f"{text!r} (translated, yet shown in English)"
                for text in sorted(found)
            ]
    return offenders


def activate_languages(env, modules, langs=("nl_NL", "sv_SE")):
    """Activate ``langs`` and load the terms of ``modules`` in them (overwriting
    what a previous test loaded)."""
    for lang in langs:
        env["res.lang"]._activate_lang(lang)
    env["ir.module.module"]._load_module_terms(
        list(modules), list(langs), overwrite=True
    )


def translate_names(records_and_names):
    """Give records their Dutch and Swedish names: pairs of (record, (Dutch name,
    Swedish name))."""
    for record, (dutch, swedish) in records_and_names:
        record.update_field_translations("name", {"nl_NL": dutch, "sv_SE": swedish})
