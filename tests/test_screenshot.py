"""The README's screenshot is made by scripts/screenshot.py from the app itself; this
test fails when the dashboard or positions.yaml changed and the picture was not remade."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_screenshot_is_current(tmp_path: Path) -> None:
    out = tmp_path / "screenshot.svg"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    shipped = (ROOT / "docs" / "screenshot.svg").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, (
        "docs/screenshot.svg is stale: run `python scripts/screenshot.py` and commit it"
    )
    assert "docs/screenshot.svg" in (ROOT / "README.md").read_text(encoding="utf-8")
