"""Which file, and its bytes: resolving, the one capped read of a user's file (ReadError
says why one was not read), sources kept inside the project, and the one atomic write
(WriteError says why one was not written).

Light enough for the dashboard's start-up: it resolves its file before Textual draws its
first frame, so this module imports neither pydantic nor YAML.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO, BinaryIO, Literal

from tui.safe import quoted

BUNDLED = Path(__file__).resolve().parent.parent / "data"
"""The demo data installed inside the package (positions.yaml and its seeds/)."""


def real(path: Path) -> Path:
    """`path` with its symbolic links and `..` resolved as far as they go; a loop of links
    is left as it is, and reading it then says so. (`Path.resolve` raises RuntimeError for
    a loop on Python 3.11 and 3.12, not on 3.13: a traceback on some Pythons only.)"""
    return Path(os.path.realpath(path))


def is_bundled(path: Path) -> bool:
    """Whether `path` is the demo copy installed inside the package.

    Edits there land in site-packages and are lost on the next install; the
    dashboard says so and refuses to open the editor. Compared after resolving
    links and `..`, so a symlink to the bundled file counts too.
    """
    return real(path).is_relative_to(real(BUNDLED))


def default_path(cwd: Path | None = None) -> Path:
    """The file used when none is named: ./positions.yaml, else the bundled copy."""
    local = (cwd or Path.cwd()) / "positions.yaml"
    if local.is_file():
        return local
    bundled = BUNDLED / "positions.yaml"
    if bundled.is_file():
        return bundled
    return Path(__file__).resolve().parent.parent.parent / "positions.yaml"


def resolve_file(file: str | None) -> tuple[Path, str]:
    """The file to open and the name to show for it in messages."""
    if file is not None:
        return Path(file), file
    path = default_path()
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return path, shown


MAX_BYTES = 128 * 1024 * 1024
"""A curated file is tens of KiB, but one that follows many summits can hold 100,000
positions (about 70 MB, see docs/performance.md); anything bigger is refused unread."""
MAX_SOURCE_BYTES = 16 * 1024 * 1024


BOM = b"\xef\xbb\xbf"


SourceReader = Callable[[str], bytes]
"""Reads a source by the path the positions file gives it (ReadError when it cannot)."""


STDIN = "-"
"""The FILE argument that means standard input, as for other Unix tools."""


def folder_reader(base: Path) -> SourceReader:
    """A `read_source` for sources on disk: each must stay inside `base`, symbolic links
    included, so that a positions file cannot make the tools read (and print as a
    'closest passage') a file elsewhere on the machine. Raises ReadError."""
    inside = real(base)

    def read_source(relative: str) -> bytes:
        target = real(base / relative)
        if not target.is_relative_to(inside):
            raise ReadError(
                "outside", "resolves (through a symbolic link) outside the folder of this YAML file"
            )
        return read_capped(target, MAX_SOURCE_BYTES)

    return read_source


def skipping_missing(read: SourceReader, missing: list[str]) -> SourceReader:
    """`read`, except that a source that is not there (or outside the project) is listed
    in `missing` and skipped (ReadError "skipped": the checks say nothing of it and
    check none of its quotes). For `summit diff`, which compares positions as written
    even in a copy kept away from its articles."""

    def read_source(relative: str) -> bytes:
        try:
            return read(relative)
        except ReadError as exc:
            if exc.kind not in ("missing", "outside"):
                raise
            missing.append(relative)
            raise ReadError("skipped", exc.reason) from None

    return read_source


def source_path_problem(relative: str) -> str | None:
    """Why a `file:` value cannot name a source, or None if it can.

    Checked on the text alone, before any reader (on disk or in git) hands it to the
    operating system: a NUL would raise ValueError in every OS call, and an absolute
    path or one that climbs out with '..' would read outside the project.
    """
    if not relative:
        return "is empty; write the path of the article, relative to this YAML file"
    if "\0" in relative:
        return "holds a NUL character (\\0), which no file name can hold"
    posix = relative.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return (
            "is an absolute path; write it relative to the folder of this YAML file, "
            "which must hold the article"
        )
    if ".." in posixpath.normpath(posix).split("/")[:1]:
        return (
            "points outside the folder of this YAML file; sources must be inside it "
            "(copy the article there)"
        )
    return None


ReadProblem = Literal[
    "missing", "folder", "not regular", "too big", "outside", "unreadable", "skipped"
]


class ReadError(Exception):
    """A user's file that was not read, and why, in the user's words.

    `reason` follows the file's name in a message ("file not found", "is a folder, not a
    file", ...); `kind` says which case it is, for a caller that words it for its own
    context (a positions file, a source, an article); `detail` is the system's word
    for an error no other case covers (e.g. "Permission denied")."""

    def __init__(self, kind: ReadProblem, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.kind, self.reason, self.detail = kind, reason, detail


NOT_REGULAR = "is not a regular file (a pipe, a socket or a device)"
LOOP = "its symbolic links go round in a loop"


def _too_big(limit: int) -> ReadError:
    return ReadError("too big", f"is larger than {limit // 2**20} MiB")


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, or ReadError: anything over `limit` is
    refused before it is read, anything that is not a regular file before it is opened
    (`open` on a named pipe waits for a writer, for ever). The one way a user's file is
    read: positions files, sources, articles to archive, the file add-source edits."""
    with open_regular(path) as handle:
        try:
            return read_stream(handle, limit, os.fstat(handle.fileno()).st_size)
        except OSError as exc:
            raise read_error(exc) from None


