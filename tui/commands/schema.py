"""`summit schema`: the JSON Schema of the positions format, for editors."""

from __future__ import annotations

import argparse
import json

from tui.report.console import EXIT_OK, write


def run(args: argparse.Namespace) -> int:
    from tui.model.schema import json_schema

    write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
