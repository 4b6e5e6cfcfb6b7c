"""How fast is shsv at national scale? Whole-process timings on generated repositories.

    python benchmarks/run.py [--sizes 1000,3000,10000] [--repeat 3] [--slow-repeat 3]
                             [--work benchmarks/.work] [--skip yamllint,check-jsonschema]

For each size (report files) it generates a clean repository and a 1%-broken one
(kept in --work and reused), then times, as the median of --repeat whole-process
runs: PyYAML's C loader loading every file in one process (the parse floor, which
every other figure is divided by); ``shsv validate`` cold (no cache), on one process,
warm (nothing changed), after editing one file, and on the broken tree. On the largest
tree it also times yamllint (default config) and check-jsonschema (shsv's JSON Schema
for each kind), ``shsv --version`` beside ``python -c pass``, ``shsv --help`` beside a
bare Typer app with the same commands and help formatting, and ``shsv report`` (one,
and every report). Peak memory is measured on one more run of each. Last it says which
targets are met.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import inspect
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
import shsv
from measure import Figure, median, run

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable


def tool(name: str) -> str | None:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


SHSV = tool("shsv") or "shsv"

FLOOR = """
import os, sys, yaml
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
"""

CHECK_JSONSCHEMA = """
import subprocess, sys
from pathlib import Path
data, schemas, exe = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
failed = False
for schema in sorted(schemas.glob("*.json")):
    files = sorted(str(p) for p in (data / schema.stem).rglob("*.yaml"))
    if files:
        # shsv's patterns are Python regular expressions
        command = [exe, "--regex-variant", "python", "--schemafile", str(schema), *files]
        failed |= subprocess.run(command, stdout=subprocess.DEVNULL).returncode != 0
