"""CLI conventions: version, completion, typo suggestions, plain output, lazy imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from shsv.cli import app

SHSV = Path(sys.executable).parent / "shsv"
MINIMAL = str(TESTS / "cases" / "valid" / "minimal")


def test_a_mistyped_command_suggests_the_nearest_one() -> None:
    result = CliRunner().invoke(app, ["valdiate", "--root", MINIMAL])
    assert result.exit_code == 2
    assert "no such command 'valdiate'; did you mean validate?" in result.stderr
    result = CliRunner().invoke(app, ["sheep"])
    assert result.exit_code == 2
    assert "No such command 'sheep'" in result.stderr and "did you mean" not in result.stderr


def test_a_mistyped_option_suggests_the_nearest_one() -> None:
    result = CliRunner().invoke(app, ["validate", "--fromat", "json"])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_shell_completion_script_and_completions() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="shsv")
    assert result.exit_code == 0
    assert "complete -o default -F _shsv_completion shsv" in result.stdout
    env = {
        **os.environ,
        "_SHSV_COMPLETE": "complete_bash",
        "COMP_WORDS": "shsv val",
        "COMP_CWORD": "1",
    }
    done = subprocess.run([SHSV], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["validate"]


def test_output_is_plain_in_a_pipe_and_under_no_color() -> None:
    for env in ({"NO_COLOR": "1"}, {}):
        done = subprocess.run(
            [SHSV, "validate", "--root", MINIMAL],
            env={**os.environ, "GITHUB_ACTIONS": "", **env},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stdout == "✓ no problems (4 files, 4 records checked)\n"
        assert "\x1b[" not in done.stdout + done.stderr


def test_help_imports_nothing_heavy() -> None:
    heavy = ("pydantic", "ruamel", "yaml", "jinja2", "sqlite_utils", "rich.console")
    code = (
        "import sys; from shsv.cli import app; "
        "from typer.main import get_command; get_command(app); "
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_clean_validate_in_a_pipe_loads_neither_rich_nor_pyyaml(tmp_path: Path) -> None:
    """Plain text needs no rich, and a clean repository no exact reader: importing them
    cost 10 and 11 ms, together an eighth of a small run. The cache is on, so its
    fingerprint is taken too."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    code = (
        "import sys; from shsv.cli import app\n"
        "for run in (1, 2):  # the cache written, then read\n"
        "    try:\n"
        f"        app(['validate', '--root', {str(root)!r}])\n"
        "    except SystemExit as done:\n"
        "        print(done.code)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml')))\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", "CI": "", "SHSV_NO_CACHE": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    clean = "✓ no problems (4 files, 4 records checked)"
    assert done.stdout.splitlines() == [clean, "0", clean, "0", "[]"]
    assert (root / ".shsv-cache" / "validate.bin").is_file()


def test_a_run_that_reads_no_file_does_not_load_re2(tmp_path: Path) -> None:
    """The one pass (shsv.prescan) is compiled when a file is first read: a run with
    nothing changed since the cache skips loading RE2 and compiling it (6 ms)."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    code = (
        "import sys; from shsv.cli import app\n"
        "try:\n"
        f"    app(['validate', '--root', {str(root)!r}])\n"
        "except SystemExit as done:\n"
        "    print(done.code)\n"
        "print('re2' in sys.modules)\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", "CI": "", "SHSV_NO_CACHE": ""}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout.splitlines()[-2:]
        for _ in range(2)
    ]
    first, warm = runs
    assert warm == ["0", "False"]
    assert first[0] == "0"
