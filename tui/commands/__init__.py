"""One module per subcommand, each `run(args) -> exit code`: resolve the file, load it,
compute (`tui.analysis`), render with `tui.report`, write with `tui.report.console`. `init`
and `add-source` write a project instead, through `tui.authoring`.

Only `tui.cli` imports these; they import nothing above themselves.
"""
