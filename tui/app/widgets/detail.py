"""The detail pane: the selected position in full, with every quote and its source.

Drawn line by line (Textual's line API), not as a `Static` in a scrolling container:
a new text there changes the `Static`'s height, and every height change is a layout
of the whole screen and two more frames (the layout, then its scrollbar), about 30 ms
of each cursor move at 10,000 positions. Here a new text is wrapped once, the
scroll range set directly and only this pane repainted; a layout is asked for only
when the scrollbar appears or goes. The lines are Textual's own rendering of the
text (`visualize` and `Visual.to_strips`, as a `Static` draws), so the pane looks
the same; `render()` still returns the text, which Textual reads to copy a mouse
selection (not covered by a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.selection import Selection

    from tui.app.grid import Grid


class Detail(ScrollView, can_focus=True):
    """Shows `tui.report.render.position_detail` for the cell under the cursor."""

    DEFAULT_CSS = """
    Detail {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    QUOTE_NOTE = " · enter: its article · c: copy its citation · , .: other quotes"
    """After the selected quote's mark: what can be done with it, and how to choose another."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text("Loading…", style="dim")
        self._anchor: str | None = None
        """Scroll to the line that starts with this once the pane has a size."""
        self._wrapped: dict[int, list[Strip]] = {}
        """The text's lines by width (the width of the last fit, and the other one tried)."""
        self._width = 0
        """The width the text is wrapped to (0: not fitted yet)."""
        self._shown = 0
        """Texts shown so far: a wrap scheduled for an older one is dropped."""

    @property
    def text(self) -> Text:
        """The text shown (all of it, not only the lines in view)."""
        return self._text

    def render(self) -> Text:
        # Not drawn (render_line is), but Textual reads it to copy a mouse selection.
        return self._text

    def _set(self, text: Text, anchor: str | None = None) -> None:
        """Show `text`, scrolled to the line that starts with `anchor` (else to the top)."""
        self._text = text
        self._wrapped.clear()
        self._anchor = anchor
        self._shown += 1
        # Wrapped after the next frame: a cursor move paints the matrix first, without
        # waiting for this text (`text` is already the new one).
        self.call_after_refresh(self._show_wrapped, self._shown)

    def _show_wrapped(self, shown: int) -> None:
        if shown != self._shown or not self.container_size:
            return  # another text came since, or no size yet (on_resize fits it)
        self._fit()
        self._scroll_to_anchor()
        self.refresh()

    def _wrap(self, width: int) -> list[Strip]:
        """The text's lines at `width`, as a `Static` of that width draws them."""
        lines = self._wrapped.get(width)
        if lines is None:
            visual = visualize(self, self._text, markup=False)
            lines = Visual.to_strips(self, visual, width, None, self.visual_style)
            self._wrapped[width] = lines
        return lines

    def _fit(self) -> None:
        """Wrap the text to the pane and set the scroll range, without a layout unless
        the vertical scrollbar has to appear or go (which changes the pane's width).

        The text is wrapped once in the usual case: at the width the scrollbar leaves
        now; a second time only if the scrollbar has to appear or go."""
        width, height = self.container_size
        overflow = self.styles.overflow_y
        bar_size = self.styles.scrollbar_size_vertical if overflow != "hidden" else 0
        narrow = max(1, width - bar_size)
        if overflow == "scroll":
            bar = True
        elif self.show_vertical_scrollbar:
            # Wider lines are never more: if the text overflows with the bar, it needs it.
            bar = len(self._wrap(narrow)) > height
        else:
            bar = len(self._wrap(width)) > height
        self._width = narrow if bar else width
        size = Size(self._width, len(self._wrap(self._width)))
        if size == self.virtual_size:
            return
        if bar != self.show_vertical_scrollbar:
            self.virtual_size = size  # a layout: the scrollbar appears or goes
            return
        self.set_reactive(Widget.virtual_size, size)
        if bar:
            scrollbar = self.vertical_scrollbar
            scrollbar.window_virtual_size = size.height
            scrollbar.window_size = height

    def _scroll_to_anchor(self) -> None:
        """Scroll so the line that starts with the anchor is at the top (else the top)."""
        anchor, text = self._anchor, self._text
        self._anchor = None
        found = text.plain.find("\n" + anchor) if anchor else -1
        rows = 0
        if found >= 0:
            rows = max(0, len(text[: found + 1].wrap(self.app.console, max(1, self._width))) - 1)
        self.scroll_to(y=rows, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.container_size:
            self._wrapped.clear()
            self._fit()
            if self._anchor is not None:
                self._scroll_to_anchor()
            # Lines drawn since the new size came were wrapped at the old width.
            self.refresh()

    # The arrows and page keys scroll this pane while it has focus, and never fall
    # through to the grid's cursor keys when there is nothing to scroll (Textual's
    # own actions skip then, and the screen would move the cursor instead).

    def action_scroll_up(self) -> None:
        if self.allow_vertical_scroll:
            super().action_scroll_up()

    def action_scroll_down(self) -> None:
        if self.allow_vertical_scroll:
            super().action_scroll_down()

    def action_scroll_left(self) -> None:
        if self.allow_horizontal_scroll:
            super().action_scroll_left()

    def action_scroll_right(self) -> None:
        if self.allow_horizontal_scroll:
            super().action_scroll_right()

    def action_scroll_home(self) -> None:
        if self.allow_vertical_scroll:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.allow_vertical_scroll:
            super().action_scroll_end()

    def action_page_up(self) -> None:
        if self.allow_vertical_scroll:
            super().action_page_up()

    def action_page_down(self) -> None:
        if self.allow_vertical_scroll:
            super().action_page_down()

    def selection_updated(self, selection: Selection | None) -> None:
        self._wrapped.clear()  # the selection is drawn into the lines
        super().selection_updated(selection)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped.clear()  # the lines carry the old colours

    def render_line(self, y: int) -> Strip:
        width = self._width or self.scrollable_content_region.width
        lines = self._wrap(width)
        index = round(self.scroll_y) + y
        if 0 <= index < len(lines):
            return lines[index]
        # Below the text, only the background (as under a `Static` in a scrolling container).
        return Strip.blank(width, Style(bgcolor=self.rich_style.bgcolor))

    def show_message(self, text: Text) -> None:
        self._set(text)

    def show_cell(
        self,
        grid: Grid | None,
        party: str | None,
        topic: str | None,
        position: int | None,
        *,
        hidden: bool = False,
        quote: int = 0,
    ) -> None:
        """The position at this cell, or why there is none; `quote` is the selected
        evidence item (marked when there is more than one)."""
        if grid is None:
            self._set(Text("No data yet.", style="dim"))
            return
        if party is None or topic is None:
            self._set(Text("Nothing selected.", style="dim"))
            return
        from tui.report.render import (
            NOT_STATED,
            SELECTED_QUOTE,
            cell_heading,
            change_lines,
            position_detail,
        )

        changes = grid.changes.get((party, topic))
        if position is not None:
            text = position_detail(
                grid.doc, grid.result, position, selected=quote, note=self.QUOTE_NOTE
            )
            if changes and grid.since is not None:
                text = changes_first(text, change_lines(grid.since, changes), grid, party, topic)
            several = len(grid.doc.positions[position].evidence) > 1
            self._set(text, f"{SELECTED_QUOTE} Quote " if several and quote > 0 else None)
            return

        out = cell_heading(grid.doc, party, topic)
        if changes and grid.since is not None:
            out.append("\n\n")
            out.append_text(change_lines(grid.since, changes))
        out.append("\n\n")
        if hidden:
            out.append("Hidden by the search (escape clears it).", style="dim italic")
        else:
            out.append(NOT_STATED[0].upper() + NOT_STATED[1:] + ".", style="dim italic")
        self._set(out)


def changes_first(detail: Text, changes: Text, grid: Grid, party: str, topic: str) -> Text:
    """`detail` (a `position_detail`) with what changed since `--since` right under its
    party and topic heading, where it is seen before any scrolling."""
    from tui.report.render import cell_heading

    cut = len(cell_heading(grid.doc, party, topic))
    out = detail[:cut]
    out.append("\n\n")
    out.append_text(changes)
    out.append_text(detail[cut:])
    return out
