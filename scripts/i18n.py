"""Merge and check the addons' .po files against their .pot (see scripts/i18n)."""

import glob
import importlib.util
import os
import sys

import polib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location(
    "i18n_check",
    os.path.join(REPO, "addons/support_contract/tests/i18n_check.py"),
)
i18n_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(i18n_check)


def addons():
    for manifest in sorted(glob.glob(os.path.join(REPO, "addons/*/__manifest__.py"))):
        path = os.path.dirname(manifest)
        yield os.path.basename(path), os.path.join(path, "i18n")


def merge():
    """Bring each .po in line with its .pot, keeping the translations of kept terms."""
    for module, i18n in addons():
        pot_path = os.path.join(i18n, f"{module}.pot")
        if not os.path.isfile(pot_path):
            continue
        pot = polib.pofile(pot_path)
        for po_path in sorted(glob.glob(os.path.join(i18n, "*.po"))):
            old = polib.pofile(po_path)
            known = {(e.msgctxt or "", e.msgid): e for e in old if not e.obsolete}
            new = polib.POFile(wrapwidth=old.wrapwidth)
            new.metadata = old.metadata
            new.header = old.header
            added = 0
            for entry in pot:
                kept = known.get((entry.msgctxt or "", entry.msgid))
                entry = polib.POEntry(
                    msgid=entry.msgid,
                    msgctxt=entry.msgctxt,
                    occurrences=entry.occurrences,
                    comment=entry.comment,
                    flags=[f for f in entry.flags if f != "fuzzy"],
                    msgstr=kept.msgstr if kept else "",
                )
                added += kept is None
                new.append(entry)
            new.save(po_path)
            dropped = len(known) - (len(pot) - added)
            print(f"{po_path}: {added} new terms, {dropped} dropped")


def check():
    status = 0
    for module, i18n in addons():
        pot_path = os.path.join(i18n, f"{module}.pot")
        if not os.path.isfile(pot_path):
            print(f"{module}: no i18n/{module}.pot (run scripts/i18n export)")
            status = 1
            continue
        languages = i18n_check.REQUIRED_LANGUAGES + i18n_check.OPTIONAL_LANGUAGES
        for lang in languages:
            po_path = os.path.join(i18n, f"{lang}.po")
            if not os.path.isfile(po_path):
                if lang in i18n_check.REQUIRED_LANGUAGES:
                    print(f"{module}: {lang}.po is missing")
                    status = 1
                continue
            problems = i18n_check.po_problems(pot_path, po_path)
            total = len(polib.pofile(pot_path))
            print(f"{module} {lang}: {total - len(problems)}/{total} ok")
            for problem in problems[:15]:
                print(f"    {problem}")
            if len(problems) > 15:
                print(f"    ... and {len(problems) - 15} more")
            status |= bool(problems)
    return status


def fresh(export_dir):
    """Compare the .pot files Odoo exported into export_dir with the committed ones."""
    status = 0
    for module, i18n in addons():
        exported = os.path.join(export_dir, f"{module}.pot")
        if not os.path.isfile(exported):
            continue
        with open(exported, encoding="utf-8") as handle:
            problems = i18n_check.pot_problems(
                handle.read(), os.path.join(i18n, f"{module}.pot")
            )
        if problems:
            print(f"{module}.pot is out of date (run scripts/i18n export):")
            for problem in problems[:40]:
                print(f"    {problem}")
            status = 1
        else:
            print(f"{module}.pot is what Odoo exports")
    return status


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "merge":
        merge()
    elif command == "check":
        sys.exit(check())
    elif command == "fresh" and len(sys.argv) == 3:
        sys.exit(fresh(sys.argv[2]))
    else:
        sys.exit("usage: i18n.py merge | check | fresh EXPORT_DIR")
