"""What a load was made with: Python, this tool's code and the libraries it loads with,
the code known by its content.

The cache keys a load by it (tui.loader.cache), so a load made by other code is a miss.
The code's SHA-256 is computed once per install and kept in a small file beside the
loads, under a stamp of the files' names, sizes, times and inodes: a warm start stats
the files and reads that file, never the code. Times alone would not do: an edit that
keeps a file's size and modification time changes its ctime (no tool can set it), so the
stamp changes, the code is hashed again, and the new hash makes the load a miss; a
reinstall of the same code changes the stamp but not the hash, so the cache stays.
No pydantic and no YAML here: a cache hit costs neither.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from tui.loader.files import ReadError, WriteError, open_regular, write_atomic

DEPENDENCIES = ("pydantic", "pydantic_core", "yaml", "rapidfuzz")
"""The libraries whose behaviour a load's result depends on: validation, YAML (with or
without libyaml), the closest passage in a warning."""
KEPT_IN = "code"
"""The file, in the folder given to `fingerprint`, that keeps the code's hash."""


def fingerprint(folder: Path | None) -> str:
    """Python's version, this tool's version and its code's content hash, kept in (and
    read from) `folder`; with None, the stamp stands for the code and nothing is read or
    written (a load carried to the dashboard with the cache off)."""
    from tui import __version__

    files = code_files()
    stamp = hashlib.sha256(
        "\n".join(_stat(path) for path, _ in files).encode("utf-8", "surrogatepass")
    ).hexdigest()
    code = stamp if folder is None else _known(folder, stamp)
    if code is None:
        assert folder is not None
        code = hash_code(files)
        _keep(folder, stamp, code)
    return f"{__version__} {sys.implementation.cache_tag} {sys.version} {code}"


def code_files() -> list[tuple[str, str]]:
    """Every file of this tool's code and of the libraries a load depends on, with what
    else names it (for a library: which compiled modules sit beside its __init__)."""
    from importlib.util import find_spec

    found: list[tuple[str, str]] = []
    root = Path(__file__).resolve().parent.parent
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [
            (os.path.join(folder, name), "")
            for name in sorted(names)
            if name.endswith((".py", ".tcss"))
        ]
    for name in DEPENDENCIES:
        spec = find_spec(name)  # a top-level name: found, not imported
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append((f"{name}: missing", ""))
            continue
        # The package's own files: its __init__ and, beside it, which compiled modules
        # there are (libyaml's binding or not).
        found.append((origin, f"{name} {sorted(os.listdir(os.path.dirname(origin)))}"))
    return found


def _stat(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}: missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def hash_code(files: list[tuple[str, str]]) -> str:
    """The SHA-256 of the content of `files`, each with its name and what names it."""
    code = hashlib.sha256()
    for path, more in files:
        code.update(f"{path}\0{more}\0".encode("utf-8", "surrogatepass"))
        try:
            with open_regular(Path(path)) as handle:
                code.update(handle.read())
        except ReadError:
            code.update(b"missing")
    return code.hexdigest()


def _known(folder: Path, stamp: str) -> str | None:
    """The code's hash kept in `folder` under `stamp`, if that is the stamp kept."""
    try:
        with open_regular(folder / KEPT_IN) as handle:
            kept = handle.read(200).decode("ascii").split()
    except (ReadError, UnicodeDecodeError):
        return None
    return kept[1] if len(kept) == 2 and kept[0] == stamp else None


def _keep(folder: Path, stamp: str, code: str) -> None:
    """Keep `code` under `stamp`; a cache that cannot be written is no cache: silently."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        line = f"{stamp} {code}\n".encode("ascii")
        write_atomic(folder / KEPT_IN, [line], mode=0o600, durable=False)
    except (OSError, WriteError):
        return
