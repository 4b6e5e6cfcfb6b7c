"""The timeline for machines: json (every row) and an iCalendar feed (RFC 5545).

Both are deterministic for a given as-of date, so they can be compared whole: the
calendar's DTSTAMP is the as-of day and every UID derives from record ids.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from shsv.dates import DateSpan
from shsv.timeline.items import Kind, Part, Status
from shsv.timeline.view import Row, View

CALENDAR_KINDS = frozenset(
    {Kind.MEETING, Kind.DECISION, Kind.EFFECTIVE, Kind.FORWARD_PLAN, Kind.MILESTONE}
)
"""What the calendar holds: meetings and milestones, and the decisions and notices
around meetings. Facts of history (a programme's start, a status change) stay out."""
UID_DOMAIN = "shsv"


def span_json(span: DateSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "text": span.text,
        "start": span.start.isoformat() if span.start else None,
        "end": span.end.isoformat(),
        "precision": span.precision.value,
    }


def _part_json(part: Part, as_of: date) -> dict[str, Any]:
    return {
        "council": part.council,
        "meeting": part.meeting,
        "held": span_json(part.held),
        "effective": part.effective.isoformat() if part.effective else None,
        "done": part.complete_on is not None and part.complete_on <= as_of,
    }


def row_json(row: Row, as_of: date) -> dict[str, Any]:
    item = row.item
    return {
        "programme": item.programme,
        "arrangement": item.arrangement,
        "id": item.id,
        "record": item.record,
        "title": item.title,
        "kind": item.kind.value,
        "planned": span_json(item.planned),
        "replanned": [
            {**(span_json(r.date) or {}), "recorded": r.recorded.text if r.recorded else None}
            for r in item.replans
        ],
        "actual": span_json(item.actual),
        "closed": [
            {"status": c.status.value, **(span_json(c.date) or {}), "until": span_json(c.until)}
            for c in item.closures
        ],
        "due": row.due.isoformat() if row.due else None,
        "status": row.status.value,
        "parts": [_part_json(p, as_of) for p in item.parts],
        "note": item.note,
        "path": item.path,
        "line": item.line,
    }


def to_json(view: View) -> str:
    programmes = [
        {
            "id": p.id,
            "title": p.title,
            "counts": {s.value: n for s, n in p.summary.counts.items()},
            "next": p.summary.next.item.id if p.summary.next else None,
        }
        for p in view.programmes
    ]
    document = {
        "as_of": view.as_of.isoformat(),
        "within": view.within,
        "programmes": programmes,
        "items": [row_json(row, view.as_of) for row in view.rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def uid(row: Row) -> str:
    return f"{row.item.id}@{UID_DOMAIN}"


def _description(row: Row, view: View, titles: dict[str | None, str]) -> str:
    item = row.item
    lines = [f"Programme: {titles.get(item.programme, item.programme or 'none')}"]
    lines.append(f"Status on {view.as_of.isoformat()}: {row.status.word}")
    if item.planned is not None:
        lines.append(f"Planned: {item.planned.text}")
    if item.replans:
        lines.append(f"Re-planned: {item.replans[-1].date.text}")
    if item.note:
        lines.append(item.note)
    lines.append(f"Record: {item.path}:{item.line}")
    return "\n".join(lines)


def to_ics(view: View) -> bytes:
    """An RFC 5545 calendar: one all-day event per dated meeting, decision, notice and
    milestone, on its day (a fuzzy date on the last day of its window)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//shsv//timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "shsv timeline")
    stamp = datetime.combine(view.as_of, time(), tzinfo=UTC)
    titles = {p.id: p.title for p in view.programmes}
    rows = [r for r in view.rows if r.item.kind in CALENDAR_KINDS and r.shown is not None]
    for row in sorted(rows, key=lambda r: (r.shown.end if r.shown else date.max, uid(r))):
        assert row.shown is not None
        event = Event()
        event.add("uid", uid(row))
        event.add("dtstamp", stamp)
        event.add("dtstart", row.shown.end)
        event.add("dtend", row.shown.end + timedelta(days=1))
        fuzzy = "" if row.shown.exact else f" ({row.shown.text})"
        event.add("summary", row.item.title + fuzzy)
        event.add("description", _description(row, view, titles))
        event.add("categories", [row.item.kind.value, row.status.value])
        event.add("status", _event_status(row))
        if row.item.location:
            event.add("location", row.item.location)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event_status(row: Row) -> str:
    if row.status in (Status.CANCELLED, Status.FALLEN):
        return "CANCELLED"
    return "CONFIRMED" if row.shown is not None and row.shown.exact else "TENTATIVE"
