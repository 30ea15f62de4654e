"""The sides of a comparison (issue 21, items 8 and 9): `summit diff` compares a copy kept
away from its articles (saying once that its quotes were not checked), names the side
that is missing, defaults NEW to ./positions.yaml; `summit tui --since` refuses a bad
older side at the start, in `summit diff`'s words and with its exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import APP_DATA, environment, summit

GIT = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment(GIT))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    """tests/fixtures/app in a git repository, two commits: then north's stance changed."""
    root = tmp_path / "repo"
    shutil.copytree(APP_DATA, root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one")
    path = root / "positions.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("stance: supports", "stance: conditional", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    git(root, "commit", "-q", "-am", "two")
    yield root


def diff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return summit("diff", *args, cwd=cwd, env=GIT)


def test_a_copy_away_from_its_articles_is_compared_saying_so_once(repo: Path) -> None:
    """An emailed copy kept in another folder: its seeds are not there."""
    elsewhere = repo.parent / "Downloads"
    elsewhere.mkdir()
    copy = elsewhere / "positions-from-ana.yaml"
    text = (repo / "positions.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("stance: conditional", "stance: opposes", 1), encoding="utf-8")
    proc = diff(str(copy), "positions.yaml", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "conditional" in proc.stdout and "opposes" in proc.stdout
    said = proc.stderr.splitlines()
    assert len(said) == 1, said
    assert said[0].startswith(f"summit diff: {copy}: 2 source files not found (")
    assert "its quotes not checked" in said[0]
    assert "not found;" not in proc.stderr  # no error per source


def test_a_missing_file_beside_git_is_named_not_the_revision(repo: Path) -> None:
    proc = diff("git:HEAD~1", "nofile.yaml", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.startswith("nofile.yaml:1:1: error: file not found")
    assert "git:HEAD~1" not in proc.stderr


def test_one_git_side_is_compared_with_the_positions_file_here(repo: Path) -> None:
    proc = diff("git:HEAD~1", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "supports -> conditional" in proc.stdout


def test_one_file_is_compared_with_the_positions_file_here(repo: Path) -> None:
    old = repo / "old.yaml"
    shutil.copy(APP_DATA / "positions.yaml", old)
    proc = diff("old.yaml", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "supports -> conditional" in proc.stdout


@pytest.mark.parametrize("since", ["git:typo", "git:HEAD~9"])
def test_tui_refuses_a_bad_since_at_the_start_as_diff_does(repo: Path, since: str) -> None:
    dashboard = summit("tui", "--since", since, cwd=repo, env=GIT)
    compared = diff(since, "positions.yaml", cwd=repo)
    assert dashboard.returncode == compared.returncode == 2
    assert compared.stderr.startswith("summit diff: ")
    assert dashboard.stderr == compared.stderr.replace("summit diff: ", "summit tui: --since ")
    assert "needs a terminal" not in dashboard.stderr


def test_tui_refuses_an_invalid_older_file_with_its_errors(repo: Path) -> None:
    (repo / "old.yaml").write_text("summit: [\n", encoding="utf-8")
    dashboard = summit("positions.yaml", "--since", "old.yaml", cwd=repo)
    assert dashboard.returncode == 2
    assert dashboard.stderr.startswith("old.yaml:")
    assert dashboard.stderr.splitlines()[-1] == (
        "summit tui: --since old.yaml: cannot compare with it (its problems are listed above)"
    )
    missing = summit("positions.yaml", "--since", "gone.yaml", cwd=repo)
    assert missing.returncode == 2
    assert missing.stderr.startswith("gone.yaml:1:1: error: file not found")
