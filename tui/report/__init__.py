"""Everything that draws or prints: the renderables the dashboard and the text snapshot
share (`render`), the one writer for the terminal (`console`), and every format the
commands print: `snapshot_text` (the Rich-drawn matrix, through `fold`), `diff_text`,
`coverage_text` (plain lines wrapped by `wrapping`), `markdown` (with its escapers) and
`json`. Report modules compute nothing: they turn what `tui.analysis` computed into text.
"""
