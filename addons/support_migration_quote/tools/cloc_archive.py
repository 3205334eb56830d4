# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Count the custom code in an uploaded archive with ``odoo.tools.cloc``.

The archive (zip, or tar with gzip, bzip2 or xz compression) is checked member by
member while it is extracted into a private temporary directory, which is removed
afterwards whatever happens. Refused: absolute paths, ``..``, links and special
files, encrypted members, more members or more bytes than the limits (declared sizes
and the bytes actually written are both checked, so a lying header is caught too).
Only the files cloc reads (manifests and the extensions it counts) are written.

The count itself is Odoo's: one ``odoo.tools.cloc.Cloc`` and ``count_path`` on every
addon folder (a folder holding a manifest), exactly what ``odoo-bin cloc -p addon1
-p addon2 ...`` does.
"""

import io
import os
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass

from odoo.modules.module import MANIFEST_NAMES
from odoo.tools import cloc
from odoo.tools.translate import LazyTranslate

from .cloc_result import ClocInputError, ClocResult

_lt = LazyTranslate(__name__)

CHUNK = 1 << 16
# Extensions written to disk: what cloc counts (manifests are .py files too).
EXTRACTED_EXTENSIONS = frozenset(cloc.VALID_EXTENSION)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
TAR_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    """Refuse archives beyond these (decompression bombs, huge uploads)."""

    max_archive_size: int = 64 * 2**20  # the uploaded (compressed) file
    max_total_size: int = 256 * 2**20  # all members, uncompressed
    max_files: int = 20000  # members of any kind, folders included
    # One file of any kind, uncompressed (Odoo's largest shipped file, a bundled
    # JavaScript library, is 3.4 MiB).
    max_file_size: int = 16 * 2**20
    # One Python file: cloc parses it whole with ``ast``, about 2.5 KB of memory per
    # short statement (a 20 MiB file of ``x = 1`` lines took over 8 GB and 42 s).
    # Odoo's largest module file (account_move.py) is 350 KiB and 7,224 lines, so
    # 1 MiB and 30,000 lines leave room for any real file and bound the parse to
    # about 80 MB.
    max_py_size: int = 2**20
    max_py_lines: int = 30000
    # Folders in a member's path (Odoo's deepest path has 12); deeper paths are
    # refused before anything walks them recursively.
    max_depth: int = 64


def _mib(size):
    return f"{size / 2**20:.1f} MiB"


def _short(name, keep=120):
    """A member name for a message: very long (hostile) names are shortened."""
    return name if len(name) <= keep else f"{name[: keep // 2]}…{name[-keep // 2 :]}"


def _member_parts(name):
    """The path parts of an archive member; ClocInputError if it could escape."""
    if "\x00" in name:
        raise ClocInputError(
            _lt(
                "The archive holds a file name with a NUL character: %(name)r",
                name=name,
            )
        )
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _DRIVE.match(normalized):
        raise ClocInputError(
            _lt(
                "The archive holds an absolute path, which is refused: %(name)s",
                name=name,
            )
        )
    parts = [p for p in normalized.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ClocInputError(
            _lt(
                "The archive holds a path with '..', which is refused: %(name)s",
                name=name,
            )
        )
    return parts


class _Extractor:
    """Writes checked members below ``root``; enforces the limits."""

    def __init__(self, root, limits):
        self.root = root
        self.limits = limits
        self.members = 0
        self.declared = 0
        self.written = 0
        self.files = 0
        self.folders = {root}  # created already

    def _count_member(self, name, declared_size):
        self.members += 1
        if self.members > self.limits.max_files:
            raise ClocInputError(
                _lt(
                    "The archive holds more than %(limit)s files and folders: refused.",
                    limit=self.limits.max_files,
                )
            )
        self.declared += max(declared_size, 0)
        self._check_total_size(name, self.declared)

    def _check_total_size(self, name, total):
        """What the archive unpacks to so far (declared by the headers, or
        written) stays within the limit for all its files."""
        if total > self.limits.max_total_size:
            raise ClocInputError(
                _lt(
                    "The archive unpacks to more than %(limit)s (at %(name)s): "
                    "refused as a possible decompression bomb.",
                    limit=_mib(self.limits.max_total_size),
                    name=name,
                )
            )

    def _path(self, parts):
        path = os.path.join(self.root, *parts)
        # belt and braces: _member_parts already refused anything that could escape
        if os.path.commonpath([self.root, os.path.abspath(path)]) != self.root:
            raise ClocInputError(
                _lt("The archive holds a path outside its folder: %(name)s", name=path)
            )
        return path

    def _makedirs(self, path):
        if path not in self.folders:
            os.makedirs(path, mode=0o700, exist_ok=True)
            self.folders.add(path)

    def _check_depth(self, name, parts):
        if len(parts) > self.limits.max_depth:
            raise ClocInputError(
                _lt(
                    "The archive holds a path deeper than %(limit)s folders, which "
                    "is refused: %(name)s",
                    limit=self.limits.max_depth,
                    name=_short(name),
                )
            )

    def _check_file_size(self, name, size, is_python):
        limit = self.limits.max_py_size if is_python else self.limits.max_file_size
        if size > limit:
            raise ClocInputError(
                _lt(
                    "The file %(name)s is larger than %(limit)s, the most one file "
                    "may hold to be counted: refused.",
                    name=_short(name),
                    limit=_mib(limit),
                )
            )

    def _check_python_lines(self, name, lines):
        if lines > self.limits.max_py_lines:
            raise ClocInputError(
                _lt(
                    "The Python file %(name)s has more than %(limit)s lines, the "
                    "most one file may hold to be counted: refused.",
                    name=_short(name),
                    limit=self.limits.max_py_lines,
                )
            )

    def directory(self, name):
        self._count_member(name, 0)
        parts = _member_parts(name)
        self._check_depth(name, parts)
        if parts:
            self._makedirs(self._path(parts))

    def file(self, name, declared_size, opener):
        """A regular member; ``opener()`` returns a binary stream of its content."""
        self._count_member(name, declared_size)
        parts = _member_parts(name)
        self._check_depth(name, parts)
        if not parts:
            return
        ext = os.path.splitext(parts[-1])[1].lower()
        is_python = ext == ".py" or parts[-1] in MANIFEST_NAMES
        # before anything is decompressed: the declared size
        self._check_file_size(name, declared_size, is_python)
        if ext not in EXTRACTED_EXTENSIONS and parts[-1] not in MANIFEST_NAMES:
            return  # cloc would not read it: not written at all
        path = self._path(parts)
        self._makedirs(os.path.dirname(path))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError as err:
            raise ClocInputError(
                _lt("The archive holds the file %(name)s twice.", name=name)
            ) from err
        size = lines = 0
        with os.fdopen(fd, "wb") as target, opener() as source:
            while chunk := source.read(CHUNK):
                # the bytes actually read: a header may lie about the size
                size += len(chunk)
                self._check_file_size(name, size, is_python)
                if is_python:
                    lines += chunk.count(b"\n")
                    self._check_python_lines(name, lines)
                self.written += len(chunk)
                self._check_total_size(name, self.written)
                target.write(chunk)
        self.files += 1


def _extract_zip(data, extractor):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = info.filename
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ClocInputError(
                    _lt(
                        "The archive holds a symbolic link, which is refused: %(name)s",
                        name=name,
                    )
                )
            if info.flag_bits & 0x1:
                raise ClocInputError(
                    _lt("The archive holds an encrypted file: %(name)s", name=name)
                )
            if info.is_dir():
                extractor.directory(name)
            elif stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                raise ClocInputError(
                    _lt(
                        "The archive holds a special file, which is refused: %(name)s",
                        name=name,
                    )
                )
            else:
                extractor.file(
                    name, info.file_size, lambda info=info: archive.open(info)
                )


def _extract_tar(data, extractor):
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        # iterate (not getmembers()): a bomb of tiny members stops at the limit
        for member in archive:
            name = member.name
            if member.issym() or member.islnk():
                raise ClocInputError(
                    _lt(
                        "The archive holds a link, which is refused: %(name)s -> "
                        "%(target)s",
                        name=name,
                        target=member.linkname,
                    )
                )
            if member.isdir():
                extractor.directory(name)
            elif member.isreg():
                extractor.file(
                    name,
                    member.size,
                    lambda member=member: archive.extractfile(member),
                )
            else:
                raise ClocInputError(
                    _lt(
                        "The archive holds a special file, which is refused: %(name)s",
                        name=name,
                    )
                )


def _archive_kind(data):
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(TAR_COMPRESSED_MAGIC) or data[257:262] == b"ustar":
        return "tar"
    return None


def extract_archive(data, root, limits=None):
    """Extract the cloc-relevant files of archive ``data`` below folder ``root``.

    Returns the number of files written. Raises ClocInputError on bad input; the
    caller owns ``root`` and removes it.
    """
    limits = limits or ArchiveLimits()
    if not data:
        raise ClocInputError(_lt("The uploaded file is empty."))
    if len(data) > limits.max_archive_size:
        raise ClocInputError(
            _lt(
                "The uploaded file is %(size)s, more than the %(limit)s allowed.",
                size=_mib(len(data)),
                limit=_mib(limits.max_archive_size),
            )
        )
    kind = _archive_kind(data)
    if not kind:
        raise ClocInputError(
            _lt(
                "The uploaded file is not an archive: upload a zip file or a tar "
                "file (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz)."
            )
        )
    extractor = _Extractor(os.path.abspath(root), limits)
    try:
        if kind == "zip":
            _extract_zip(data, extractor)
        else:
            _extract_tar(data, extractor)
    except ClocInputError:
        raise
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as err:
        raise ClocInputError(
            _lt("The archive is damaged and cannot be read: %(error)s", error=str(err))
        ) from err
    if not extractor.members:
        raise ClocInputError(_lt("The archive is empty."))
    return extractor.files


def find_addons(root):
    """Addon folders below ``root`` (a folder holding a manifest), sorted.

    The search does not go into an addon: what lies below is the addon's own code.
    """
    addons = []
    for folder, dirs, files in os.walk(root):
        if any(name in files for name in MANIFEST_NAMES):
            addons.append(folder)
            dirs[:] = []
        else:
            dirs.sort()
    return sorted(addons)


def count_tree(root, relative_to=None):
    """Count every addon below ``root`` as ``odoo-bin cloc -p addon ...`` does."""
    addons = find_addons(root)
    counter = cloc.Cloc()
    for path in addons:
        counter.count_path(path)
    return ClocResult.from_cloc(counter, relative_to or root), addons


def _folder_name(filename):
    """A safe folder name from the uploaded file's name (the module name when the
    archive holds one addon's content without its folder)."""
    base = os.path.basename((filename or "").replace("\\", "/"))
    for suffix in (".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip", ".tar"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", base).strip(".")
    return base or "archive"


def count_archive(data, filename=None, limits=None):
    """Count the addons in archive ``data``: a ClocResult (paths relative to the
    archive's root). Raises ClocInputError on bad input; nothing stays on disk."""
    tmp = tempfile.mkdtemp(prefix="support-cloc-")  # mode 0700, private
    try:
        root = os.path.join(tmp, _folder_name(filename))
        os.mkdir(root, 0o700)
        written = extract_archive(data, root, limits)
        result, addons = count_tree(root)
        if not addons:
            raise ClocInputError(
                _lt(
                    "The archive holds no Odoo module: no folder with a "
                    "__manifest__.py (%(files)s code files found).",
                    files=written,
                )
            )
        if not result.code_lines and result.error_count:
            # never a silent 0: nothing counted because every file failed
            raise ClocInputError(
                _lt(
                    "No line could be counted: cloc failed on every file.\n%(errors)s",
                    errors=result.errors_text(),
                )
            )
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
