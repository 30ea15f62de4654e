"""Reading a positions file at `git:REV`.

`git:REV` (or `git:REV:PATH`) reads a file from a git revision:
- with PATH, PATH is relative to the root of the repository holding the
  current folder;
- without PATH, the file is the other argument when that is a file inside a
  git repository (`summit diff git:HEAD~1 positions.yaml`; the repository is
  the one holding it), the other argument's PATH when that is `git:REV:PATH`,
  else ./positions.yaml of the current folder's repository.
Files are read with `git cat-file blob` (no shell, no textconv); source
articles come from the same revision, relative to the YAML file.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from pathlib import Path

from tui.loader.files import MAX_BYTES, MAX_SOURCE_BYTES, ReadError, skipping_missing
from tui.loader.pipeline import load_bytes, load_uncached
from tui.loader.result import LoadResult
from tui.safe import brief, quoted, visible


class GitError(Exception):
    """A problem reading one side that is not in the file itself (git, paths).

    The message `load_git` raises starts with the spec it is about (`git:REV: ...`),
    so callers add their own context (`summit diff: `, `--since `) and not the spec again.
    """


class _GitTooBig(Exception):
    pass


MAX_REV = 1000
"""The longest REV taken: a branch, a tag, a commit or `HEAD~3` is far shorter, and git's
command line has a limit of its own (131,065 characters failed with E2BIG)."""


def _git(repo: Path, *args: str, limit: int | None = None) -> bytes:
    """Run git without a shell; stdout, or GitError with git's first line of complaint."""
    argv = ["git", "-C", str(repo), *args]
    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError:
        raise GitError("git is not installed (needed for git:REV)") from None
    except OSError as exc:  # e.g. E2BIG: a path from the file too long for a command line
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    assert proc.stdout is not None and proc.stderr is not None
    data = proc.stdout.read(limit + 1) if limit is not None else proc.stdout.read()
    if limit is not None and len(data) > limit:
        proc.kill()
        proc.communicate()
        raise _GitTooBig
    _, err = proc.communicate()
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[0].removeprefix("fatal: ") if lines else "git failed")
    return data


class _GitRefused(Exception):
    """A folder inside a repository (a `.git` above it) that git will not read."""


def _repo_prefix(folder: Path) -> tuple[Path, str] | None:
    """(repository top folder, path of `folder` inside it) or None when not in a repo;
    _GitRefused, with git's own complaint, when there is one git will not read (one
    owned by another user: "dubious ownership")."""
    try:
        out = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    except GitError as exc:
        real = Path(os.path.realpath(folder))
        if any((up / ".git").exists() for up in (real, *real.parents)):
            raise _GitRefused(str(exc)) from None
        return None
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 1:
        return None
    return Path(lines[0]), (lines[1] if len(lines) > 1 else "")


def parse_git_spec(spec: str) -> tuple[str, str | None] | None:
    """`git:REV` or `git:REV:PATH` -> (REV, PATH or None); None when not a git spec."""
    if not spec.startswith("git:"):
        return None
    rest = spec[len("git:") :]
    rev, sep, path = rest.partition(":")
    return rev, (path if sep else None)


def load_git(
    spec: str, other: str | None, cwd: Path | None = None, missing: list[str] | None = None
) -> LoadResult:
    """Load `git:REV[:PATH]`; see the module docstring for which file is meant. With
    `missing`, a source not in that revision is listed there instead of being an error."""
    parsed = parse_git_spec(spec)
    assert parsed is not None
    rev, path = parsed
    shown_spec = _shown(spec)
    if not rev or rev.startswith("-") or any(c.isspace() for c in rev):
        raise GitError(f"{shown_spec}: expected git:REV such as git:HEAD~1")
    if len(rev) > MAX_REV:
        raise GitError(
            f"{shown_spec}: the revision is {len(rev):,} characters long; "
            f"a revision name has at most {MAX_REV:,}"
        )
    try:
        return _load_git(rev, path, shown_spec, other, cwd or Path.cwd(), missing)
    except _GitRefused as exc:
        raise GitError(
            f"{shown_spec}: git refuses to read the repository here ({exc}); see `git status` there"
        ) from None


def _load_git(
    rev: str,
    path: str | None,
    shown_spec: str,
    other: str | None,
    cwd: Path,
    missing: list[str] | None,
) -> LoadResult:
    repo: Path | None = None
    other_git = parse_git_spec(other) if other is not None else None
    if path is None and other_git is not None:
        path = other_git[1]
    elif path is None and other is not None:
        candidate = cwd / other
        located = _repo_prefix(candidate.parent) if candidate.parent.is_dir() else None
        if located is not None:
            repo, prefix = located
            path = prefix + candidate.name
    if repo is None:
        located = _repo_prefix(cwd)
        if located is None:
            where = visible(str(cwd))
            if other is not None and other_git is None:
                raise GitError(
                    f"{shown_spec}: neither {_shown(other)} nor {where} is in a git repository"
                )
            raise GitError(f"{shown_spec}: {where} is not inside a git repository")
        repo, prefix = located
        if path is None:
            path = prefix + "positions.yaml"
    assert path is not None  # named by the spec, the other side, or the default above
    path = posixpath.normpath(path)

    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(
            f"{shown_spec}: unknown revision {quoted(brief(rev))} in {visible(str(repo))}"
        ) from None

    def blob(relative: str, limit: int) -> bytes:
        return _git(repo, "cat-file", "blob", f"{rev}:{relative}", limit=limit)

    display = f"git:{rev}:{path}"
    try:
        data = blob(path, MAX_BYTES)
    except _GitTooBig:
        raise GitError(
            f"{shown_spec}: {_shown(path)} at {_shown(rev)} is larger than {MAX_BYTES // 2**20} MiB"
        ) from None
    except GitError:
        raise GitError(
            f"{shown_spec}: {_shown(path)} does not exist at revision {_shown(rev)}"
        ) from None
    base = posixpath.dirname(path)

    def read_source(relative: str) -> bytes:
        target = posixpath.normpath(posixpath.join(base, relative))
        if target.startswith("../") or target == ".." or posixpath.isabs(target):
            raise ReadError("missing", "file not found", "outside the repository")
        try:
            return blob(target, MAX_SOURCE_BYTES)
        except _GitTooBig:
            raise ReadError("too big", f"is larger than {MAX_SOURCE_BYTES // 2**20} MiB") from None
        except GitError:
            raise ReadError("missing", "file not found", "not in this revision") from None

    reader = skipping_missing(read_source, missing) if missing is not None else read_source
    return load_bytes(data, display, reader)


def _shown(text: str) -> str:
    return visible(brief(text), multiline=False)


def load_side(spec: str, other: str | None = None, missing: list[str] | None = None) -> LoadResult:
    """Load OLD or NEW: a path, or `git:REV[:PATH]` (GitError for git problems). With
    `missing`, sources that are not there are listed in it, not errors (`summit diff`)."""
    if parse_git_spec(spec) is not None:
        return load_git(spec, other, missing=missing)
    return load_uncached(Path(spec), spec, missing=missing)
