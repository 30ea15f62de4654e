"""What the commands compute from a load: the snapshot's numbered citations (`snapshot`),
the difference between two files (`diff`), how much of each article the quotes cite
(`coverage`), party against party (`alignment`). Compute only: `tui.report` draws and
prints the results."""
