"""Issue 21's "Done when", as a test: on a fresh folder, with saved pages nobody here wrote
(tests/fixtures/pages), `summit init`, `add-source` of two pages (one previewed first),
then the dashboard: both sources are listed under `s`, each opens, a sentence becomes a
position through `y` and `e` without typing a quote, and the file is valid; the same page
added again is refused with the existing id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import loaded, matrix, saved_page, until
from tui.app.app import SummitApp
from tui.app.screens.main import MainScreen
from tui.app.screens.sources import SourcesScreen
from tui.app.screens.viewer import SourceViewerScreen
from tui.cli import main
from tui.loader.pipeline import load_uncached

DW_ID = "berlin-confronts-germany-s-colonial-past-with-new-initiative"
POLITICO_ID = "mark-meadows-accused-of-timing-retirement-to-help-elect"
MILLER = '"It doesn’t take a genius to figure out how this happened.'


def the_analyst_names_parties_topics_and_people(path: Path) -> None:
    """What the analyst types in the editor first: their parties, topics and people."""
    text = path.read_text(encoding="utf-8")
    for placeholder, own in (
        ("Untitled summit", "Two saved pages"),
        ("Not recorded yet", "Berlin and Hendersonville"),
    ):
        text = text.replace(placeholder, own, 1)
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("  party-1:"):
            line = (
                '  isd: {name: "Initiative of Black People in Germany", short: "ISD"}\n'
                '  ncgop: {name: "North Carolina Republicans", short: "NC GOP"}\n'
            )
        elif line.startswith("  topic-1:"):
            line = (
                '  renaming: {title: "Renaming streets", question: "Should colonial-era '
                'street names go?"}\n'
                '  timing: {title: "Timing", question: "Was the late retirement fair?"}\n'
            )
        elif line == "people: {}\n":
            line = (
                "people:\n"
                '  jeff-miller: {name: "Jeff Miller", role: "city councilman", party: ncgop}\n'
            )
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


async def test_done_when(
    tmp_path: Path,
    editor: Path,
    handover: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    dw, politico = (
        saved_page("dw.com.colonial.html", downloads),
        saved_page("politico.com.retirement.html", downloads),
    )
    project = tmp_path / "talks"
    assert main(["init", str(project)]) == 0
    assert main(["add-source", str(dw), "--project", str(project)]) == 0  # the preview
    for page in (dw, politico):
        assert main(["add-source", str(page), "--append", "--project", str(project)]) == 0
    capsys.readouterr()
    path = project / "positions.yaml"
    the_analyst_names_parties_topics_and_people(path)
    assert load_uncached(path).ok

    app = SummitApp(path, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        # Both sources are listed under `s`, and each opens.
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SourcesScreen), "the sources")
        sources = app.screen
        assert isinstance(sources, SourcesScreen)
        assert list(sources.sources) == [DW_ID, POLITICO_ID]
        for index, source_id in enumerate((DW_ID, POLITICO_ID)):
            await pilot.press(*["down"] * index, "enter")
            await until(pilot, lambda: isinstance(app.screen, SourceViewerScreen), "a viewer")
            viewer = app.screen
            assert isinstance(viewer, SourceViewerScreen) and viewer.source_id == source_id
            assert viewer.article.text.strip()
            if source_id == DW_ID:
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is sources, "back to the list")
        # In POLITICO's article: Jeff Miller's sentence, then the next one, copied with y.
        assert isinstance(viewer, SourceViewerScreen)
        for _ in range(60):
            await pilot.press("right_square_bracket")
            if viewer.article.text[slice(*viewer.selection or (0, 0))].startswith(MILLER):
                break
        await pilot.press("right_curly_bracket", "y")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await pilot.press("right", "down")
        assert matrix(app).selected_ids() == ("ncgop", "timing")
        await pilot.press("e")
        await until(pilot, editor.exists, "the editor")
        template = app.clipboard
    assert "speaker: jeff-miller" in template and "voice: direct" in template
    # The analyst pastes it where the editor opened (replacing `positions: []`, as the
    # notification says), and writes the stance and the summary: no quote typed.
    line = int(json.loads(editor.read_text())[0].lstrip("+"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[line - 1] == "positions: []\n"
    filled = template.replace("stance: unclear", "stance: opposes").replace(
        "summary: ...", "summary: A local Republican calls the timing very suspicious."
    )
    lines[line - 1] = filled
    path.write_text("".join(lines), encoding="utf-8")
    result = load_uncached(path)
    assert result.ok and not result.errors, [d.format() for d in result.errors]
    assert main(["check", str(path)]) == 0
    assert result.records is not None and len(result.records.positions) == 1
    assert result.verified(0, 0)
    # The same page again: refused, naming the source that already holds it.
    capsys.readouterr()
    again = main(
        ["add-source", str(politico), "--append", "--id", "again", "--project", str(project)]
    )
    assert again == 1
    assert f"this article is already source '{POLITICO_ID}'" in capsys.readouterr().err
