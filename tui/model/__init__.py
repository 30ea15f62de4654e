"""The data model: the pydantic schema of the format (`schema`), a valid file as light
records (`records`), and the one shape of every user-facing problem (`diagnostics`).

Nothing is imported here: `tui.model.records` must not bring pydantic with it.
"""
