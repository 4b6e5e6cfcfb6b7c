"""How long ``shsv timeline`` takes on a large generated repository, against ``validate``.

    .venv/bin/python benchmarks/timeline_bench.py [PROGRAMMES]

Builds PROGRAMMES programmes (default 200), each with 3 arrangements, 10 milestones,
4 meetings and 4 reports (two of them joint), then prints seconds for validation alone
and for each timeline format (each the best of three runs), and their ratio to
validation. Timings on a shared machine are noisy; compare the ratios from one run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

AS_OF = date(2013, 6, 1)
COUNCILS = ("north-council", "south-council", "east-council")


def _write(root: Path, folder: str, record: dict[str, Any]) -> None:
    path = root / "data" / folder / f"{record['id']}.yaml"
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def generate(root: Path, programmes: int) -> int:
    """Write the records; return how many files that made."""
    for folder in ("councils", "programmes", "arrangements", "milestones", "meetings", "reports"):
        (root / "data" / folder).mkdir(parents=True)
    for council in COUNCILS:
        _write(root, "councils", {"id": council, "name": council.title(), "tier": "district"})
    west = {"id": "west-council", "name": "West", "tier": "district", "call_in_days": 5}
    _write(root, "councils", west)
    for p in range(programmes):
        pid = f"programme-{p}"
        _write(root, "programmes", {"id": pid, "title": f"Programme {p}", "started": "Q1 2010"})
        for a in range(3):
            status = [{"status": "negotiating", "date": "2011-01-10"}]
            if a == 2:
                status.append({"status": "fallen", "date": "2012-05-29"})
            arrangement = {"id": f"{pid}-a{a}", "title": f"Service {a}", "programme": pid}
            _write(root, "arrangements", {**arrangement, "status": status})
        for m in range(10):
            milestone: dict[str, Any] = {
                "id": f"{pid}-m{m}",
                "title": f"Step {m}",
                "programme": pid,
                "arrangement": f"{pid}-a{m % 3}",
                "planned": f"Q{m % 4 + 1} {2011 + m // 4}",
            }
            if m % 3 == 0:
                milestone["replanned"] = [{"date": "2013-09-30", "recorded": "2012-01-15"}]
            if m % 4 == 1:
                milestone["actual"] = f"{2011 + m // 4}-0{m % 4 + 1}-15"
            _write(root, "milestones", milestone)
        for r in range(4):
            council = COUNCILS[r % 3]
            mid = f"{pid}-meeting-{r}"
            meeting = {"id": mid, "council": council, "body": "Cabinet"}
            _write(root, "meetings", {**meeting, "date": f"2012-{r + 3:02d}-1{r}"})
            report: dict[str, Any] = {
                "id": f"{pid}-report-{r}",
                "title": f"Report {r}",
                "council": council,
                "programme": pid,
                "meetings": [{"meeting": mid, "purpose": "decision"}],
            }
            if r < 2:
                report["councils"] = [c for c in COUNCILS if c != council]
            _write(root, "reports", report)
    return sum(1 for _ in root.glob("data/*/*.yaml"))


def timed(label: str, action: Callable[[], object], base: float | None) -> float:
    """The best of three runs, which is the least disturbed by other work on the machine."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    seconds = min(runs)
    ratio = f"  {seconds / base:5.2f}x validate" if base else ""
    print(f"{label:<28}{seconds:8.3f} s{ratio}")
    return seconds


def main() -> None:
    from shsv.checks.registry import Context
    from shsv.repository import Repository
    from shsv.timeline import export, table
    from shsv.timeline.view import make_view
    from shsv.validate import run

    programmes = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        records = generate(root, programmes)
        print(f"{records} records in {programmes} programmes, as of {AS_OF}")
        base = timed("validate", lambda: run(root, Context(as_of=AS_OF)), None)

        def view() -> Any:
            return make_view(Repository.load(root, AS_OF), AS_OF)

        found = view()
        print(f"{len(found.rows)} timeline items")
        timed("timeline (load + build)", view, base)
        timed("timeline --format table", lambda: table.plain(view()), base)
        timed("timeline --format json", lambda: export.to_json(view()), base)
        timed("timeline --format ics", lambda: export.to_ics(view()), base)


if __name__ == "__main__":
    main()
