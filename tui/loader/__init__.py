"""Reading a positions file. The way in is this package itself: `load_file`,
`load_path`, `cached_load` and `LoadResult`, imported from their modules on first use.

Importing `tui.loader.files` runs this module first, and the dashboard does so before
its first frame: nothing is imported here until a name is asked for, so that neither
pydantic nor YAML comes with it (tests/unit/test_hygiene.py). Code inside the package
imports from the modules, never from here.

The modules, in the order a load runs through them:

- front: the way in: a cached load when its key matches, else the pipeline, then stored;
- files: which file; the one capped read of a user's file (ReadError) and the one atomic
  write (WriteError); sources kept inside the project;
- git: files at `git:REV`;
- pipeline: the stages in order (load_bytes, load_uncached, load_stdin, plain_data);
- lines: offsets to line and column as editors count them (the one place that does it);
- fast_path: a valid, plain file in one libyaml pass, straight to plain data;
- yaml_guard: the careful path: decode, scan the events, compose, build plain data;
- locate: a location in the data to FILE:LINE:COL;
- pieces: pydantic's verdict on the data, a piece of bounded size at a time;
- validation: pydantic's errors in the file's own words;
- checks: ids, duplicates, files and quotes (pure: diagnostics plus the evidence index);
- result: LoadResult and its evidence index;
- cache: the last valid load of each file, as plain data, keyed by content;
- code: what a load was made with, the tool's code known by its content;
- child: the dashboard's validating process.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.loader.front import cached_load, load_file, load_path
    from tui.loader.result import LoadResult

__all__ = ["LoadResult", "cached_load", "load_file", "load_path"]

_HOMES = {
    "LoadResult": "tui.loader.result",
    "cached_load": "tui.loader.front",
    "load_file": "tui.loader.front",
    "load_path": "tui.loader.front",
}


def __getattr__(name: str) -> Any:
    """A name of the front door, imported from its module when first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
