"""The patterns of the format that more than the schema needs: ids (the loader's checks,
`summit add-source`), dates and non-blank text.

Plain strings, no pydantic: a module that only needs to know what an id looks like must
not pay for the schema's import.
"""

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

WHITESPACE = (
    r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a"
    r"\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""The characters a blank text consists of, as a regex character-class body.

The union of what Python's `str.isspace` and JavaScript's `\\s` call whitespace (Python
adds U+001C-U+001F and U+0085, JavaScript adds U+FEFF). Spelled out code point by code
point, never as `\\s`: the schema's regex runs in JavaScript in editors and in Python's `re`
in jsonschema, and the two disagree on those characters; written out, the model, every
editor and every validator draw the line at the same characters.
"""
NOT_BLANK_PATTERN = f"[^{WHITESPACE}]"
"""Matches text that is not blank: the schema's `pattern` for every text field."""
