"""Make the README's screenshot from the dashboard itself, so it never goes stale.

    python scripts/screenshot.py                 # writes docs/screenshot.svg
    python scripts/screenshot.py -o out.svg --size 100x30 --press down right

It runs the real app headless on the repository's positions.yaml (watching off),
waits until the grid draws the file's data (not for a time: however slow the machine,
the picture is never of an empty grid), optionally presses keys, and saves an SVG. The
first screen is the overview; `--press v` shows the full cells.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.geometry import Region  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from tui.app.app import SummitApp  # noqa: E402


def _size(value: str) -> tuple[int, int]:
    width, _, height = value.partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {value!r}") from None


async def data_drawn(pilot: Pilot[None], app: SummitApp) -> None:
    """Wait until the grid draws its first row of data, as the screen will show it."""
    matrix = app.main_screen.matrix

    def drawn() -> bool:
        if not matrix.rows or matrix.grid is None or not matrix.region.height:
            return False
        title = matrix.grid.doc.topics[matrix.rows[0]].title[:8]
        lines = matrix.render_lines(Region(0, 0, *matrix.region.size))
        return any(title in line.text for line in lines)

    while not drawn():
        await pilot.pause(0.02)
    await pilot.pause()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.svg")
    parser.add_argument("--file", type=Path, default=ROOT / "positions.yaml")
    parser.add_argument("--size", type=_size, default=(120, 36), metavar="WxH")
    parser.add_argument("--press", nargs="*", default=[], metavar="KEY", help="keys to press first")
    args = parser.parse_args(argv)

    app = SummitApp(args.file, args.file.name, watch=False)
    problems: list[str] = []

    async def auto_pilot(pilot: Pilot[None]) -> None:
        while not app.loads:  # the full load (the test's own timeout guards a hang)
            await pilot.pause(0.02)
        latest = app.main_screen.latest
        if latest is None or not latest.ok:
            problems.extend(d.format() for d in (latest.errors if latest else []))
            app.exit()
            return
        await data_drawn(pilot, app)
        if args.press:
            await pilot.press(*args.press)
            await pilot.pause()
            await data_drawn(pilot, app)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(app.export_screenshot(title="summit"), encoding="utf-8")
        app.exit()

    app.run(headless=True, size=args.size, auto_pilot=auto_pilot)
    if problems or not app.loads:
        print("\n".join(problems) or "the file did not load", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
