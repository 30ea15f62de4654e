"""`summit add-source FILE`: archive an article into the project's seeds/ and write
its `sources:` stanza: printed to paste, or with --append added to positions.yaml.

The stanza says only what the file says: the site name, title and publication day the
page states (a missing one is named as missing, never guessed), and where each value
came from when that is not obvious. trafilatura is imported only when a web page is
read (tui.authoring.archive.extract_html), and ruamel.yaml only when positions.yaml is read
(tui.authoring.yamledit): `summit check` and the dashboard never import either.
"""

from __future__ import annotations

import argparse
import os
import shlex
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tui.report.console import EXIT_OK, error, fail_at, write
from tui.safe import quoted

if TYPE_CHECKING:
    from tui.authoring.archive import ExtractedPage
    from tui.authoring.yamledit import Entry

POSITIONS = "positions.yaml"
SEEDS = "seeds"
OPENING_WORDS = 12
"""A title made of the opening words of a text without a headline takes this many."""


def run(args: argparse.Namespace) -> int:
    from tui.authoring.archive import ArchiveError, is_id, read_article
    from tui.authoring.yamledit import EditError, append_source, read_sources

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
    if source_id in block.ids:
        return fail_at(
            shown_positions,
            f"source id {quoted(source_id)} is already defined; choose another with --id",
            block.ids[source_id],
        )

    relative = f"{SEEDS}/{source_id}.txt"
    target = project / SEEDS / f"{source_id}.txt"
    shown_target = os.path.normpath(os.path.join(args.project, SEEDS, f"{source_id}.txt"))
    seeds = project / SEEDS
    made_seeds = not seeds.exists()
    try:
        seeds.mkdir(exist_ok=True)
        _write_new(target, article.data)
    except FileExistsError:
        return fail_at(
            shown_target,
            "already exists; an archived article is never overwritten: choose another id with --id",
        )
    except OSError as exc:
        return fail_at(shown_target, f"cannot write the archived article: {exc.strerror or exc}")

    entry = stanza(article, source_id, relative)
    what = "web page" if article.kind == "html" else "text"
    if args.append:
        try:
            append_source(block, entry)
        except EditError as exc:
            # Ours, written a moment ago: undone with the failed edit.
            target.unlink()
            if made_seeds:
                with suppress(OSError):
                    seeds.rmdir()
            return fail_at(shown_positions, exc.message, exc.line, exc.col)
        error(
            f"Archived the {what} {quoted(args.file)} as {quoted(shown_target)} and added "
            f"source {quoted(source_id)} to {quoted(shown_positions)}."
        )
    else:
        write("\n".join(entry.lines(block.indent, block.step)) + "\n")
        error(
            f"Archived the {what} {quoted(args.file)} as {quoted(shown_target)}. Paste the "
            f"stanza above under `sources:` in {quoted(shown_positions)} (or use --append)."
        )
    if article.published is None:
        error(undated_hint(what))
    return EXIT_OK


def undated_hint(what: str) -> str:
    """What the curator must still write when the article states no date.

    `published` is required, so the stanza is not valid until they do; it is never
    filled in for them. The date must also be marked `inferred`, and an inferred date
    needs a `note` saying how.
    """
    return (
        f"No publication date: the {what} states none. You must fill in `published:` and "
        "`published_basis: inferred` (see the commented lines in the stanza): work the day "
        "out from the text and say how in `note`. Until then `summit check` reports "
        "`published` missing."
    )


def _write_new(target: Path, data: bytes) -> None:
    """Create `target` with `data`; never replace a file (FileExistsError)."""
    with open(target, "xb") as handle:
        try:
            handle.write(data)
        except BaseException:
            handle.close()
            target.unlink()  # a partial archive would pass for the article
            raise


def default_id(article: ExtractedPage, path: Path) -> str:
    """A slug of the page's title, else of the file name."""
    from tui.authoring.archive import slug

    if article.kind == "html" and article.title:
        made = slug(article.title)
        if made:
            return made
    return slug(path.stem)


def stanza(article: ExtractedPage, source_id: str, file: str) -> Entry:
    """The source's stanza: only what the article states, and notes on what it does not."""
    from tui.authoring.archive import MAX_TITLE_LINE
    from tui.authoring.yamledit import Entry

    html = article.kind == "html"
    notes: list[str] = []
    comments: list[str] = []
    fields: list[tuple[str, str]] = []

    if article.site_name:
        outlet = article.site_name
    elif html:
        outlet = "Unknown (the saved page names no site)"
    else:
        outlet = "Unknown (a plain-text file names no site)"
    fields.append(("outlet", outlet))

    if html:
        title = article.title or "Unknown (the saved page has no title)"
    elif len(first := article.title or "") <= MAX_TITLE_LINE:
        title = first
        notes.append("The title is the first line of the archived text.")
    else:
        title = "(no headline; opening words) " + " ".join(first.split()[:OPENING_WORDS])
        notes.append("The text has no headline line; the title is its opening words.")
    fields.append(("title", title))

    if article.published is not None:
        fields.append(("published", article.published.isoformat()))
        fields.append(("published_basis", "stated"))
    else:
        notes.append(
            "The saved page states no publication date in its markup."
            if html
            else "A plain-text file carries no publication date."
        )
        comments.append("published: YYYY-MM-DD   <- not stated: work it out from the text")
        comments.append("published_basis: inferred")

    fields.append(("file", file))
    if article.url:
        fields.append(("url", article.url))
    if notes:
        fields.append(("note", " ".join(notes)))
    return Entry(source_id, fields, comments)
