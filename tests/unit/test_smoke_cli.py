"""The `summit check` entry point on a minimal valid file."""

from pathlib import Path

from tests.helpers import summit


def test_check_valid_file_exits_zero(write_file) -> None:
    path: Path = write_file()
    proc = summit("check", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"{path}: valid\n"


def test_check_help_says_the_report_goes_to_standard_error(write_file) -> None:
    """The help says where the report goes, and it goes there: stdout stays empty."""
    proc = summit("check", "--help")
    assert proc.returncode == 0
    assert "standard error" in " ".join(proc.stdout.split())
    path: Path = write_file()
    path.write_text(path.read_text().replace("stance: supports", "stance: maybe"))
    proc = summit("check", str(path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines()[-1].startswith(f"{path}: invalid")
