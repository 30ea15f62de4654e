"""`summit init [FOLDER]`: a new project folder, ready for `summit` and `summit check`.

It holds positions.yaml (tui.authoring.new_project), seeds/ (empty, for `summit
add-source`) and positions.schema.json, the JSON Schema of the format this `summit` reads,
written from the models (`tui.model.schema.json_schema_text()`, what `summit schema`
prints) rather than copied from docs/: an installed package need not ship docs/, and the
generated schema always matches the installed models. positions.yaml's modeline points
editors at it. Nothing is overwritten.
"""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from tui.authoring.new_project import POSITIONS, SCHEMA, SEEDS
from tui.report.console import EXIT_OK, error, fail_at
from tui.safe import quoted, visible


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)

    def shown(*parts: str) -> str:
        return os.path.normpath(os.path.join(args.folder, *parts))

    positions = folder / POSITIONS
    if positions.exists() or positions.is_symlink():
        return fail_at(
            shown(POSITIONS),
            "already exists; `summit init` never overwrites a positions file "
            "(choose another folder, or edit this one)",
        )
    schema = folder / SCHEMA
    if schema.exists() or schema.is_symlink():
        return fail_at(
            shown(SCHEMA),
            "already exists; `summit init` writes nothing that exists (choose another "
            "folder, or remove it to have it written again)",
        )
    if folder.exists() and not folder.is_dir():
        return fail_at(shown(), "is a file, not a folder")
    if (folder / SEEDS).exists() and not (folder / SEEDS).is_dir():
        return fail_at(shown(SEEDS), "is a file; the archived articles need a folder by this name")

    from tui.authoring.new_project import positions_template
    from tui.loader.files import create_new
    from tui.model.schema import json_schema_text

    made: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SEEDS).mkdir(exist_ok=True)
        # Created, never replaced: a file that appeared meanwhile is left as it is.
        create_new(schema, json_schema_text().encode("utf-8"))
        made = schema
        create_new(positions, positions_template().encode("utf-8"))
    except FileExistsError as exc:
        if made is not None:
            made.unlink()  # ours, a moment ago: nothing half made
        return fail_at(
            shown(Path(exc.filename or positions).name),
            "already exists; `summit init` writes nothing that exists",
        )
    except OSError as exc:
        if made is not None:
            made.unlink()
        return fail_at(shown(), f"cannot create the project: {exc.strerror or exc}")
    # Shell-quoted so the commands can be pasted (a name starting with '-' made a path,
    # not an option), then escaped like any shown data.
    folder_arg = visible(shlex.quote(_argument(args.folder)), multiline=False)
    check_arg = visible(shlex.quote(_argument(shown(POSITIONS))), multiline=False)
    error(
        f"Created {quoted(shown(POSITIONS))}, {quoted(shown(SCHEMA))} and "
        f"{quoted(shown(SEEDS) + '/')}. Replace the placeholders in positions.yaml, archive "
        f"articles with `summit add-source PAGE.html --append --project {folder_arg}` "
        f"and run `summit check {check_arg}`."
    )
    return EXIT_OK


def _argument(path: str) -> str:
    """`path` as a command-line argument: one starting with '-' would be read as an option."""
    return f"./{path}" if path.startswith("-") else path
