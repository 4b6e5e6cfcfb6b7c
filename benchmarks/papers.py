"""Cabinet reports, decisions and milestones for the synthetic collection."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from corpus import HEADINGS, POSTS, ROLES, SERVICES, World, slug

STEPS = ["Business case agreed", "Staff consulted", "Service live", "Contract signed"]


def report(
    world: World,
    index: int,
    council: str,
    programme: str,
    arrangements: list[str],
    meeting_ids: list[tuple[str, date]],
    follows: str | None,
) -> dict[str, Any]:
    """A report to one or two meetings, its body grown later to the wanted size."""
    r = world.rng
    deciding, day = meeting_ids[-1]
    kind = r.choices(["key", "non-key", "referral-from-officers"], [3, 5, 2])[0]
    service = r.choice(SERVICES)
    stage = r.choice(["progress report", "business case", "next steps", "update"])
    title = f"Shared {service}: {stage}"
    record: dict[str, Any] = {
        "id": f"{council.split('-')[0]}-{day.isoformat()}-{slug(service)}-{index}",
        "title": title,
        "council": council,
        "programme": programme,
        "arrangements": arrangements,
        "meetings": [{"meeting": m, "purpose": "comment"} for m, _ in meeting_ids[:-1]]
        + [{"meeting": deciding, "purpose": "decision", "agenda_item": str(r.randint(4, 14))}],
        "report_of": r.choice(POSTS),
        "portfolio": "Cabinet Member for " + r.choice(["Resources", "Finance", "Corporate"]),
        "cabinet_member": {"name": f"Councillor {world.person()}", "role": "Portfolio Holder"},
        "wards": ["All Wards"],
        "purpose": [world.paragraph(1, 2)],
        "decision_type": kind,
    }
    if r.random() < 0.02:  # now and then a paper uses Markdown emphasis
        record["purpose"][0] = "**For decision:** " + record["purpose"][0]
    if kind == "key":
        record["forward_plan"] = {
            "reference": f"FP/{day.year}/{r.randint(1, 200):03d}",
            # Nine weeks ahead: well over the 28 clear days the regulations ask for.
            "published": (day - timedelta(days=63)).isoformat(),
        }
    record["executive_summary"] = [world.paragraph(1, 2) for _ in range(r.randint(1, 2))]
    record["recommendations"] = _recommendations(world)
    record["body"] = []
    record["background_papers"] = {
        "papers": [
            {"title": f"{r.choice(HEADINGS)} report, {day.year - 1}"}
            for _ in range(r.randint(0, 3))
        ]
    }
    record["appendices"] = [
        {"label": str(i + 1), "title": f"{r.choice(HEADINGS)} – detail"}
        for i in range(r.randint(0, 2))
    ]
    record["contacts"] = [
        {
            "name": world.person(),
            "role": r.choice(POSTS),
            "telephone": f"01{r.randint(100, 999)} {r.randint(100000, 999999)}",
            "email": f"{slug(world.person())}@{council.split('-')[0]}.gov.uk",
        }
    ]
    if follows:
        record["follows"] = [follows]
    record["sources"] = world.source(title)
    return record


def _recommendations(world: World) -> list[Any]:
    r = world.rng
    out: list[Any] = []
    for i in range(r.randint(2, 4)):
        said = world.sentence()
        entry: dict[str, Any] = {
            "number": str(i + 1),
            "text": f"That Cabinet notes that {said[0].lower()}{said[1:]}",
        }
        if r.random() < 0.3:
            entry["items"] = [
                {"number": "abcdef"[j], "text": world.sentence()} for j in range(r.randint(2, 4))
            ]
        out.append(entry)
    return out


def grow(world: World, record: dict[str, Any], *, options: bool = True) -> dict[str, Any]:
    """Add one paragraph to a report's body (in a new section now and then); return the
    section it went into."""
    r = world.rng
    body = record["body"]
    if not body or len(body[-1]["paragraphs"]) >= r.randint(2, 6):
        body.append(_section(world, len(body) + 1, options=options))
    section = body[-1]
    number = f"{section['number']}.{len(section['paragraphs']) + 1}"
    paragraph: dict[str, Any] = {"number": number, "text": world.paragraph(1, 2)}
    roll = r.random()
    if roll < 0.45:
        paragraph["items"] = [world.phrase() for _ in range(r.randint(3, 8))]
    elif roll < 0.55:
        paragraph["table"] = _table(world)
    section["paragraphs"].append(paragraph)
    return section


def _section(world: World, number: int, *, options: bool) -> dict[str, Any]:
    r = world.rng
    section: dict[str, Any] = {"number": str(number)}
    if number == 3 and options:
        section["heading"] = "Options"
    elif number > 3 and r.random() < 0.4:
        section["role"] = r.choice(ROLES)
    else:
        section["heading"] = r.choice(HEADINGS)
    section["paragraphs"] = []
    if number == 3 and options:
        section["options"] = [_question(world)]
    return section


def _table(world: World) -> dict[str, Any]:
    r = world.rng
    return {
        "caption": "Savings by partner (£000)",
        "columns": ["Partner", "2014/15", "2015/16", "2016/17"],
        "rows": [
            [r.choice(SERVICES)] + [f"£{r.randint(10, 900)}" for _ in range(3)]
            for _ in range(r.randint(3, 7))
        ],
        "row_headers": True,
    }


def _question(world: World) -> dict[str, Any]:
    r = world.rng
    options = [
        {
            "number": i + 1,
            "title": title,
            "description": [world.sentence()],
            "advantages": [world.sentence()],
            "disadvantages": [world.sentence()],
            "risks": [world.sentence()],
        }
        for i, title in enumerate(
            ["Do nothing", "Share the service", "Outsource the service"][: r.randint(2, 3)]
        )
    ]
    return {
        "question": "How should the service be delivered?",
        "options": options,
        "preferred": 2,
        "preferred_reason": [world.sentence()],
    }


def decision(world: World, index: int, paper: dict[str, Any]) -> dict[str, Any]:
    r = world.rng
    mover, seconder = r.sample(["Councillor " + world.person() for _ in range(3)], 2)
    if mover.split()[-1] == seconder.split()[-1]:
        seconder = "Councillor Seconder-" + str(index)
    options = [{"number": i + 1, "description": [world.sentence()]} for i in range(r.randint(2, 3))]
    deciding = paper["meetings"][-1]["meeting"]
    record: dict[str, Any] = {
        "id": f"{paper['id']}-minute",
        "title": paper["title"],
        "meeting": deciding,
        "report": paper["id"],
        "summary": [world.paragraph(1, 2)],
        "options": [
            {
                "question": "Options considered",
                "options": options,
                "preferred": 1,
                "preferred_reason": [world.sentence()],
            }
        ],
        "moved_by": mover,
        "seconded_by": seconder,
        "vote": {
            "unanimous": False,
            "in_favour": r.randint(5, 9),
            "against": r.randint(0, 3),
            "abstained": r.randint(0, 2),
        },
        "resolutions": [
            {"number": i + 1, "text": f"That {world.sentence()}"} for i in range(r.randint(1, 4))
        ],
        "officer_responsible": r.choice(POSTS),
        "reasons": [world.paragraph(1, 2)],
        "sources": world.source(f"Minutes: {paper['title']}"),
    }
    return record


def milestones(
    world: World, programme: str, arrangement: str, paper: str, count: int, start: int
) -> list[dict[str, Any]]:
    """A chain of milestones, each done after the one it depends on."""
    r = world.rng
    out: list[dict[str, Any]] = []
    day = date(start, 1, 15)
    for i in range(count):
        begun = day + timedelta(days=r.randint(5, 40))
        done = begun + timedelta(days=r.randint(10, 120))
        record: dict[str, Any] = {
            "id": f"{arrangement}-step-{i + 1}",
            "title": f"{r.choice(STEPS)} ({i + 1})",
            "programme": programme,
            "arrangement": arrangement,
            "description": [world.sentence()],
            "planned": done.strftime("%B %Y" if r.random() < 0.5 else "%Y-%m"),
            "started": begun.isoformat(),
            "actual": done.isoformat(),
            "report": paper,
            "sources": world.source("Programme highlight report"),
        }
        if out:
            record["depends_on"] = [out[-1]["id"]]
        out.append(record)
        day = done
    return out
