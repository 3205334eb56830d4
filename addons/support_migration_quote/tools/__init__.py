# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Counting custom code with Odoo's own ``odoo.tools.cloc``.

Pure Python, no ORM: the models call these and turn :class:`ClocInputError` into a
translated ``UserError``.
"""

from .cloc_result import ClocInputError, ClocResult, ModuleCount, language_of
from .cloc_archive import ArchiveLimits, count_archive, count_tree, extract_archive
from .cloc_output import parse_cloc_output