sys.exit(3 if failed else 0)  # the tree is clean: any failure means it did not really check
"""


@dataclass
class Row:
    files: int
    name: str
    figure: Figure | None
    ratio: float | None = None
    note: str = ""


@dataclass
class Target:
    what: str
    figure: str
    met: bool


def repository(work: Path, reports: int, broken: float) -> Path:
    """A generated repository, made again only when the generator has changed."""
    source = b"".join(p.read_bytes() for p in sorted(HERE.glob("*.py")) if p.name != "run.py")
    stamp = hashlib.sha256(source + f"{reports} {broken}".encode()).hexdigest()
    root = work / f"{'broken' if broken else 'clean'}-{reports}"
    marker = root / ".generated"
    if not (marker.exists() and marker.read_text() == stamp):
        print(f"  generating {root} ...", flush=True)
        generate.write(root, reports, broken)
        marker.write_text(stamp)
    return root


def files_in(root: Path) -> int:
    return sum(1 for _ in (root / "data").rglob("*.yaml"))


def clear_cache(root: Path) -> Callable[[int], None]:
    return lambda _: shutil.rmtree(root / ".shsv-cache", ignore_errors=True)


def editor(root: Path) -> tuple[Callable[[int], None], Callable[[], None]]:
    """Edit one report (a new note each time), and put it back afterwards."""
    reports = sorted((root / "data" / "reports").glob("*.yaml"))
    path = reports[len(reports) // 2]
    original = path.read_bytes()

    def edit(i: int) -> None:
        path.write_bytes(original + f"notes:\n  - Edited for the benchmark ({i}).\n".encode())

    return edit, lambda: path.write_bytes(original)


def validate(root: Path, *extra: str) -> list[str]:
    return [SHSV, "validate", "--root", str(root), "--format", "json", *extra]


def shsv_rows(root: Path, broken: Path, repeat: int, floor: float) -> list[Row]:
    n = files_in(root)
    rows = []

    def add(name: str, figure: Figure) -> None:
        rows.append(Row(n, name, figure, figure.seconds / floor))
        show(rows[-1])

    add("shsv validate, cold (no cache)", median(validate(root), repeat, before=clear_cache(root)))
    add(
        "shsv validate, cold, one process (-j 1)",
        median(validate(root, "-j", "1"), repeat, before=clear_cache(root)),
    )
    run(validate(root))  # fill the cache
    add("shsv validate, warm (nothing changed)", median(validate(root), repeat))
    edit, restore = editor(root)
    try:
        add("shsv validate, after editing one file", median(validate(root), repeat, before=edit))
    finally:
        restore()
    add(
        "shsv validate, 1%-broken tree, cold",
        median(validate(broken), repeat, before=clear_cache(broken)),
    )
    return rows


def schemas(work: Path) -> Path:
    """The draft-07 JSON Schema shsv ships for each kind, named by its folder."""
    from shsv.jsonschemas import render
    from shsv.model import KINDS

    folder = work / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in KINDS.items():
        (folder / f"{name}.json").write_text(render(model), encoding="utf-8")
    return folder


def bare_typer(work: Path) -> Path:
    """A Typer app with shsv's commands and help settings, and nothing behind them."""
    from shsv.cli import app

    lines = [
        "import typer",
        "app = typer.Typer(name='shsv', help=" + repr(app.info.help) + ", no_args_is_help=True,",
        "    add_completion=True, rich_markup_mode=None, pretty_exceptions_enable=False,",
        "    context_settings={'help_option_names': ['-h', '--help']})",
        "@app.callback()",
        "def _root(version: bool = typer.Option(False, '--version', is_eager=True,",
        "        help='Print the version and exit.')) -> None:",
        f"    {inspect.getdoc(app.registered_callback.callback)!r}",  # type: ignore[union-attr]
    ]
    for command in app.registered_commands:
        callback = command.callback
        assert callback is not None
        name = command.name or callback.__name__.replace("_", "-")
        lines += [
            f"@app.command({name!r}, help={inspect.getdoc(callback)!r})",
            f"def c_{len(lines)}() -> None: ...",
        ]
    lines.append("app()")
    path = work / "bare_typer.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def largest_rows(
    work: Path, root: Path, repeat: int, slow_repeat: int, floor: float, skip: set[str]
) -> list[Row]:
    n = files_in(root)
    rows: list[Row] = []

    def add(name: str, figure: Figure | None, note: str = "", base: float = floor) -> None:
        rows.append(Row(n, name, figure, figure.seconds / base if figure else None, note))
        show(rows[-1])

    yamllint, cjs = tool("yamllint"), tool("check-jsonschema")
    if "yamllint" in skip or not yamllint:
        add("yamllint (default config)", None, "skipped" if yamllint else "not installed")
    else:
        command = [yamllint, "-d", "default", "-f", "parsable", str(root / "data")]
        add("yamllint (default config)", median(command, slow_repeat))
    if "check-jsonschema" in skip or not cjs:
        add("check-jsonschema", None, "skipped" if cjs else "not installed")
    else:
        script = work / "check_jsonschema.py"
        script.write_text(CHECK_JSONSCHEMA, encoding="utf-8")
        command = [PYTHON, str(script), str(root / "data"), str(schemas(work)), cjs]
        add("check-jsonschema (shsv's schema, per kind)", median(command, slow_repeat))
    add("python -c pass", median([PYTHON, "-c", "pass"], repeat))
    add("shsv --version", median([SHSV, "--version"], repeat))
    add("bare Typer app --help", median([PYTHON, str(bare_typer(work)), "--help"], repeat))
    add("shsv --help", median([SHSV, "--help"], repeat))
    if run([SHSV, "report", "--help"]).code != 0:
        add("one shsv report", None, "not available: shsv report not found")
        add("every report rendered", None, "not available: shsv report not found")
    else:
        first = sorted((root / "data" / "reports").glob("*.yaml"))[0].stem
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        one = [SHSV, "report", first, "--root", str(root), "--format", "html", "-o"]
        add("one shsv report", median([*one, str(out / "one.html")], repeat))
        every = [SHSV, "report", "--all", "--root", str(root), "--format", "html", "-o"]
        add("every report rendered", median([*every, str(out / "all")], slow_repeat))
    return rows


def show(row: Row) -> None:
    if row.figure is None:
        print(f"| {row.files:>6} | {row.name:<44} | {row.note} | | | |", flush=True)
        return
    f = row.figure
    codes = "" if set(f.codes) <= {0, 1} else f" (exit {sorted(set(f.codes))})"
    print(
        f"| {row.files:>6} | {row.name:<44} | {f.seconds:8.3f} s | {row.ratio:7.3f}x "
        f"| {f.cpu:8.3f} s | {f.peak_mb:6.0f} MB |{codes}",
        flush=True,
    )


