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
    if folder.exists() and not folder.is_dir():
        return fail_at(shown(), "is a file, not a folder")
    if (folder / SEEDS).exists() and not (folder / SEEDS).is_dir():
        return fail_at(shown(SEEDS), "is a file; the archived articles need a folder by this name")

    from tui.authoring.new_project import positions_template
    from tui.loader.files import WriteError, write_atomic
    from tui.model.schema import json_schema_text

    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SEEDS).mkdir(exist_ok=True)
        write_atomic(folder / SCHEMA, [json_schema_text().encode("utf-8")])
        with open(positions, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(positions_template())
    except FileExistsError:
        return fail_at(shown(POSITIONS), "already exists; `summit init` never overwrites it")
    except WriteError as exc:
        return fail_at(shown(SCHEMA), exc.reason)
    except OSError as exc:
        return fail_at(shown(), f"cannot create the project: {exc.strerror or exc}")
    # Shell-quoted so the commands can be pasted, then escaped like any shown data.
    folder_arg = visible(shlex.quote(args.folder), multiline=False)
    check_arg = visible(shlex.quote(shown(POSITIONS)), multiline=False)
    error(
        f"Created {quoted(shown(POSITIONS))}, {quoted(shown(SCHEMA))} and "
        f"{quoted(shown(SEEDS) + '/')}. Replace the placeholders in positions.yaml, archive "
        f"articles with `summit add-source PAGE.html --append --project {folder_arg}` "
        f"and run `summit check {check_arg}`."
    )
    return EXIT_OK
