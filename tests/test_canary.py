"""No code runs from record data: every shsv command, over a repository full of
payloads that would run a command if anything loaded or rendered them unsafely,
never creates the canary file.

The commands are taken from the Typer group, so a command added later is covered
without touching this test; its arguments and options are filled in from what the
command declares (choices, flags, formats named in its help, an output path).
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from shsv import cache, dates
from shsv.cli import app
from shsv.yamlread import Document, read

KINDS = ("councils", "reports", "decisions", "milestones", "meetings")
FORMATS = ("text", "json", "github", "table", "markdown", "md", "html", "ics", "csv")


def yaml_payloads(canary: Path) -> list[str]:
    """Record files that run ``touch CANARY`` if a loader honours their tags."""
    touch = f"touch {canary}"
    return [
        f"id: x\nname: !!python/object/apply:os.system ['{touch}']\n",
        f"!!python/object/apply:os.system ['{touch}']\n",
        f"--- !!python/object/apply:os.system ['{touch}']\n",
        f"id: x\nname: !!python/object/new:os.system ['{touch}']\n",
        f"id: x\nname: !!python/object/apply:subprocess.call [[touch, '{canary}']]\n",
        f"id: x\nname: !!python/object/apply:builtins.exec [\"open('{canary}', 'w')\"]\n",
        f"id: x\nname: !!python/object/apply:builtins.eval [\"open('{canary}', 'w')\"]\n",
        "id: x\nname: !!python/name:os.system\n",
        "id: x\nname: !!python/module:os\n",
        f"id: x\n? !!python/object/apply:os.system ['{touch}']\n: x\n",
        f"id: x\nlist:\n  - !!python/object/apply:os.system ['{touch}']\n",
        f"%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nid: !p!os.system ['{touch}']\n",
        f"id: !<tag:yaml.org,2002:python/object/apply:os.system> ['{touch}']\n",
        f"id: x\nname: !!python/object:os.system {{args: ['{touch}']}}\n",
        f"id: x\nname: !ruby/object:Gem::Installer\n  i: '{touch}'\n",
        f"id: x\nname: &a !!python/object/apply:os.system ['{touch}']\nother: *a\n",
    ]


def text_payloads(canary: Path) -> list[str]:
    """Text that runs code if a template ever renders data as template source."""
    return [
        f"{{{{ cycler.__init__.__globals__.os.system('touch {canary}') }}}}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}} {{% print('touch {canary}') %}}",
        "{% for x in range(10**9) %}{% endfor %}",
        f"${{__import__('os').system('touch {canary}')}}",
        "<script>document.title='x'</script> <img src=x onerror=alert(1)>",
        "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)",
        "&lt;script&gt; &#x3C;script&#x3E; <!-- comment --> ]]>",
    ]


def _inject(value: Any, payloads: Iterator[str]) -> Any:
    """Append a payload to every piece of prose (text with spaces, not a date)."""
    if isinstance(value, dict):
        return {k: _inject(v, payloads) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, payloads) for v in value]
    if isinstance(value, str) and " " in value and len(value) > 25:
        return f"{value} {next(payloads)}"
    return value


def _plain(path: Path) -> Any:
    """A record's data as shsv reads it (YAML 1.2: dates stay text)."""
    doc = read(path.read_bytes())
    assert isinstance(doc, Document), path
    return doc.data


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("canary")
    canary = base / "CANARY"
    root = base / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    payloads = _cycle(text_payloads(canary))
    for path in sorted((root / "data").rglob("*.yaml")):
        data = _plain(path)
        text = yaml.safe_dump(_inject(data, payloads), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    for kind in KINDS:
        for i, payload in enumerate(yaml_payloads(canary)):
            (root / "data" / kind / f"payload-{i}.yaml").write_text(payload, encoding="utf-8")
    _plant_cache(root, canary)
    return root, canary


class _Touch:
    """Unpickling this runs ``touch CANARY``."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.canary}",))


def _plant_cache(root: Path, canary: Path) -> None:
    """A validation cache committed with the repository: a pickle that runs code,
    unsigned and with a forged signature. shsv must never unpickle it."""
    folder = root / cache.FOLDER
    folder.mkdir()
    payload = pickle.dumps(_Touch(canary))
    (folder / cache.NAME).write_bytes(bytes(64) + payload)
    (folder / "forged.bin").write_bytes(payload)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _far_dates(value: Any, days: Iterator[str]) -> Any:
    """Every exact day moved to the first or the last day a record may name."""
    if isinstance(value, dict):
        return {k: _far_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_far_dates(v, days) for v in value]
    if isinstance(value, str) and _DAY.fullmatch(value):
        return next(days)
    return value


@pytest.fixture(scope="module")
def far_dates_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("far") / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    first, last = dates.FIRST_YEAR, dates.LAST_YEAR
    days = _cycle([f"{last}-12-31", f"{first}-01-01", f"{last}-12-30"])
    for path in sorted((root / "data").rglob("*.yaml")):
        data = _plain(path)
        text = yaml.safe_dump(_far_dates(data, days), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    return root


def _ids(root: Path) -> list[str]:
    return [p.stem for k in ("reports", "decisions") for p in sorted((root / "data" / k).glob("*"))]


def invocations(command: Any, root: Path, out: Path) -> Iterator[list[str]]:
    """Argument lists that reach as much of the command as its parameters allow.

    (Typer vendors its own click, so parameters are recognised by what they say.)"""
    base: list[str] = []
    variants: list[list[str]] = []
    for param in command.params:
        choices = getattr(getattr(param, "type", None), "choices", None)
        if param.param_type_name == "argument":
            values = [str(c) for c in choices] if choices else _argument_values(root)
            base += [values[0]] if param.required else []
            variants += [[value] for value in values]
        elif param.param_type_name == "option" and param.name not in {"help", "version"}:
            name = param.opts[0]
            if param.name == "root":
                base += [name, str(root)]
            elif param.is_flag:
                variants.append([name])
            elif choices:
                variants += [[name, str(choice)] for choice in choices]
            elif param.name == "format":
                named = set(re.findall(r"[a-z]+", param.help or "")) & set(FORMATS)
                variants += [[name, value] for value in sorted(named)]
            elif param.name == "output":
                variants.append([name, str(out / "paper")])
            elif param.name == "as_of":
                variants.append([name, "2012-06-01"])
    yield base
    for variant in variants:
        yield base + variant


def _argument_values(root: Path) -> list[str]:
    return [*_ids(root)[:3], *KINDS, str(root / "data"), "D404", "no-such-id"]


def test_no_command_runs_code_from_the_records(
    hostile_repo: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, canary = hostile_repo
    monkeypatch.chdir(tmp_path)  # a relative "touch CANARY" would land here
    # The validation cache on, as for a user (the tests otherwise run without it),
    # with this run's own signing key.
    monkeypatch.delenv("SHSV_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    group: Any = typer.main.get_group(app)
    ran: dict[str, int] = {}
    for name, command in sorted(group.commands.items()):
        for args in invocations(command, root, out):
            result = runner.invoke(app, [name, *args])
            where = f"shsv {name} {' '.join(args)}"
            assert not canary.exists(), f"code ran: {where}"
            assert not (tmp_path / "CANARY").exists(), f"code ran: {where}"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{where}: {result.exception!r}"
            )
            assert result.exit_code in (0, 1, 2), where
            ran[name] = ran.get(name, 0) + 1
    assert {"validate", "list", "rules", "fmt"} <= set(ran), ran
    assert sum(ran.values()) >= 20, ran


def test_the_payload_repository_is_mostly_valid(hostile_repo: tuple[Path, Path]) -> None:
    """The prose payloads sit in valid records, so commands that need valid records
    (papers, exports) do render them; only the tagged payload files are refused."""
    root, _ = hostile_repo
    arguments = ["validate", "--root", str(root), "--format", "json", "--no-cache"]
    result = CliRunner().invoke(app, arguments)

    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert found and all(Path(d["path"]).name.startswith("payload-") for d in found), [
        d for d in found if not Path(d["path"]).name.startswith("payload-")
    ][:3]
    assert {d["code"] for d in found} <= {"Y101", "Y105", "Y106", "Y107", "Y114"}


def test_no_command_crashes_on_dates_at_the_ends_of_the_calendar(
    far_dates_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dates at the ends of the years a record may name leave room on either side, so
    papers, timelines (an ICS event ends the day after) and exports never overflow."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    group: Any = typer.main.get_group(app)
    for name, command in sorted(group.commands.items()):
        for args in invocations(command, far_dates_repo, out):
            result = runner.invoke(app, [name, *args])
            where = f"shsv {name} {' '.join(args)}"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{where}: {result.exception!r}"
            )
