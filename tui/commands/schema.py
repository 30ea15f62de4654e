"""`summit schema`: the JSON Schema of the positions format, for editors."""

from __future__ import annotations

import argparse

from tui.report.console import EXIT_OK, write


def run(args: argparse.Namespace) -> int:
    from tui.model.schema import json_schema_text

    write(json_schema_text())
    return EXIT_OK
