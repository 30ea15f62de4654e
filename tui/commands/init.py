"""`summit init [FOLDER]`: a new project folder, ready for `summit` and `summit check`.

It holds positions.yaml, seeds/ (empty, for `summit add-source`) and positions.schema.json,
the JSON Schema of the format this `summit` reads, written from the models
(`tui.model.schema.json_schema()`, what `summit schema` prints) rather than copied from
docs/: an installed package need not ship docs/, and the generated schema always
matches the installed models. positions.yaml's modeline points editors at it.

positions.yaml holds a commented example of every field (real values from the shipped
Alaska file) above the smallest content the model accepts. The model asks for a summit
(title, location, date, as_of) and at least one party and one topic: those are written
as placeholders that say they are placeholders, and a party or topic placeholder is left
out as soon as the model accepts an empty mapping. Nothing is overwritten.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
from datetime import date
from importlib.resources import files
from pathlib import Path

from tui.report.console import EXIT_OK, error, fail_at
from tui.safe import quoted, visible

POSITIONS = "positions.yaml"
SCHEMA = "positions.schema.json"
SEEDS = "seeds"


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

    from tui.loader.files import WriteError, write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SEEDS).mkdir(exist_ok=True)
        write_atomic(folder / SCHEMA, [schema_text().encode("utf-8")])
        with open(positions, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(template())
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


def schema_text() -> str:
    """The JSON Schema as `summit schema` prints it."""
    from tui.model.schema import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def template(today: date | None = None) -> str:
    """The text of a new positions.yaml, from tui/templates/positions.yaml.

    The template is a data file, not a Python string, so that its example lines can be
    as long as real values are.
    """
    day = (today or date.today()).isoformat()
    # The format needs one party and one topic to be valid: a placeholder of each, said
    # to be one, for the curator to rename or replace.
    parties = (
        "parties:\n"
        "  # placeholder (the format needs one party to be valid): rename or replace it\n"
        '  party-1: {name: "Party 1 (placeholder)", short: "P1"}\n'
    )
    topics = (
        "topics:\n"
        "  # placeholder (the format needs one topic to be valid): rename or replace it\n"
        '  topic-1: {title: "Topic 1 (placeholder)", question: "Placeholder: which '
        'yes/no question does each stance answer?"}\n'
    )
    people = "people: {}\n"
    text = (files("tui") / "templates" / POSITIONS).read_text(encoding="utf-8")
    for marker, value in (
        ("<<SCHEMA>>", SCHEMA),
        ("<<DAY>>", day),
        ("<<PARTIES>>", parties),
        ("<<TOPICS>>", topics),
        ("<<PEOPLE>>", people),
    ):
        text = text.replace(marker, value)
    return text
