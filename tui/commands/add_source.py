"""`summit add-source FILE`: archive an article into the project's seeds/ and write
its `sources:` stanza: printed to paste, or with --append added to positions.yaml.

The stanza (tui.authoring.stanza) says only what the file says: the site name, title and
publication day the page states (a missing one is named as missing, never guessed), and
where each value came from when that is not obvious. trafilatura is imported only when a
web page is read (tui.authoring.archive.extract_html): `summit check` and the dashboard
never import it. positions.yaml is read as `summit check` reads it (tui.authoring.yamledit).
"""

from __future__ import annotations

import argparse
import os
import shlex
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tui.authoring.new_project import POSITIONS, SEEDS
from tui.loader.files import ReadError, confined, real
from tui.report.console import EXIT_OK, OutputError, error, fail_at, write
from tui.safe import quoted

if TYPE_CHECKING:
    from tui.authoring.same_article import SameArticle


def run(args: argparse.Namespace) -> int:
    from tui.authoring.archive import (
        ArchiveError,
        is_id,
        is_web_address,
        read_article,
        write_archive,
    )
    from tui.authoring.same_article import find_same, holds
    from tui.authoring.stanza import default_id, no_outlet_hint, stanza, undated_hint
    from tui.authoring.yamledit import EditError, append_source, read_sources

    if is_web_address(args.file) and not os.path.lexists(args.file):
        return fail_at(
            args.file,
            "is a web address: summit never fetches pages. Save the page first (in the "
            "browser: Save Page As, 'Web Page, HTML only', once it has loaded) and give "
            "the saved file",
        )
    project = Path(args.project)
    positions = project / POSITIONS
    shown_positions = os.path.normpath(os.path.join(args.project, POSITIONS))
    if not positions.is_file():
        return fail_at(
            shown_positions,
            f"no {POSITIONS} in this folder; create a project with `summit init "
            f"{shlex.quote(args.project)}`, or name its folder with --project",
        )
    try:
        block = read_sources(positions)
    except EditError as exc:
        return fail_at(shown_positions, exc.message, exc.line, exc.col)
    try:  # where `summit check` reads sources: inside the project (the loader's check)
        confined(real(project), project / SEEDS)
    except ReadError:
        return fail_at(
            os.path.normpath(os.path.join(args.project, SEEDS)),
            "leads (through a symbolic link) outside the project folder, where `summit "
            "check` would not read the article; make seeds/ a folder of the project",
        )

    try:
        article = read_article(Path(args.file))
    except ArchiveError as exc:
        return fail_at(args.file, exc.message, exc.line, exc.col)

    made = args.id is None
    source_id = default_id(article, Path(args.file)) if made else args.id
    if made and not source_id:
        return fail_at(
            args.file,
            "cannot make a source id from the title or the file name; name one with --id",
        )
    if not is_id(source_id):
        what = "the id made from the title or file name," if made else "--id"
        return fail_at(
            args.file,
            f"{what} {quoted(source_id)} is not an id: it must start with a lowercase "
            "letter or digit and hold only lowercase letters, digits, '-' or '_'"
            + ("; name one with --id" if made else ""),
        )
    relative = f"{SEEDS}/{source_id}.txt"
    sources = block.data.get("sources") if isinstance(block.data, dict) else None
    same = find_same(
        project, sources if isinstance(sources, dict) else {}, article.data, article.url
    )
    if same is not None and not args.allow_duplicate:
        refusal = _duplicate(same, relative, args.file)
        if refusal is not None and same.source_id is None:
            return fail_at(os.path.normpath(os.path.join(args.project, same.file)), refusal)
        if refusal is not None and same.source_id is not None:
            return fail_at(shown_positions, refusal, *block.ids.get(same.source_id, (1, 1)))
    if source_id in block.ids:
        return fail_at(
            shown_positions,
            f"source id {quoted(source_id)} is already defined; choose another with --id",
            *block.ids[source_id],
        )
    if same is not None and args.allow_duplicate and holds(project, same.file, article.data):
        relative = same.file  # the very same text: one archive, cited under two ids
    target = project / relative
    shown_target = os.path.normpath(os.path.join(args.project, relative))
    seeds = project / SEEDS
    made_seeds = not seeds.exists()
    wrote = False
    try:
        seeds.mkdir(exist_ok=True)
        write_archive(target, article.data)
        wrote = True
    except FileExistsError:
        # A preview (add-source without --append) archived this very text: use it as it is.
        if not holds(project, relative, article.data):
            return fail_at(
                shown_target,
                "already exists and holds another text; an archived article is never "
                "overwritten: choose another id with --id",
            )
    except OSError as exc:
        return fail_at(shown_target, f"cannot write the archived article: {exc.strerror or exc}")

    entry = stanza(article, source_id, relative)
    what = "web page" if article.kind == "html" else "text"
    if wrote:
        archived = f"Archived the {what} {quoted(args.file)} as {quoted(shown_target)}"
    else:
        archived = (
            f"The {what} {quoted(args.file)} is already archived, with the same text, as "
            f"{quoted(shown_target)} (kept as it was)"
        )
    if args.append:
        try:
            append_source(block, entry)
        except EditError as exc:
            if wrote:  # ours, written a moment ago: undone with the failed edit
                _unarchive(target, made_seeds)
            return fail_at(shown_positions, exc.message, exc.line, exc.col)
        error(f"{archived}; added source {quoted(source_id)} to {quoted(shown_positions)}.")
    else:
        try:
            write("\n".join(entry.lines(block.indent, block.step)) + "\n")
        except (OutputError, BrokenPipeError) as exc:
            if wrote:  # the stanza is lost: the archive made for it goes too
                _unarchive(target, made_seeds)
            if isinstance(exc, BrokenPipeError):  # for once an error: the stanza was wanted
                raise OutputError("stdout", "its reader left before the stanza") from None
            raise
        error(
            f"{archived}. Paste the stanza above under `sources:` in "
            f"{quoted(shown_positions)}, or run the same command with --append."
        )
    if article.site_name is None:
        error(no_outlet_hint(what))
    if article.published is None:
        error(undated_hint(what))
    return EXIT_OK


def _duplicate(same: SameArticle, relative: str, file: str) -> str | None:
    """Why adding the article again is refused (naming where it already is), or None
    when the archive found is the one this command would write (a preview's)."""
    again = "; to add it again on purpose, use --allow-duplicate"
    if same.source_id is None:
        if os.path.normpath(same.file) == os.path.normpath(relative):
            return None
        stem = Path(same.file).stem
        return (
            f"this article is already archived as {quoted(same.file)}, which no source "
            f"names yet; add it with `summit add-source {shlex.quote(file)} --id {stem} "
            f"--append`" + again
        )
    return (
        f"this article is already source {quoted(same.source_id)} ({same.why}; archived as "
        f"{quoted(same.file)}); cite it under that id" + again
    )


def _unarchive(target: Path, made_seeds: bool) -> None:
    """Remove the article archived a moment ago (and seeds/, if this run made it): the
    command does all of its work or none of it, so that running it again can succeed."""
    target.unlink()
    if made_seeds:
        with suppress(OSError):
            target.parent.rmdir()
