"""What writes for the curator: an article archived into seeds/ (`archive`), a source
stanza spliced into positions.yaml (`yamledit`), an evidence item to paste for a passage
(`citing`), a new position to paste (`position_template`)."""
