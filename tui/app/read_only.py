"""The read-only dashboard's words (`summit tui --read-only`, what `summit serve` runs for
each visitor): nothing in it starts a program or writes a file on the machine that runs it.
`SummitApp(read_only=True)` refuses the editor and a screenshot in a terminal, copies to the
clipboard only and remembers no theme; its `-read-only` class makes every footer show
`FOOTER_NOTE`. (The load cache, in the user's cache folder, is written as by every command.)"""

FOOTER_NOTE = "read-only: no editing"
EDIT_REFUSED = (
    "This dashboard is read-only: the editor is off. The file is edited on the machine "
    "that serves it, and reloads here by itself."
)
COPY_ONLY = "Sent to your clipboard only: a read-only dashboard writes no file."
SCREENSHOT_REFUSED = "This dashboard is read-only: it saves no screenshot file."
SCREENSHOT_SENT = "Sent the screenshot to your browser."
"""Served, Textual delivers the palette's screenshot to the visitor's browser."""
