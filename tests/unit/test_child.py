"""The dashboard's validating process (tui.loader.child): its load is the in-process
load, and whatever goes wrong with the process, the load still arrives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import tui.loader.pipeline as pipeline
from tui.loader.child import Cancelled, Validation, spare, stop


def test_the_process_gives_the_load(shipped: Path, cache_home: Path) -> None:
    result = Validation(shipped, "positions.yaml").result()
    assert result.ok
    assert result.same_as(pipeline.load_uncached(shipped, "positions.yaml"))
    # And it cached the load for the next start.
    assert len(list(cache_home.rglob("*.bin"))) == 1


def test_an_invalid_file_arrives_with_its_problems(write_file: object) -> None:
    path = write_file("summit: {}\nparties: []\n")  # type: ignore[operator]
    result = Validation(path, "broken.yaml").result()
    expected = pipeline.load_uncached(path, "broken.yaml")
    assert not result.ok and result.errors
    assert result.diagnostics == expected.diagnostics


def test_without_the_cache_the_process_writes_none(shipped: Path, cache_home: Path) -> None:
    assert Validation(shipped, "positions.yaml", use_cache=False).result().ok
    assert list(cache_home.rglob("*.bin")) == []


@pytest.mark.parametrize("python", ["", "/no/such/python", "/bin/false"])
def test_a_process_that_cannot_run_falls_back_to_loading_here(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, python: str
) -> None:
    monkeypatch.setattr(sys, "executable", python)
    result = Validation(shipped, "positions.yaml").result()
    assert result.same_as(pipeline.load_uncached(shipped, "positions.yaml"))


def test_a_source_saved_while_the_process_ran_is_loaded_again_here(shipped: Path) -> None:
    validation = Validation(shipped, "positions.yaml")
    assert validation.process is not None
    validation.process.wait()
    seed = next((shipped.parent / "seeds").glob("*.txt"))
    seed.write_bytes(seed.read_bytes().replace(b"Trump", b"Tramp"))
    result = validation.result()
    # Not the process's spans over the new text: the load of the files as they are now.
    fresh = pipeline.load_uncached(shipped, "positions.yaml")
    assert result.same_as(fresh)
    assert any("Tramp" in text.text for text in result.texts.values())


def test_cancel_stops_the_process_and_nothing_is_loaded_here(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a stopped load was loaded in this process")

    monkeypatch.setattr(pipeline, "load_uncached", refuse)
    validation = Validation(shipped, "positions.yaml")
    validation.cancel()
    assert validation.process is not None and validation.process.poll() is not None
    with pytest.raises(Cancelled):
        validation.result()


def test_the_process_does_not_import_a_tui_from_the_current_folder(
    shipped: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-P: a folder with a `tui` package of its own (which here would print and fail)
    cannot stand in for this one."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "tui" / "loader").mkdir(parents=True)
    (folder / "tui" / "__init__.py").write_text("raise SystemExit('the wrong tui')\n")
    (folder / "tui" / "loader" / "__init__.py").write_text("")
    monkeypatch.chdir(folder)
    monkeypatch.setattr(pipeline, "load_uncached", lambda *a: pytest.fail("fell back"))
    assert Validation(shipped, "positions.yaml").result().ok


def test_an_unreadable_file_comes_back_as_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "load_uncached", lambda *a: pytest.fail("fell back"))
    result = Validation(tmp_path / "missing.yaml", "missing.yaml").result()
    assert not result.ok
    assert [d.format() for d in result.errors] == ["missing.yaml:1:1: error: file not found"]


# --- the spare: a process that has imported the loader and waits for its file --------------


def test_a_spare_loads_the_file_it_is_given(shipped: Path) -> None:
    process = spare()
    assert process is not None
    result = Validation(shipped, "positions.yaml", spare=process).result()
    assert result.same_as(pipeline.load_uncached(shipped, "positions.yaml"))
    assert process.poll() == 0


def test_a_dead_spare_is_replaced(shipped: Path) -> None:
    process = spare()
    stop(process)
    validation = Validation(shipped, "positions.yaml", spare=process)
    assert validation.process is not process
    assert validation.result().ok


def test_a_spare_never_given_a_file_ends_when_its_input_closes() -> None:
    process = spare()
    assert process is not None and process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=60) == 1
