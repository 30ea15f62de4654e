"""The article view of the source viewer: an archived article with every quoted passage
highlighted, a selection, and a gutter marking the selection and the uncited sentences.

The article is laid out by `tui.app.passages.wrap_spans` and drawn line by line (Textual's
line API), so the line of each passage is known exactly: scrolling it into view
is arithmetic, not a guess, and long articles cost only the visible lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.passages import line_of, wrap_spans

_SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}


GUTTER = 2
"""Cells left of the text for a line's mark."""
SELECTION_BAR = "┃"
"""Beside every line of the selection: seen without colour."""
UNCITED_MARK = "·"
"""Beside every line holding a sentence that no position cites."""


class ArticleView(ScrollView, can_focus=True):
    """A long text, word-wrapped to the view, with highlighted passages and a selection.

    `text` must already be safe to show; `spans` (the quoted passages) and `uncited`
    (sentences no position cites) are (start, end) offsets in it. A gutter marks the
    lines of the selection and the lines holding uncited sentences.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article--passage", "article--current"}

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: scroll;
        padding: 0 1;
    }
    ArticleView > .article--passage {
        background: $warning 30%;
        text-style: underline;
    }
    ArticleView > .article--current {
        text-style: bold reverse;
    }
    """

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        uncited: list[tuple[int, int]] | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._spans = spans
        self._uncited = uncited or []
        self._uncited_lines: set[int] = set()
        self._current: int | None = None
        self._selection: tuple[int, int] | None = None
        self._width = 0
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._on_line: dict[int, list[int]] = {}
        self._cache: dict[int, Strip] = {}
        self._pending_scroll = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Lines are wrapped to the view: horizontal scrolling would do nothing, so hide it.
        return action not in _SIDEWAYS

    @property
    def current(self) -> int | None:
        """Index in `spans` of the passage drawn as the selected one."""
        return self._current

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected stretch of `text` (start, end), drawn reversed with a gutter bar."""
        return self._selection

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def offset_at_top(self) -> int:
        """Where in the text the first line in view starts (0 before the first layout)."""
        if not self._lines:
            return 0
        return self._lines[min(round(self.scroll_y), len(self._lines) - 1)][0]

    def passage_line(self, index: int) -> int:
        """The wrapped line on which passage `index` starts (0 before the first layout)."""
        if not self._lines:
            return 0
        return line_of(self._lines, self._starts, self._spans[index][0])

    def show(self, index: int | None) -> None:
        """Select passage `index` and scroll it into view."""
        self.select(self._spans[index] if index is not None else None, index)

    def select(self, span: tuple[int, int] | None, passage: int | None = None) -> None:
        """Select `span` of the text (`passage`: the quoted passage it is, if any) and
        scroll it into view."""
        self._current = passage
        self._selection = span
        self._cache.clear()
        self.refresh()
        self._pending_scroll = True
        if self._lines:
            self._scroll_to_current()

    def _line_range(self, start: int, end: int) -> range:
        """The wrapped lines that [start, end) of the text lies on."""
        first = line_of(self._lines, self._starts, start)
        last = line_of(self._lines, self._starts, max(start, end - 1))
        return range(first, last + 1)

    def _scroll_to_current(self) -> None:
        self._pending_scroll = False
        if self._selection is None:
            return
        lines = self._line_range(*self._selection)
        first, last = lines[0], lines[-1]
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if top <= first and last < top + height:
            return
        # A third of the way down: the passage, with some of what leads up to it.
        target = first - height // 3 if last - first < height * 2 // 3 else first
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def _relayout(self, width: int) -> None:
        self._width = width
        self._lines = wrap_spans(self._text, max(1, width - GUTTER))
        self._starts = [start for start, _ in self._lines]
        on_line: dict[int, list[int]] = {}
        for index, (start, end) in enumerate(self._spans):
            for line in self._line_range(start, end):
                on_line.setdefault(line, []).append(index)
        self._on_line = on_line
        self._uncited_lines = {
            line for start, end in self._uncited for line in self._line_range(start, end)
        }
        self._cache.clear()
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._width:
            self._relayout(width)
            self._pending_scroll = self._pending_scroll or self._selection is not None
        if self._pending_scroll and self._lines:
            self._scroll_to_current()

    def notify_style_update(self) -> None:
        # Theme or CSS changed: the cached lines carry the old colours.
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_text_line(index)
            self._cache[index] = strip
        return strip.crop_extend(0, width, base)

    def _render_text_line(self, index: int) -> Strip:
        start, end = self._lines[index]
        selection = self._selection
        selected = selection is not None and index in self._line_range(*selection)
        if selected:
            mark = SELECTION_BAR
        else:
            mark = UNCITED_MARK if index in self._uncited_lines else " "
        line = Text(mark.ljust(GUTTER), no_wrap=True, end="")
        line.append(self._text[start:end])
        line.stylize(self.rich_style)
        passage = self.get_component_rich_style("article--passage")
        for k in self._on_line.get(index, []):
            s, e = self._spans[k]
            line.stylize(passage, GUTTER + max(s, start) - start, GUTTER + min(e, end) - start)
        if selected and selection is not None:
            # Last, so the selection wins over the passages it overlaps.
            current = self.get_component_rich_style("article--current")
            s, e = selection
            line.stylize(current, GUTTER + max(s, start) - start, GUTTER + min(e, end) - start)
        return Strip(list(line.render(self.app.console)), line.cell_len)
