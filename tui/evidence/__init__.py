"""Reading an article: its sentences (`sentences`), its quotations (`quotations`), a quote
found in it with typography forgiven (`source_text`), the passage most like a quote that
is not there (`closest`), and who speaks in a quote and on whose word a position rests
(`attribution`). Pure: no I/O, no YAML, no pydantic."""
