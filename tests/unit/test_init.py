"""`summit init`: a new project that `summit check` accepts, with a commented example of
every field, and nothing ever overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui.authoring.new_project import positions_template
from tui.cli import main
from tui.loader.pipeline import load_uncached
from tui.model.schema import (
    EvidenceModel,
    PartyModel,
    PositionModel,
    PositionsFileModel,
    SourceModel,
    SummitModel,
    TopicModel,
    json_schema,
)

NEW_FIELDS = {"people", "name", "role", "party", "aliases", "voice", "speaker", "published_basis"}
"""Fields of the format being added alongside (people, voice, ...): the template shows them."""


def summit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`summit ARGV` in this process, through the CLI."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_makes_a_valid_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new" / "project"
    code, out, err = summit(["init", str(folder)], capsys)
    assert code == 0, err
    assert out == ""
    assert "positions.yaml" in err and "summit check" in err
    assert sorted(p.name for p in folder.iterdir()) == [
        "positions.schema.json",
        "positions.yaml",
        "seeds",
    ]
    assert list((folder / "seeds").iterdir()) == []
    result = load_uncached(folder / "positions.yaml")
    assert result.errors == [], [d.format() for d in result.errors]
    assert result.ok


def test_modeline_points_at_the_schema_written_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert summit(["init", str(tmp_path)], capsys)[0] == 0
    first = (tmp_path / "positions.yaml").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    schema = tmp_path / match.group(1)
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema()
    assert schema.stat().st_mode & 0o044 == (tmp_path / "positions.yaml").stat().st_mode & 0o044


def test_default_folder_is_the_current_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = summit(["init"], capsys)
    assert code == 0, err
    assert (tmp_path / "positions.yaml").is_file()
    assert (tmp_path / "seeds").is_dir()
    assert "'positions.yaml'" in err


def test_never_overwrites_positions_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "positions.yaml").write_bytes(b"# mine\n")
    code, out, err = summit(["init", str(tmp_path)], capsys)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{tmp_path / 'positions.yaml'}:1:1: error: already exists")
    assert "never overwrites" in err
    assert "Traceback" not in err
    assert (tmp_path / "positions.yaml").read_bytes() == b"# mine\n"
    assert not (tmp_path / "positions.schema.json").exists()
    assert not (tmp_path / "seeds").exists()


def test_keeps_an_existing_seeds_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "old.txt").write_text("archived\n", encoding="utf-8")
    assert summit(["init", str(tmp_path)], capsys)[0] == 0
    assert (tmp_path / "seeds" / "old.txt").read_text(encoding="utf-8") == "archived\n"


@pytest.mark.parametrize("blocker", ["folder", "seeds"])
def test_a_file_in_the_way_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], blocker: str
) -> None:
    folder = tmp_path / "proj"
    if blocker == "folder":
        folder.write_text("x", encoding="utf-8")
        where, words = folder, "is a file, not a folder"
    else:
        folder.mkdir()
        (folder / "seeds").write_text("x", encoding="utf-8")
        where, words = folder / "seeds", "is a file"
    code, _, err = summit(["init", str(folder)], capsys)
    assert code == 1
    assert err.startswith(f"{where}:1:1: error: {words}")
    assert not (folder / "positions.yaml").exists()


def _comment_keys(text: str) -> set[str]:
    return set(re.findall(r"^\s*#\s*(?:- )?([a-z_]+):", text, re.M))


def test_a_folder_name_with_control_characters_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hint repeats the folder (shell-quoted, to paste): escaped, like all shown data."""
    monkeypatch.chdir(tmp_path)
    code, out, err = summit(["init", "new\x1b[2Jproject"], capsys)
    assert code == 0, err
    assert "\x1b" not in err
    assert out == ""
    assert "--project 'new\\e[2Jproject'" in err
    assert (tmp_path / "new\x1b[2Jproject" / "positions.yaml").is_file()


def test_every_field_has_a_commented_example() -> None:
    text = positions_template()
    fields: set[str] = set()
    for model in (SourceModel, PartyModel, TopicModel, PositionModel, EvidenceModel):
        fields |= set(model.model_fields)
    missing = (fields | NEW_FIELDS - {"people"}) - _comment_keys(text)
    assert missing == set()
    # Top-level sections are written out (or, unknown to the model, commented out).
    for name in [*PositionsFileModel.model_fields, "people"]:
        assert re.search(rf"^(# )?{name}:", text, re.M), name
    # The summit's fields are written out (they are required), each with an example.
    for name in SummitModel.model_fields:
        assert re.search(rf"^  {name}: .+# .+", text, re.M), name


def test_no_placeholder_passes_for_data() -> None:
    """Every value outside the comments says it is a placeholder (as_of, today, is true)."""
    values = [
        line
        for line in positions_template().splitlines()
        if re.match(r"\s*[a-z0-9_-]+: \S", line) and not line.lstrip().startswith("#")
    ]
    assert values
    for line in values:
        key, value = line.strip().split(":", 1)
        if value.split("#")[0].strip() in ("{}", "[]") or key == "as_of":
            continue
        assert "placeholder" in line, line


def test_placeholders_are_said_to_be_placeholders_and_the_file_is_valid(tmp_path: Path) -> None:
    """The format needs one party and one topic: the template has one of each, marked as a
    placeholder in its name and in a comment, and nothing else that pretends to be data."""
    text = positions_template()
    assert 'party-1: {name: "Party 1 (placeholder)"' in text
    assert 'topic-1: {title: "Topic 1 (placeholder)"' in text
    assert text.count("# placeholder (the format needs one") == 2
    assert re.search(r"^people: \{\}$", text, re.M)
    assert re.search(r"^positions: \[\]$", text, re.M)
    assert re.search(r"^sources: \{\}$", text, re.M)


def test_check_warns_about_each_placeholder_left_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 21, item 11: `summit check` points at each of init's placeholders still there,
    at its line, and stops once it is replaced; the file stays valid meanwhile."""
    assert summit(["init", str(tmp_path)], capsys)[0] == 0
    path = tmp_path / "positions.yaml"
    code, _, err = summit(["check", str(path)], capsys)
    assert code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    warned = {
        line.split(": warning: ")[1].split(":")[0]: int(line.split(":")[1])
        for line in err.splitlines()
        if "still the placeholder `summit init` wrote" in line
    }
    assert set(warned) == {
        "summit.title",
        "summit.location",
        "summit.note",
        "parties.party-1.name",
        "topics.topic-1.title",
        "topics.topic-1.question",
    }
    assert "Untitled summit" in lines[warned["summit.title"] - 1]
    assert "Party 1 (placeholder)" in lines[warned["parties.party-1.name"] - 1]
    text = path.read_text(encoding="utf-8").replace("Untitled summit", "Harbour talks")
    path.write_text(text, encoding="utf-8")
    _, _, err = summit(["check", str(path)], capsys)
    assert "summit.title" not in err and "summit.location: still the placeholder" in err
