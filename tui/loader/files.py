"""Which file, and its bytes: resolving, the one capped read of a user's file (ReadError
says why one was not read), sources kept inside the project, and the one atomic write
(WriteError says why one was not written).

Light enough for the dashboard's start-up: it resolves its file before Textual draws its
first frame, so this module imports neither pydantic nor YAML.
"""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import stat
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
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
        return read_capped(confined(inside, base / relative), MAX_SOURCE_BYTES)

    return read_source


def confined(inside: Path, path: Path) -> Path:
    """`path` with its symbolic links resolved, when that stays inside the folder `inside`
    (itself resolved); else ReadError("outside"). The one check that keeps the project's
    files in the project: the sources a file names, where add-source archives."""
    target = real(path)
    if not target.is_relative_to(inside):
        raise ReadError(
            "outside", "resolves (through a symbolic link) outside the folder of this YAML file"
        )
    return target


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


@dataclass(frozen=True)
class Unchanged:
    """A user's file as it was read: its state on disk, and the SHA-256 of its bytes.
    Size and times can lie (an edit of the same size within one tick of the clock keeps
    both); the bytes cannot."""

    info: os.stat_result
    digest: bytes


def unwritable(path: Path, info: os.stat_result) -> str | None:
    """Why a user's file must not be written over, or None: read-only (no write bit for
    anyone: `chmod a-w` says "do not change this", which even root is held to here), or
    not writable by whoever runs the command."""
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222:
        return f"is read-only (mode {mode:04o}); make it writable (chmod u+w) to change it"
    if not os.access(path, os.W_OK):
        return "is not writable by you"
    return None


def create_new(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, never replacing a file (FileExistsError); a partial
    file is removed. The one way a file is created that must not exist yet: an archived
    article, what `summit init` writes."""
    with open(path, "xb") as handle:
        try:
            handle.write(data)
        except BaseException:
            handle.close()
            path.unlink()  # a partial file would pass for the whole
            raise


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
    unchanged_since: Unchanged | None = None,
) -> None:
    """Replace `path` with `chunks` all at once, or raise WriteError and leave it as it was:
    a temporary file in the same folder, then a rename. The one way anything is written
    over a file: positions.yaml (add-source), the cache.

    `mode`: the new file's permissions (None: as `open` would create it, the umask
    applied); `durable`: on disk before the rename (a cache need not be);
    `unchanged_since`: a user's file, refused if it is no longer what was read then (its
    bytes, not only its size and times: an editor saved it meanwhile), rather than lose
    that change; its owner and group are kept, and when the new file cannot take them
    (only root gives a file away) or the file has other hard links (a rename would split
    them), the checked bytes are written into the file itself instead of renamed over it.
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
        if unchanged_since is None:
            os.replace(temp, path)
            return
        old = _unchanged(path, unchanged_since)
        if _keeps_owner_and_links(temp, unchanged_since.info):
            os.replace(temp, path)
        else:
            _write_in_place(path, temp, old)
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


def _unchanged(path: Path, was: Unchanged) -> bytes:
    """The bytes of `path`, or WriteError("changed") when it is not the file `was`."""
    changed = WriteError("changed", "the file changed since it was read; it was left as it is now")
    if _signature(os.stat(path)) != _signature(was.info):
        raise changed
    try:
        now = read_capped(path, MAX_BYTES)
    except ReadError:
        raise changed from None
    if hashlib.sha256(now).digest() != was.digest:
        raise changed
    return now


def _keeps_owner_and_links(temp: str, info: os.stat_result) -> bool:
    """Whether renaming `temp` over the file `info` keeps its owner, group and hard links:
    the temporary file is given the owner and group when the system lets us."""
    if info.st_nlink > 1:
        return False
    made = os.stat(temp)
    if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except OSError:
            return False
    return True


def _write_in_place(path: Path, temp: str, old: bytes) -> None:
    """Write the bytes of `temp` into the file `path` itself (same inode: its owner, group,
    mode and hard links stay), then remove `temp`. Removed first: the room its copy took
    is what the file needs to grow. Should the write still fail, `old` (the file's bytes,
    just checked) goes back, which fits in the room the file had."""
    new = Path(temp).read_bytes()
    os.unlink(temp)
    fd = os.open(path, os.O_WRONLY)
    try:
        try:
            _put(fd, new)
        except OSError:
            _put(fd, old)
            raise
    finally:
        os.close(fd)


def _put(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _signature(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino
