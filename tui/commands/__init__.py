"""One module per subcommand, each `run(args) -> exit code`: resolve the file, load it,
compute, render with `tui.report`, write with `tui.console`.

Only `tui.cli` imports these; they import nothing above themselves.
"""
