"""The `sources:` stanza of an archived article: only what the article states, and notes
on what it does not (a missing publication date is named as missing, never guessed).

`summit add-source` prints it to paste, or adds it to positions.yaml (tui.authoring.yamledit).
"""

from __future__ import annotations

from pathlib import Path

from tui.authoring.archive import MAX_TITLE_LINE, ExtractedPage, slug
from tui.authoring.yamledit import Entry

OPENING_WORDS = 12
"""A title made of the opening words of a text without a headline takes this many."""


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


def no_outlet_hint(what: str) -> str:
    """What the curator must still write when the article names no outlet.

    `outlet` is required, so the stanza is not valid until they do; it is never filled
    in with a guess.
    """
    return (
        f"No outlet: the {what} names none. You must fill in `outlet:` "
        "(see the commented line in the stanza) with the publisher as the article names "
        "it. Until then `summit check` reports `outlet` missing."
    )


def default_id(article: ExtractedPage, path: Path) -> str:
    """A slug of the page's title, else of the file name."""
    if article.kind == "html" and article.title:
        made = slug(article.title)
        if made:
            return made
    return slug(path.stem)


def stanza(article: ExtractedPage, source_id: str, file: str) -> Entry:
    """The source's stanza: only what the article states, and notes on what it does not."""
    html = article.kind == "html"
    notes: list[str] = []
    comments: list[str] = []
    fields: list[tuple[str, str]] = []

    if article.site_name:
        fields.append(("outlet", article.site_name))
    else:
        # Never guessed (from a handle, the domain...): the curator names it.
        notes.append(
            "The saved page names no site in its metadata."
            if html
            else "A plain-text file names no outlet."
        )
        comments.append('outlet: "..."   <- not stated: the outlet as the article names it')

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
