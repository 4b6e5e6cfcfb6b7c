"""The README documents what the code does: the codes table, and every command."""

from __future__ import annotations

import re

from conftest import ROOT
from shsv.cli import app
from shsv.rulestable import render

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_rules_table_is_the_output_of_shsv_rules() -> None:
    block = re.search(r"<!-- rules:start -->\n(.*)<!-- rules:end -->", README, re.S)
    assert block is not None
    assert block.group(1) == render("markdown")


def test_every_command_has_help_with_an_example_and_a_readme_section() -> None:
    import typer.main

    group = typer.main.get_group(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, name
        assert f"### shsv {name}" in README, f"README has no section for shsv {name}"