def read_error(exc: OSError) -> ReadError:
    """The ReadError that says what `exc`, raised reading a user's file, means."""
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return ReadError("missing", "file not found")
    if isinstance(exc, IsADirectoryError):  # a folder put there after the check
        return ReadError("folder", "is a folder, not a file")
    if exc.errno == errno.ELOOP:
        detail = LOOP
        return ReadError("unreadable", f"cannot be read: {detail}", detail)
    detail = exc.strerror or str(exc)
    return ReadError("unreadable", f"cannot be read: {detail}", detail)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, only if it is a regular file (else ReadError): checked
    before opening, opened without blocking, and checked again, in case it changed in
    between."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("folder", "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise ReadError("not regular", NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise read_error(exc) from None
    except ValueError as exc:  # a NUL in the path: no file can be named so
        raise ReadError("missing", "file not found", str(exc)) from None
    handle = open(fd, "rb", closefd=True)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise ReadError("not regular", NOT_REGULAR)
    return handle


def without_bom(data: bytes) -> bytes:
    """`data` without a leading UTF-8 byte order mark (editors on Windows write one)."""
    return data[len(BOM) :] if data.startswith(BOM) else data


def read_text_or_none(path: Path, limit: int = MAX_BYTES) -> str | None:
    """The file's text (undecodable bytes replaced), or None when it cannot be read
    safely: missing, a folder, a pipe or a device, or over `limit`. For the dashboard,
    which must not wait on a pipe nor read a huge file on its UI thread."""
    try:
        return read_capped(path, limit).decode("utf-8", errors="replace")
    except ReadError:
        return None


def read_stream(handle: BinaryIO, limit: int, size: int) -> bytes:
    """At most `limit` bytes of `handle` (else ReadError), `size` being what it should hold.

    Read in chunks, not with `read(limit + 1)`: that would allocate the whole limit up
    front for every file, however small.
    """
    if size > limit:
        raise _too_big(limit)
    chunks: list[bytes] = []
    total = 0
    want = size + 1  # a regular file: all of it at once, plus one byte to see the end
    while chunk := handle.read(min(max(want, 1), limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_big(limit)  # it grew, or it is a stream (standard input)
        want = _CHUNK
    return b"".join(chunks)


_CHUNK = 1024 * 1024


# --- writing ---------------------------------------------------------------------------


WriteProblem = Literal["folder", "write", "changed"]


class WriteError(Exception):
    """A file that was not written, and why, in the user's words; what was there before
    is untouched. `kind`: the folder takes no new file, the write failed, or the file
    changed since it was read."""

    def __init__(self, kind: WriteProblem, reason: str) -> None:
        super().__init__(reason)
        self.kind, self.reason = kind, reason


def write_chunks(handle: IO[bytes], chunks: Iterable[bytes]) -> None:
    """Write `chunks` one after the other (never joined: a big cache body is not held
    twice in memory)."""
    for chunk in chunks:
        handle.write(chunk)


def write_atomic(
    path: Path,
    chunks: Iterable[bytes],
    *,
    mode: int | None = None,
    durable: bool = True,
    unchanged_since: os.stat_result | None = None,
) -> None:
    """Replace `path` with `chunks` all at once, or raise WriteError and leave it as it was:
    a temporary file in the same folder, then a rename. The one way anything is written
    over a file: positions.yaml (add-source), the schema of a new project, the cache.

    `mode`: the new file's permissions (None: as `open` would create it, the umask
    applied); `durable`: on disk before the rename (a cache need not be);
    `unchanged_since`: refuse if the file is no longer what was read then (an editor
    saved it meanwhile), rather than lose that change.
    """
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(
            "folder", f"cannot write in {quoted(str(path.parent))}: {exc.strerror or exc}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write_chunks(handle, chunks)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask  # as `open` would create it (mkstemp: 0600)
        os.chmod(temp, mode)
        if unchanged_since is not None:
            now = os.stat(path)
            if _signature(now) != _signature(unchanged_since):
                raise WriteError(
                    "changed", "the file changed since it was read; it was left as it is now"
                )
        os.replace(temp, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise WriteError(
            "write", f"cannot write the file: {exc.strerror or exc}; it is unchanged"
        ) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _signature(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino
