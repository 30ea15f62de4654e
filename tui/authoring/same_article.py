"""Is this article already in the project? A source that is the same article, or an
archive in seeds/ that no source names yet.

`summit add-source` asks before it archives: a second copy of the same article under
another id splits its quotes between two sources and doubles what `summit coverage` says
is left to read. "The same article" is what `summit check` counts as one
(`tui.evidence.source_text.same_articles`: the same archived text, typography and spacing
aside, or the same url), so the two never disagree. An archive that no source names yet
(a preview, `summit add-source PAGE` without --append) is found too, byte for byte, so
that `--append` can use it as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.authoring.new_project import SEEDS
from tui.evidence.source_text import SourceText, same_articles
from tui.loader import files

_NEW = "\0the article being added"
"""Its id in the comparison: no source id can be this."""


@dataclass(frozen=True)
class SameArticle:
    """Where the project already holds the article."""

    source_id: str | None
    """The source under `sources:` that is it; None for an archive no source names."""
    file: str
    """Its archive, relative to the project folder (as `file:` writes it)."""
    why: str
    """`same_articles`' words: "the same archived text" or "the same url"."""


def find_same(
    project: Path, sources: Mapping[str, Any], data: bytes, url: str | None
) -> SameArticle | None:
    """The first source of `sources` (positions.yaml's, as read) that is the same article
    as `data` (its archived text) at `url`; else an archive in seeds/ that holds exactly
    `data` and that no source names; else None. Files outside the project are never read."""
    read = files.folder_reader(project)
    entries: list[tuple[str, str | None, object]] = []
    archives: dict[str, str] = {}
    for source_id, source in sources.items():
        if not isinstance(source, dict):
            continue
        relative = source.get("file")
        text = None
        if isinstance(relative, str):
            archives[str(source_id)] = relative
            text = _normalized(read, relative)
        entries.append((str(source_id), text, source.get("url")))
    entries.append((_NEW, SourceText(data.decode("utf-8", "replace")).normalized, url))
    first, why = same_articles(entries)[_NEW]
    if first != _NEW:
        return SameArticle(first, archives.get(first, ""), why)
    named = {os.path.normpath(relative) for relative in archives.values()}
    for relative in _archives(project):
        if os.path.normpath(relative) not in named and holds(project, relative, data):
            return SameArticle(None, relative, "the same archived text")
    return None


def _normalized(read: files.SourceReader, relative: str) -> str | None:
    """The archive's text as `same_articles` compares it, or None when it cannot be read."""
    if files.source_path_problem(relative) is not None:
        return None
    try:
        return SourceText(files.without_bom(read(relative)).decode("utf-8")).normalized
    except (OSError, ValueError, files.ReadError):
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


def holds(project: Path, relative: str, data: bytes) -> bool:
    """Whether the archive at `relative` (inside `project`) holds exactly `data`, so that
    it can be used as it is (its size first)."""
    if files.source_path_problem(relative) is not None:
        return False
    try:
        if os.stat(project / relative).st_size != len(data):
            return False
        return files.folder_reader(project)(relative) == data
    except (OSError, ValueError, files.ReadError):
        return False
