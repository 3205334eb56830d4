# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The result of a cloc count, whether computed here or parsed from pasted output."""

import os
from collections import defaultdict
from dataclasses import dataclass, field

from odoo.tools.translate import LazyGettext

# Extension -> language key of ``support.cloc.measurement.line`` (the extensions
# odoo.tools.cloc.VALID_EXTENSION counts).
LANGUAGES = {
    ".py": "python",
    ".js": "javascript",
    ".xml": "xml",
    ".css": "css",
    ".scss": "scss",
}
# Items ``odoo-bin cloc -d`` books that are no files: Python code kept in the database.
DATABASE_ITEM_PREFIXES = ("ir.actions.server/", "ir.model.fields/")


class ClocInputError(ValueError):
    """Bad input (archive or pasted text): carries a lazy translated message."""

    def __init__(self, message):
        assert isinstance(message, LazyGettext)
        super().__init__(message._source)
        self.message = message


def language_of(item):
    """The language of one cloc item (a file path, or a database item of ``-d``)."""
    if item.startswith(DATABASE_ITEM_PREFIXES):
        return "python"
    return LANGUAGES.get(os.path.splitext(item)[1].lower(), "other")


@dataclass
class ModuleCount:
    """Lines of one module: ``code`` counted, ``total`` with blanks and comments."""

    code: int = 0
    total: int = 0
    # item (file path relative to the counted folder, or database item) -> (code, total)
    files: dict = field(default_factory=dict)


@dataclass
class ClocResult:
    """What cloc reports: per module, optionally per file, plus errors and exclusions.

    ``detailed`` says whether per-file figures are known (always for a count done
    here; for pasted output only with ``-v``).
    """

    modules: dict = field(default_factory=dict)  # name -> ModuleCount
    errors: dict = field(default_factory=dict)  # module -> {item: message}
    excluded: dict = field(default_factory=dict)  # module -> {item: (code, total)}
    detailed: bool = True

    @property
    def code_lines(self):
        return sum(m.code for m in self.modules.values())

    @property
    def total_lines(self):
        return sum(m.total for m in self.modules.values())

    @property
    def error_count(self):
        return sum(len(items) for items in self.errors.values())

    @property
    def excluded_lines(self):
        return sum(
            code for items in self.excluded.values() for code, _total in items.values()
        )

    @classmethod
    def from_cloc(cls, cloc, root=None):
        """Read an ``odoo.tools.cloc.Cloc`` after counting; paths relative to root."""

        def rel(item):
            if root and os.path.isabs(item):
                return os.path.relpath(item, root)
            return item

        result = cls(detailed=True)
        for name in sorted(cloc.modules):
            result.modules[name] = ModuleCount(
                code=cloc.code.get(name, 0),
                total=cloc.total.get(name, 0),
                files={rel(i): tuple(c) for i, c in cloc.modules[name].items()},
            )
        for name in sorted(cloc.errors):
            result.errors[name] = {rel(i): str(m) for i, m in cloc.errors[name].items()}
        for name in sorted(cloc.excluded):
            result.excluded[name] = {
                rel(i): tuple(c) for i, c in cloc.excluded[name].items()
            }
        return result

    def detail_lines(self):
        """One dict per module and language (per module only when not detailed).

        Keys: module, language (False when unknown), file_count, code_lines,
        total_lines. Sorted by module, then language.
        """
        lines = []
        for name, module in sorted(self.modules.items()):
            if not self.detailed or not module.files:
                lines.append(
                    {
                        "module": name,
                        "language": False,
                        "file_count": 0,
                        "code_lines": module.code,
                        "total_lines": module.total,
                    }
                )
                continue
            per_language = defaultdict(lambda: [0, 0, 0])
            for item, (code, total) in module.files.items():
                figures = per_language[language_of(item)]
                figures[0] += 1
                figures[1] += code
                figures[2] += total
            for language, (files, code, total) in sorted(per_language.items()):
                lines.append(
                    {
                        "module": name,
                        "language": language,
                        "file_count": files,
                        "code_lines": code,
                        "total_lines": total,
                    }
                )
        return lines

    def errors_text(self):
        """The files cloc could not count, one ``module: item: message`` a line."""
        return "\n".join(
            f"{module}: {item}: {message}"
            for module, items in sorted(self.errors.items())
            for item, message in sorted(items.items())
        )

    def excluded_text(self):
        """The items cloc excluded (``-d -v``), one ``module: item: code`` a line."""
        return "\n".join(
            f"{module}: {item}: {code}"
            for module, items in sorted(self.excluded.items())
            for item, (code, _total) in sorted(items.items())
        )
