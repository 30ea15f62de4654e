"""What the commands print: snapshot, diff and coverage as text, Markdown and JSON.

`text` (plain lines and the shared wrap helpers), `snapshot_text` (the Rich-drawn
matrix), `markdown` (with the escapers) and `json`. Report modules compute nothing
and write nothing: they turn the core's results into strings for `tui.commands`.
"""
