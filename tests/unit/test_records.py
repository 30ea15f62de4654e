"""The records (tui.model.records) against pydantic's models (tui.model.schema): the same
data, field for field, for every valid file the tests know. The loader builds records straight
from the data that passed validation; this is what makes that the same as pydantic's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tui.loader.pipeline import load_uncached, plain_data
from tui.model.records import from_plain, plain
from tui.model.schema import PositionsFileModel


def _valid_files(tmp: Path) -> list[Path]:
    candidates = [ROOT / "positions.yaml", ROOT / "tui" / "templates" / "positions.yaml"]
    candidates += sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", str(tmp), "--topics", "3"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    candidates.append(tmp / "positions.yaml")
    return [path for path in candidates if load_uncached(path).ok]


def test_records_equal_pydantic_for_every_valid_file(tmp_path: Path) -> None:
    files = _valid_files(tmp_path)
    assert len(files) >= 8, files
    for path in files:
        built = plain_data(path.read_bytes())
        assert built is not None
        raw, problems = built
        assert not problems
        expected = PositionsFileModel.model_validate(raw).model_dump(mode="json")
        got = plain(from_plain(raw))
        # Compared as JSON text: equal values and the same key order.
        assert json.dumps(got) == json.dumps(expected), path
        # And the records the loader hands out are those.
        assert plain(load_uncached(path).records) == expected, path


def test_optional_fields_take_the_models_defaults() -> None:
    raw = {
        "summit": {
            "title": "T",
            "location": "L",
            "date": "2025-01-02",
            "date_basis": "stated",
            "as_of": "2025-01-03",
            "as_of_basis": "stated",
        },
        "sources": {
            "s": {
                "outlet": "O",
                "title": "A",
                "published": "2025-01-01",
                "published_basis": "stated",
                "file": "a.txt",
            }
        },
        "parties": {"p": {"name": "P", "short": "P"}},
        "topics": {"t": {"title": "T", "question": "Q?"}},
        "positions": [
            {
                "party": "p",
                "topic": "t",
                "stance": "supports",
                "summary": "S.",
                "evidence": [{"source": "s", "quote": "q", "voice": "article"}],
            }
        ],
    }
    expected = PositionsFileModel.model_validate(raw).model_dump(mode="json")
    assert plain(from_plain(raw)) == expected
    assert expected["people"] == {} and expected["sources"]["s"]["url"] is None


@pytest.mark.parametrize("key", ["summit", "positions", "parties"])
def test_data_that_is_not_a_load_raises(key: str) -> None:
    raw = json.loads(json.dumps(plain_data((ROOT / "positions.yaml").read_bytes())[0]))  # type: ignore[index]
    del raw[key]
    with pytest.raises(KeyError):
        from_plain(raw)
