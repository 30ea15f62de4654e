"""The data model: the pydantic schema of the format (`schema`), a valid file as light
records (`records`), the one shape of every user-facing problem (`diagnostics`), and the
patterns of ids, dates and text that more than the schema needs (`patterns`).

Nothing is imported here: `tui.model.records` must not bring pydantic with it.
"""
