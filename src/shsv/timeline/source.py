"""Where timeline items come from: the records, and the file and line of each field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shsv import yamlread
from shsv.dates import DateSpan
from shsv.model import Council, Meeting, Report
from shsv.repository import Repository
from shsv.timeline.items import Item
from shsv.yamlread import Document, Loc


class Positions:
    """Reads each record file with positions at most once, on first use."""

    def __init__(self, repo: Repository) -> None:
        self._root: Path = repo.root
        self._paths = repo.paths
        self._documents: dict[str, Document | None] = {}

    def path(self, record_id: str) -> str:
        return self._paths.get(record_id, "")

    def line(self, record_id: str, loc: Loc) -> int:
        """The 1-based line of ``loc`` (or its nearest ancestor) in the record's file."""
        path = self.path(record_id)
        if path not in self._documents:
            self._documents[path] = self._read(path)
        document = self._documents[path]
        return document.position(loc)[0] if document else 1

    def _read(self, path: str) -> Document | None:
        if not path:
            return None
        try:
            raw = (self._root / path).read_bytes()
        except OSError:  # the file changed since it was validated; point at its top
            return None
        document = yamlread.read(raw)
        return document if isinstance(document, Document) else None


class Source:
    """The repository plus where each record's fields stand, to make items from."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.positions = Positions(repo)

    def item(self, record_id: str, loc: Loc, **fields: Any) -> Item:
        return Item(
            record=record_id,
            path=self.positions.path(record_id),
            line=self.positions.line(record_id, loc),
            **fields,
        )

    def meeting_date(self, meeting_id: str) -> DateSpan | None:
        meeting = self.repo.find(meeting_id, Meeting)
        return meeting.date if meeting else None

    def report_date(self, report_id: str) -> DateSpan | None:
        """A report's date: its last dated meeting."""
        report = self.repo.find(report_id, Report)
        return self.repo.report_date(report) if report else None

    def council_name(self, council_id: str) -> str:
        council = self.repo.find(council_id, Council)
        return council.name if council else council_id
