"""Generate a synthetic, realistic data repository for benchmarks and tests.

    python benchmarks/generate.py OUT_DIR --reports 10000 [--broken 0.01] [--seed 1]

Councils, organisations, programmes, arrangements, meetings, reports, decisions and
milestones, all cross-referenced; report files of 8-12 KB and 200-300 lines. The tree
validates clean (the normal path is what gets measured); ``--broken F`` then breaks a
fraction F of the files, each in one of several ways, and lists them in
``OUT_DIR/broken.txt`` as ``path<TAB>how``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import breakage
import corpus
import papers
from shsv.kinds import FOLDERS
from yamlemit import Emitter, emit

FOLD = 0.5
"""Reports wrap most long paragraphs as folded blocks, as editors tend to."""
FLOOR, CAP = 8_800, 11_900


def build(reports: int, seed: int = 1) -> corpus.World:
    """Every record of a collection with ``reports`` reports, as plain data."""
    world = corpus.World(random.Random(seed))
    r = world.rng
    council_ids = corpus.councils(world, min(320, max(6, reports // 30)))
    corpus.organisations(world, max(3, reports // 100), council_ids)
    programme_ids = corpus.programmes(world, max(2, reports // 50), council_ids)
    by_programme = corpus.arrangements(world, programme_ids)
    corpus.meetings(world, council_ids, max(len(council_ids), reports // 8))
    partner_of: dict[str, list[str]] = {}
    for programme_id in programme_ids:
        for council in world.programme_of[programme_id]["partners"]:
            partner_of.setdefault(council, []).append(programme_id)
    last_paper: dict[str, str] = {}
    for i in range(reports):
        council = r.choice([c for c in council_ids if c in partner_of])
        programme = r.choice(partner_of[council])
        chosen = sorted(
            r.sample(
                world.council_meetings[council],
                min(r.randint(1, 2), len(world.council_meetings[council])),
            ),
            key=lambda m: m[1],
        )
        paper = papers.report(
            world, i, council, programme, by_programme[programme], chosen, last_paper.get(programme)
        )
        world.add("reports", paper)
        last_paper[programme] = paper["id"]
        if i % 25 == 0:
            world.add("decisions", papers.decision(world, i, paper))
        if i % 50 == 0:
            arrangement = by_programme[programme][0]
            if f"{arrangement}-step-1" not in world.records.get("milestones", {}):
                steps = papers.milestones(
                    world,
                    programme,
                    arrangement,
                    paper["id"],
                    r.randint(2, 4),
                    r.randint(2009, 2015),
                )
                for step in steps:
                    world.add("milestones", step)
    return world


def render(world: corpus.World, folder: str, record: dict[str, Any]) -> str:
    """The record's YAML; a report's body grows a paragraph at a time to 9-11.5 KB."""
    if folder != "reports":
        return emit(record)
    target = world.rng.randint(9_200, 11_500)
    size = len(emit(record, FOLD).encode())
    sizes: list[int] = []
    options = True
    while size + sum(sizes) < target:
        section = papers.grow(world, record, options=options)
        if len(sizes) < len(record["body"]):
            sizes.append(0)
        before, sizes[-1] = sizes[-1], _size(section)
        if size + sum(sizes) > CAP:  # one paragraph too many: take it back
            section["paragraphs"].pop()
            if not section["paragraphs"]:
                record["body"].pop()
                sizes.pop()
            else:
                sizes[-1] = before
            if size + sum(sizes) >= FLOOR:
                break
            options = False  # the options analysis was too long for this paper
    return emit(record, FOLD)


def _size(section: dict[str, Any]) -> int:
    """Bytes the section takes in its report (the emitter's choices depend only on text)."""
    fragment = Emitter(FOLD)
    fragment.mapping(section, 4, "  - ")
    return sum(len(line.encode()) + 1 for line in fragment.lines)


def write(out: Path, reports: int, broken: float = 0.0, seed: int = 1) -> list[Path]:
    """Write the repository under ``out`` (replacing ``out/data``); return its files."""
    world = build(reports, seed)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    written: list[Path] = []
    for folder in FOLDERS:
        (data / folder).mkdir(parents=True, exist_ok=True)
        for record_id, record in world.records.get(folder, {}).items():
            path = data / folder / f"{record_id}.yaml"
            path.write_text(render(world, folder, record), encoding="utf-8")
            written.append(path)
    listing = out / "broken.txt"
    listing.unlink(missing_ok=True)
    if broken > 0:
        damaged = breakage.damage(written, broken, random.Random(seed + 1))
        listing.write_text(
            "".join(f"{p.relative_to(out).as_posix()}\t{how}\n" for p, how in damaged),
            encoding="utf-8",
        )
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the data repository to create")
    parser.add_argument("--reports", type=int, default=1000, help="how many report files")
    parser.add_argument("--broken", type=float, default=0.0, help="fraction of files to break")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    files = write(args.out, args.reports, args.broken, args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB under {args.out / 'data'}")


if __name__ == "__main__":
    main()
