"""Summit Positions: where each party to a summit stands, with verified evidence."""

__version__ = "0.1.0"
