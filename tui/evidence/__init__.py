"""Reading an article: its sentences (`sentences`), its quotations (`quotations`), a quote
found in it with typography forgiven (`source_text`), and who speaks in a quote and on
whose word a position rests (`attribution`). Pure: no I/O, no YAML, no pydantic."""
