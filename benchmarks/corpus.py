"""Records for a synthetic national collection: councils working together on shared
services, with papers the size and shape of real cabinet reports.

Every record is built as plain data that validates clean: numbering without gaps,
28 clear days' forward-plan notice, agendas out in time, cost shares adding to 100%,
milestones done in order. Text is British English in UTF-8, with £ signs and both
straight and curly apostrophes.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

# fmt: off
PLACES_A = [
    "Ash", "Brook", "Thorn", "Wey", "Hather", "Kings", "Mar", "Stan", "Wal", "Bex", "Ching",
    "Dun", "El", "Fen", "Gran", "Hol", "Lang", "Mel", "Nor", "Pen", "Ray", "Sel", "Tam",
    "Up", "Wick",
]
PLACES_B = [
    "ford", "bridge", "ham", "ton", "ley", "bury", "field", "worth", "wick", "mouth",
    "caster", "borough", "stead", "dale", "minster",
]
FIRST = [
    "Alison", "Brian", "Catherine", "David", "Elaine", "Fiona", "Gareth", "Helen", "Ian",
    "Janet", "Keith", "Linda", "Martin", "Nicola", "Owen", "Patricia", "Rhys", "Sarah",
    "Tom", "Wendy",
]
SURNAMES = [
    "O'Brien", "Ashworth", "Bennett", "Clarke", "Davies", "Evans", "Fletcher", "Gill",
    "Hughes", "Iqbal", "Jones", "Khan", "Lord", "Marsh", "Nolan", "Patel", "Quinn",
    "Roberts", "Shaw", "Taylor", "Walsh", "D'Souza",
]
SERVICES = [
    "Revenues and Benefits", "ICT", "Legal Services", "Internal Audit", "Human Resources",
    "Payroll", "Procurement", "Building Control", "Waste Collection", "Customer Services",
    "Emergency Planning", "Environmental Health", "Planning Policy", "Finance",
    "Facilities Management",
]
POSTS = [
    "Chief Executive", "Managing Director", "Director of Resources",
    "Head of Finance (Section 151 Officer)", "Monitoring Officer",
    "Corporate Director (Finance and Performance)", "Head of Shared Services",
    "Assistant Director, Finance & Resources",
]
ROLES = [
    "financial", "legal", "human-resources", "risks", "consultation",
    "access-and-inclusion", "climate-change", "timetable", "reasons",
    "information-services", "property",
]
HEADINGS = [
    "Introduction", "Background", "Progress to date", "The business case", "Governance",
    "Service design", "Savings and efficiencies", "Next steps", "Staffing implications",
    "Performance", "Lessons learnt", "Conclusion",
]
# fmt: on
SENTENCES = [
    "The Council's medium term financial strategy assumes savings of £{money} from "
    "{service} by {year}.",
    "Members will recall that the partners' joint committee agreed the outline business "
    "case in {month} {year}.",
    "The shared {service} service is expected to save £{money} a year once it is fully "
    "operational, of which the Council’s share is about {pct}%.",
    "Officers from the {n} councils have met regularly to develop the detailed design "
    "of the service and to agree the principles for sharing costs.",
    "A project board, chaired by the {post}, oversees the programme and reports to each "
    "council's executive.",
    "It is anticipated that staff will transfer to the lead authority under the TUPE "
    "regulations, with consultation beginning in {month} {year}.",
    "The risks are recorded in the programme's risk register, which is reviewed at each "
    "meeting of the project board.",
    "There are no direct implications for the Council's equality duties arising from "
    "this report, although an equality impact assessment will accompany the business "
    "case.",
    "The one-off costs of implementation, estimated at £{money}, will be met from the "
    "invest to save reserve and repaid from savings within {n} years.",
    "Benchmarking against comparable authorities shows that the cost of the service is "
    "in the upper quartile, which suggests there is scope for efficiency.",
    "Partners have agreed that each council keeps its own policies for the present, and "
    "that harmonisation will be considered once the service is stable.",
    "The Section 151 Officer has confirmed that the savings are included in the draft "
    "revenue budget for {year}/{yy}.",
    "Trade unions have been briefed and their comments will be reported to the "
    "Employment Committee before any decision on staffing structures.",
    "An interim manager was appointed in {month} {year} to lead the transition, at a "
    "cost of £{money} shared equally between the partners.",
    "The ICT infrastructure will be hosted at the lead authority's data centre, with "
    "resilience provided by the partners' existing disaster recovery arrangements.",
    "Customers should notice no change in the way they contact the service, and the "
    "local offices will remain open during the transition.",
]
PHRASES = [
    "savings of £{money} in {year}/{yy}",
    "the {service} service",
    "staff consultation from {month} {year}",
    "the partners' joint committee",
    "a single management team for {service}",
    "the lead authority’s ICT contract",
    "one-off costs of £{money}",
    "{service}: {pct}% of the shared budget",
    "the Council's own policies",
    "a review in {month} {year}",
    "the {post}",
    "TUPE transfer of {n} teams",
]
# fmt: off
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
# fmt: on


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


@dataclass
class World:
    """Everything generated so far: ids by kind, and what later records refer to."""

    rng: random.Random
    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    council_meetings: dict[str, list[tuple[str, date]]] = field(default_factory=dict)
    programme_of: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, folder: str, record: dict[str, Any]) -> None:
        assert len(record["id"]) <= 80, record["id"]
        self.records.setdefault(folder, {})[record["id"]] = record

    def sentence(self) -> str:
        return self._fill(self.rng.choice(SENTENCES))

    def _fill(self, template: str) -> str:
        r = self.rng
        year = r.randint(2008, 2019)
        return template.format(
            money=f"{r.randint(20, 2400) * 1000:,}",
            service=r.choice(SERVICES),
            year=year,
            yy=f"{(year + 1) % 100:02d}",
            month=r.choice(MONTH_NAMES),
            pct=r.randint(20, 60),
            n=r.choice(["two", "three", "four"]),
            post=r.choice(POSTS),
        )

    def phrase(self) -> str:
        return self._fill(self.rng.choice(PHRASES))

    def paragraph(self, low: int = 2, high: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(SURNAMES)}"

    def source(self, title: str) -> list[dict[str, Any]]:
        return [{"document": f"{self.rng.getrandbits(64):016x}.txt", "title": title}]


def councils(world: World, count: int) -> list[str]:
    r, ids = world.rng, []
    names = [a + b for a in PLACES_A for b in PLACES_B]
    r.shuffle(names)
    for i in range(count):
        place = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        tier, suffix = r.choice(
            [
                ("district", "District Council"),
                ("county", "County Council"),
                ("unitary", "Council"),
                ("district", "Borough Council"),
                ("metropolitan-district", "Metropolitan Borough Council"),
            ]
        )
        name = f"{place} {suffix}"
        record = {
            "id": slug(name),
            "name": name,
            "short_names": [
                "".join(w[0] for w in name.split()).upper() + str(i) if i > 9 else place
            ],
            "tier": tier,
            "gss_code": f"E07{i:06d}",
            "website": f"https://www.{slug(place)}.gov.uk",
            "call_in_days": r.choice([3, 5, 5, 10]),
            "sources": world.source(f"{name} constitution"),
        }
        world.add("councils", record)
        ids.append(record["id"])
    return ids


def organisations(world: World, count: int, council_ids: list[str]) -> list[str]:
    r, ids = world.rng, []
    for i in range(count):
        kind = r.choice(["company", "joint-venture-company", "adviser", "partnership"])
        kind_word = r.choice(["Services", "Partners", "Solutions"])
        name = f"{r.choice(PLACES_A)}{r.choice(PLACES_B)} {kind_word} {i}"
        record: dict[str, Any] = {"id": slug(name), "name": name, "type": kind}
        if kind == "joint-venture-company":
            record["owners"] = r.sample(council_ids, 2)
            record["formed"] = f"{r.choice(MONTH_NAMES)} {r.randint(2008, 2015)}"
        record["purpose"] = world.paragraph(1, 2)
        record["sources"] = world.source(f"Companies House record for {name}")
        world.add("organisations", record)
        ids.append(record["id"])
    return ids


def programmes(world: World, count: int, council_ids: list[str]) -> list[str]:
    r, ids = world.rng, []
    for i in range(count):
        partners = r.sample(council_ids, r.randint(2, min(4, len(council_ids))))
        title = f"{r.choice(PLACES_A)}{r.choice(PLACES_B)} shared services programme {i}"
        record = {
            "id": slug(title),
            "title": title,
            "partners": partners,
            "lead": partners[0],
            "started": f"{r.choice(['Q1', 'Q2', 'Q3', 'Q4'])} {r.randint(2008, 2012)}",
            "origin": world.paragraph(1, 2),
            "principles": [world.sentence() for _ in range(3)],
            "sources": world.source(title),
        }
        world.add("programmes", record)
        world.programme_of[record["id"]] = record
        ids.append(record["id"])
    return ids


def arrangements(world: World, programme_ids: list[str]) -> dict[str, list[str]]:
    r, out = world.rng, {}
    for programme_id in programme_ids:
        programme = world.programme_of[programme_id]
        partners = programme["partners"]
        out[programme_id] = []
        for service in r.sample(SERVICES, 2):
            shares = _shares(r, len(partners))
            start = r.randint(2009, 2014)
            record = {
                "id": f"{programme_id}-{slug(service)}",
                "title": f"Shared {service} service",
                "programme": programme_id,
                "services": [service],
                "partners": partners,
                "model": "lead-authority",
                "lead": partners[0],
                "location": f"{partners[0].split('-')[0].title()} offices",
                "description": [world.paragraph(2, 3)],
                "status": [
                    {"status": "exploring", "date": f"{start}-03-01", "reason": world.sentence()},
                    {"status": "business-case", "date": f"{start}-09", "reason": world.sentence()},
                    {"status": "live", "date": f"{start + 1}-04-01"},
                ],
                "cost_shares": [
                    {"partner": p, "percent": s} for p, s in zip(partners, shares, strict=True)
                ],
                "savings": [
                    {
                        "description": world.sentence(),
                        "amount": r.randint(50, 900) * 1000,
                        "year": f"{start + 1}/{(start + 2) % 100:02d}",
                    }
                ],
                "sources": world.source(f"Business case for shared {service}"),
            }
            world.add("arrangements", record)
            out[programme_id].append(record["id"])
    return out


def _shares(r: random.Random, n: int) -> list[int]:
    """Whole percentages that add up to exactly 100."""
    cuts = sorted(r.sample(range(10, 91), n - 1)) if n > 1 else []
    edges = [0, *cuts, 100]
    return [b - a for a, b in itertools.pairwise(edges)]


def meetings(world: World, council_ids: list[str], count: int) -> None:
    r = world.rng
    for i in range(count):
        council = council_ids[i % len(council_ids)]
        day = date(2008, 1, 2) + timedelta(days=r.randint(0, 11 * 365))
        day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
        body, short = r.choice(
            [
                ("Cabinet", "cabinet"),
                ("Executive", "executive"),
                ("Overview and Scrutiny Committee", "scrutiny"),
            ]
        )
        record = {
            "id": f"{council}-{short}-{day.isoformat()}-{i}",
            "council": council,
            "body": body,
            "date": day.isoformat(),
            # Two weeks ahead: five clear working days even over Christmas.
            "agenda_published": (day - timedelta(days=14)).isoformat(),
            "venue": r.choice(["Council Chamber, Town Hall", "Committee Room 1", "Civic Centre"]),
            "sources": world.source(f"Agenda of the {body}, {day.isoformat()}"),
        }
        world.add("meetings", record)
        world.council_meetings.setdefault(council, []).append((record["id"], day))
