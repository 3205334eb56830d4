# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Parse the text ``odoo-bin cloc`` prints (``odoo.tools.cloc.Cloc.report``).

The layout, for any width (the report pads the first column to the terminal width;
longer names run into the figures):

    Odoo cloc                     Line   Other    Code
    ------------------------------------------------
    module_a                       120      20     100
        path/of/file.py             80      10      70     (only with -v)
    ------------------------------------------------
                                   120      20     100

    Excluded                      Line   Other    Code     (-v and -d only)
    ------------------------------------------------
        ir.actions.server/5: x      10       2       8
    ------------------------------------------------

    Errors

    module_a
        path/of/bad.py        Syntax Error

Every figure is checked: the modules add up to the total, and with ``-v`` a module's
files add up to the module, so a truncated or edited paste is refused.
"""

import re

from odoo.tools.translate import LazyTranslate

from .cloc_result import ClocInputError, ClocResult, ModuleCount

_lt = LazyTranslate(__name__)

HEADER = re.compile(r"^Odoo cloc\s+Line\s+Other\s+Code\s*$")
EXCLUDED_HEADER = re.compile(r"^Excluded\s+Line\s+Other\s+Code\s*$")
RULE = re.compile(r"^-{10,}\s*$")
FIGURES = re.compile(
    r"^(?P<name>.*?)\s*(?P<total>\d+)\s+(?P<other>\d+)\s+(?P<code>\d+)$"
)
# The messages odoo.tools.cloc books as errors (a long path runs into them).
ERROR_MESSAGES = ("Syntax Error", "Max line size exceeded", "Max file size exceeded")
INDENT = "    "
# The header of the other, unrelated ``cloc`` tool (github.com/AlDanial/cloc).
OTHER_CLOC = re.compile(r"^\s*Language\s+files\s+blank\s+comment\s+code\s*$", re.I)


def _figures(line, number):
    match = FIGURES.match(line.rstrip())
    if not match:
        raise ClocInputError(
            _lt(
                "Line %(number)s of the cloc output is not understood: %(line)s",
                number=number,
                line=line.strip(),
            )
        )
    total, other, code = (int(match[k]) for k in ("total", "other", "code"))
    if total - other != code:
        raise ClocInputError(
            _lt(
                "Line %(number)s of the cloc output does not add up (Line - Other "
                "must be Code): %(line)s",
                number=number,
                line=line.strip(),
            )
        )
    return match["name"], code, total


def _error_item(line, number):
    text = line.strip()
    for message in ERROR_MESSAGES:
        if text.endswith(message) and len(text) > len(message):
            return text[: -len(message)].rstrip(), message
    parts = re.split(r"\s{2,}", text)
    if len(parts) < 2:
        raise ClocInputError(
            _lt(
                "Line %(number)s of the errors listed in the cloc output is not "
                "understood: %(line)s",
                number=number,
                line=text,
            )
        )
    return "  ".join(parts[:-1]), parts[-1]


def parse_cloc_output(text):
    """A ClocResult from the text printed by ``odoo-bin cloc`` (any options)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ClocInputError(_lt("The cloc output is empty."))
    start = next((i for i, line in enumerate(lines) if HEADER.match(line)), None)
    if start is None:
        if any(OTHER_CLOC.match(line) for line in lines):
            raise ClocInputError(
                _lt(
                    "This is the output of the cloc tool (github.com/AlDanial/cloc), "
                    "not of Odoo's: run odoo-bin cloc -d <database> (or -p <path>) and "
                    "paste what it prints."
                )
            )
        raise ClocInputError(
            _lt(
                "This is not the output of odoo-bin cloc: its header line "
                "'Odoo cloc  Line  Other  Code' is missing."
            )
        )
    # number lines from 1 as an editor does
    numbered = list(enumerate(lines, start=1))[start + 1 :]
    if not numbered or not RULE.match(numbered[0][1]):
        raise ClocInputError(_lt("The cloc output is cut off after its header line."))
    result = ClocResult(detailed=False)
    position = 1
    module = None
    total_line = None
    # modules (and files with -v) up to the second rule, then the total
    while position < len(numbered):
        number, line = numbered[position]
        position += 1
        if RULE.match(line):
            if position < len(numbered):
                total_line = numbered[position]
                position += 1
            break
        if not line.strip():
            continue
        name, code, total = _figures(line, number)
        if line.startswith(INDENT):
            if module is None:
                raise ClocInputError(
                    _lt(
                        "Line %(number)s of the cloc output lists a file before any "
                        "module: %(line)s",
                        number=number,
                        line=line.strip(),
                    )
                )
            result.detailed = True
            module.files[name.strip()] = (code, total)
        else:
            module = result.modules.setdefault(name.strip(), ModuleCount())
            module.code += code
            module.total += total
    if total_line is None:
        raise ClocInputError(
            _lt("The cloc output is cut off: its total line is missing.")
        )
    _name, code, total = _figures(total_line[1], total_line[0])
    if (code, total) != (result.code_lines, result.total_lines):
        raise ClocInputError(
            _lt(
                "The cloc output does not add up: its modules total %(code)s lines of "
                "code but its total line says %(expected)s. Paste the whole output, "
                "unchanged.",
                code=result.code_lines,
                expected=code,
            )
        )
    if result.detailed:
        for name, module in result.modules.items():
            files_code = sum(c for c, _t in module.files.values())
            files_total = sum(t for _c, t in module.files.values())
            if (files_code, files_total) != (module.code, module.total):
                raise ClocInputError(
                    _lt(
                        "The cloc output does not add up: the files of module "
                        "%(module)s total %(code)s lines of code, the module line "
                        "says %(expected)s. Paste the whole output, unchanged.",
                        module=name,
                        code=files_code,
                        expected=module.code,
                    )
                )
    _parse_sections(numbered[position:], result)
    return result


def _parse_sections(numbered, result):
    """The optional Excluded and Errors sections after the total."""
    position = 0
    while position < len(numbered):
        number, line = numbered[position]
        position += 1
        if not line.strip():
            continue
        if EXCLUDED_HEADER.match(line):
            if position >= len(numbered) or not RULE.match(numbered[position][1]):
                raise ClocInputError(
                    _lt("The Excluded section of the cloc output is cut off.")
                )
            position += 1
            excluded = result.excluded.setdefault("", {})
            while position < len(numbered):
                number, line = numbered[position]
                position += 1
                if RULE.match(line):
                    break
                if line.strip():
                    name, code, total = _figures(line, number)
                    excluded[name.strip()] = (code, total)
            continue
        if line.strip() == "Errors":
            module = None
            while position < len(numbered):
                number, line = numbered[position]
                position += 1
                if not line.strip():
                    continue
                if line.startswith(INDENT):
                    if module is None:
                        raise ClocInputError(
                            _lt(
                                "Line %(number)s of the cloc output lists an error "
                                "before its module: %(line)s",
                                number=number,
                                line=line.strip(),
                            )
                        )
                    item, message = _error_item(line, number)
                    result.errors.setdefault(module, {})[item] = message
                else:
                    module = line.strip()
            continue
        raise ClocInputError(
            _lt(
                "Line %(number)s of the cloc output is not understood: %(line)s",
                number=number,
                line=line.strip(),
            )
        )