def targets(rows: Sequence[Row], largest: int) -> list[Target]:
    at = {r.name: r for r in rows if r.files == largest and r.figure}

    def seconds(name: str) -> float:
        figure = at[name].figure
        assert figure is not None
        return figure.seconds

    def cpu(name: str) -> float:
        figure = at[name].figure
        assert figure is not None
        return figure.cpu

    out = []
    cold = seconds("shsv validate, cold (no cache)")
    floor = seconds("PyYAML C loader, every file (the floor)")
    work = cpu("shsv validate, cold (no cache)") / cpu("PyYAML C loader, every file (the floor)")
    shown = f"{cold / floor:.3f}x (CPU time {work:.3f}x)"
    out.append(Target("cold validate ≤ 0.2x the floor", shown, cold <= 0.2 * floor))
    warm = seconds("shsv validate, warm (nothing changed)")
    out.append(Target("warm validate ≤ 0.5 s", f"{warm:.3f} s", warm <= 0.5))
    edit = seconds("shsv validate, after editing one file")
    out.append(Target("after one edit ≤ 1.5 s", f"{edit:.3f} s", edit <= 1.5))
    for name, times in (
        ("check-jsonschema (shsv's schema, per kind)", 25),
        ("yamllint (default config)", 100),
    ):
        if name in at:
            ratio = seconds(name) / cold
            out.append(
                Target(f"{name.split(' ')[0]} / cold ≥ {times}x", f"{ratio:.0f}x", ratio >= times)
            )
    extra = seconds("shsv --version") - seconds("python -c pass")
    out.append(
        Target("--version ≤ python -c pass + 100 ms", f"+{extra * 1000:.0f} ms", extra <= 0.1)
    )
    helps = seconds("shsv --help") / seconds("bare Typer app --help")
    out.append(Target("--help ≤ 1.15x a bare Typer app", f"{helps:.2f}x", helps <= 1.15))
    peak = max(
        r.figure.peak_mb
        for r in rows
        if r.files == largest and r.figure and "shsv validate" in r.name
    )
    out.append(Target("validate peak memory ≤ 300 MB", f"{peak:.0f} MB", peak <= 300))
    return out


def versions() -> str:
    """What the figures depend on besides the code: the Python and the parsers and
    engines installed (without google-re2, the ``fast`` extra, the one pass is off)."""
    from importlib.metadata import PackageNotFoundError, version

    found = [f"Python {sys.version.split()[0]}"]
    for name in ("PyYAML", "pydantic", "pydantic-core", "yaml-rs", "google-re2"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="report files per tree")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--slow-repeat", type=int, default=3, help="runs of yamllint and others")
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--skip", default="", help="tools not to run: yamllint,check-jsonschema")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    skip = set(filter(None, args.skip.split(",")))
    args.work.mkdir(parents=True, exist_ok=True)
    # Measure what users run: an installed package has its bytecode compiled, so every
    # process here may write and use it (some environments turn that off).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(Path(shsv.__file__).parent, quiet=1)
    floor_script = args.work / "floor.py"
    floor_script.write_text(FLOOR, encoding="utf-8")
    rows: list[Row] = []
    print(versions(), flush=True)
    print(
        "| files | run | median | x floor | CPU | peak |\n|---:|---|---:|---:|---:|---:|",
        flush=True,
    )
    for size in sizes:
        clean = repository(args.work, size, 0.0)
        broken = repository(args.work, size, 0.01)
        figure = median([PYTHON, str(floor_script), str(clean / "data")], args.repeat)
        rows.append(Row(files_in(clean), "PyYAML C loader, every file (the floor)", figure, 1.0))
        show(rows[-1])
        rows += shsv_rows(clean, broken, args.repeat, figure.seconds)
        if size == sizes[-1]:
            rows += largest_rows(
                args.work, clean, args.repeat, args.slow_repeat, figure.seconds, skip
            )
    largest = rows[-1].files
    print("\nTargets at", largest, "files:")
    found = targets(rows, largest)
    for target in found:
        print(f"  {'met    ' if target.met else 'NOT MET'}  {target.what}: {target.figure}")
    print(f"{sum(t.met for t in found)} of {len(found)} targets met.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
