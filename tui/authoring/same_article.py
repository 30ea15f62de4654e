"""Is this article already in the project? The same text archived in seeds/, or a source
with the same address.

`summit add-source` asks before it archives: a second archive of the same article under
another id splits its quotes between two sources and doubles what `summit coverage` says
is left to read. An archive that no source names yet (a preview, `summit add-source PAGE`
without --append) is found too, so that `--append` can use it as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from tui.authoring.new_project import SEEDS
from tui.loader import files


@dataclass(frozen=True)
class SameArticle:
    """Where the project already holds the article."""

    source_id: str | None
    """The source under `sources:` that holds it; None for an archive no source names."""
    file: str
    """Its archive, relative to the project folder (as `file:` writes it)."""
    how: Literal["text", "url"]
    """The same archived text, or (a text that differs) the same address."""


def same_address(a: str, b: str) -> bool:
    """The same page: scheme, `www.`, letter case of the host, a trailing slash and the
    fragment aside."""
    first, second = urlsplit(a.strip()), urlsplit(b.strip())

    def key(parts: Any) -> tuple[str, str, str]:
        host = (parts.hostname or "").removeprefix("www.")
        return host, parts.path.rstrip("/"), parts.query

    return bool(first.hostname) and key(first) == key(second)


def find_same(
    project: Path, sources: Mapping[str, Any], data: bytes, url: str | None
) -> SameArticle | None:
    """The first source of `sources` (positions.yaml's, as read) whose archive holds
    exactly `data` or whose `url` is `url`; else an archive in seeds/ that holds `data`
    and that no source names; else None. Files outside the project are never read."""
    read = files.folder_reader(project)
    named: set[str] = set()
    by_url: SameArticle | None = None
    for source_id, source in sources.items():
        if not isinstance(source, dict):
            continue
        relative = source.get("file")
        if isinstance(relative, str):
            named.add(os.path.normpath(relative))
            if _holds(read, project, relative, data):
                return SameArticle(str(source_id), relative, "text")
        address = source.get("url")
        if by_url is None and url and isinstance(address, str) and same_address(url, address):
            by_url = SameArticle(str(source_id), str(relative), "url")
    if by_url is not None:
        return by_url
    for relative in _archives(project):
        if os.path.normpath(relative) not in named and _holds(read, project, relative, data):
            return SameArticle(None, relative, "text")
    return None


def _archives(project: Path) -> Iterator[str]:
    """seeds/*.txt, by name."""
    try:
        names = sorted(entry.name for entry in os.scandir(project / SEEDS))
    except OSError:
        return
    for name in names:
        if name.endswith(".txt"):
            yield f"{SEEDS}/{name}"


def _holds(read: files.SourceReader, project: Path, relative: str, data: bytes) -> bool:
    """Whether the archive at `relative` holds exactly `data` (its size first)."""
    if files.source_path_problem(relative) is not None:
        return False
    try:
        if os.stat(project / relative).st_size != len(data):
            return False
        return read(relative) == data
    except (OSError, ValueError, files.ReadError):
        return False
