"""The README's screenshot is made by scripts/screenshot.py from the app itself. These tests
check that the script runs and that the picture shows the overview of positions.yaml (its
summit, every party, every topic and every stance), not the exact bytes, which every
Textual or Rich release changes. The script waits until the grid draws the data, never for
a time, so a slow machine makes a late picture, not an empty one.

They run the script (a whole dashboard per test): marked `screenshot`, so that
`pytest -m "not screenshot"` leaves them out; the default run and CI run them.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.helpers import APP_DATA, ROOT, TIMEOUT

pytestmark = pytest.mark.screenshot

SVG = "{http://www.w3.org/2000/svg}"


def screenshot(*args: str) -> subprocess.CompletedProcess[str]:
    """scripts/screenshot.py ARGS in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def screen_text(svg: str) -> str:
    """The terminal text an SVG screenshot shows, one line per row of text elements."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for element in ET.fromstring(svg).iter(SVG + "text"):
        y, x = float(element.get("y") or 0), float(element.get("x") or 0)
        rows.setdefault(y, []).append((x, "".join(element.itertext())))
    lines = ("".join(text for _, text in sorted(rows[y])) for y in sorted(rows))
    return "\n".join(lines).replace("\xa0", " ")


STANCES = ("SUPPORTS", "OPPOSES", "CONDITIONAL", "UNCLEAR")


def expected_words() -> list[str]:
    """What the first screen of the dashboard, the overview, must show from positions.yaml:
    the summit, every topic's title and the first position's party."""
    data = yaml.safe_load((ROOT / "positions.yaml").read_text(encoding="utf-8"))
    first = data["positions"][0]
    return [
        data["summit"]["title"],
        data["summit"]["location"],
        *(topic["title"] for topic in data["topics"].values()),
        data["parties"][first["party"]]["name"],
    ]


def assert_overview(text: str) -> None:
    """Every topic, every party and every stance of positions.yaml in the picture."""
    data = yaml.safe_load((ROOT / "positions.yaml").read_text(encoding="utf-8"))
    for words in expected_words():
        assert words in text, words
    for party in data["parties"].values():  # a column per party, by name or short name
        assert party["name"] in text or party["short"] in text, party
    grid = "\n".join(line for line in text.splitlines() if "│" in line or "┃" in line)
    stances = sum(grid.count(word) for word in STANCES)
    assert stances == len(data["positions"]), grid


def test_screenshot_script_shows_the_dashboard(tmp_path: Path) -> None:
    out = tmp_path / "screenshot.svg"
    proc = screenshot("-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stdout
    assert_overview(screen_text(out.read_text(encoding="utf-8")))


def test_readme_shows_the_shipped_screenshot() -> None:
    assert "docs/screenshot.svg" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert_overview(screen_text((ROOT / "docs" / "screenshot.svg").read_text(encoding="utf-8")))


def test_screenshot_script_reports_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "positions.yaml"
    broken.write_text("summit: [\n", encoding="utf-8")
    out = tmp_path / "screenshot.svg"
    proc = screenshot("--file", str(broken), "-o", str(out))
    assert proc.returncode == 1
    assert str(broken.name) in proc.stderr
    assert not out.exists()


def test_screenshot_script_draws_the_dashboard(tmp_path: Path) -> None:
    out = tmp_path / "shot.svg"
    proc = screenshot(
        "--file", str(APP_DATA / "positions.yaml"), "-o", str(out), "--size", "100x30"
    )
    assert proc.returncode == 0, proc.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Northland" in svg


def test_screenshot_script_refuses_an_invalid_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("summit: [\n", encoding="utf-8")
    proc = screenshot("--file", str(bad), "-o", str(tmp_path / "never.svg"))
    assert proc.returncode == 1
    assert "bad.yaml:" in proc.stderr and ": error: " in proc.stderr
    assert not (tmp_path / "never.svg").exists()
