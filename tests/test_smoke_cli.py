"""The `summit check` entry point on a minimal valid file."""

import subprocess
import sys
from pathlib import Path


def test_check_valid_file_exits_zero(write_file) -> None:
    path: Path = write_file()
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"{path}: valid\n"
