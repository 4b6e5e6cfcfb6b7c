"""Rows for ``shsv list``: one per record of a kind, with its date and sources."""

from __future__ import annotations

from typing import Any

from shsv.model import (
    KINDS,
    Arrangement,
    Council,
    Decision,
    Meeting,
    Milestone,
    Organisation,
    Programme,
    Record,
    Report,
)
from shsv.repository import Repository


def _meeting_date(repo: Repository, meeting_id: str) -> str | None:
    meeting = repo.find(meeting_id, Meeting)
    return meeting.date.text if meeting and meeting.date else None


def title_of(repo: Repository, record: Record) -> str:
    if isinstance(record, (Council, Organisation)):
        return record.name
    if isinstance(record, Meeting):
        council = repo.find(record.council, Council)
        return f"{record.body}, {council.name if council else record.council}"
    return str(getattr(record, "title", record.id))


def date_of(repo: Repository, record: Record) -> str | None:
    """The date a person would look for first: when it met, decided, is due, began."""
    if isinstance(record, Meeting):
        return record.date.text if record.date else None
    if isinstance(record, Report):
        span = repo.report_date(record)
        return span.text if span else None
    if isinstance(record, Decision):
        return _meeting_date(repo, record.meeting)
    if isinstance(record, Milestone):
        span = record.actual or record.planned
        return span.text if span else None
    if isinstance(record, Programme):
        return record.started.text if record.started else None
    if isinstance(record, Organisation):
        return record.formed.text if record.formed else None
    if isinstance(record, Arrangement):
        dated = [change.date for change in record.status if change.date]
        return dated[-1].text if dated else None
    return None


def rows(repo: Repository, folder: str) -> list[dict[str, Any]]:
    return [
        {
            "id": record.id,
            "title": title_of(repo, record),
            "date": date_of(repo, record),
            "path": repo.paths.get(record.id),
            "sources": [{"document": s.document, "title": s.title} for s in record.sources],
        }
        for record in repo.each(KINDS[folder])
    ]
