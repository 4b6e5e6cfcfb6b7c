"""The timeline as a table of lines: status, date as written, a bar on a time axis, title.

Lines are lists of (text, style name) segments laid out for a given width, so the same
layout serves a terminal (the CLI gives each style its colour with rich) and a pipe
(plain text, 80 columns). Status shows by symbol and word as well as colour.
"""

from __future__ import annotations

import textwrap
from datetime import date

from shsv.timeline.axis import Axis, Cell, axis_for, bar, labels
from shsv.timeline.items import Status
from shsv.timeline.view import ProgrammeView, Row, Summary, View

Segment = tuple[str, str]
Line = list[Segment]

SYMBOLS = {
    Status.DONE: "✓",
    Status.ON_TRACK: "○",
    Status.DUE_SOON: "◔",
    Status.OVERDUE: "!",
    Status.SLIPPED: "»",
    Status.CANCELLED: "⊘",
    Status.FALLEN: "✗",
    Status.UNDATED: "?",
}
STYLES = {
    Status.DONE.value: "green",
    Status.ON_TRACK.value: "cyan",
    Status.DUE_SOON.value: "yellow",
    Status.OVERDUE.value: "bold red",
    Status.SLIPPED.value: "magenta",
    Status.CANCELLED.value: "dim",
    Status.FALLEN.value: "dim red",
    Status.UNDATED.value: "dim",
    "heading": "bold",
    "arrangement": "bold",
    "note": "dim",
    "axis": "dim",
    "marker": "bold",
}
"""Rich styles for the style names the layout uses."""

INDENT, STATUS_WIDTH, DATE_WIDTH = 2, 11, 13
FIXED = INDENT + STATUS_WIDTH + 1 + DATE_WIDTH + 1 + 1
PLAIN_WIDTH = 80
MIN_WIDTH = 60
"""Narrower terminals get 60-column lines, which they may crop, rather than a mess."""


def bar_width(width: int) -> int:
    """The bar grows with the terminal: 12 cells at 80 columns, at most 60."""
    return min(max((width - FIXED) * 2 // 5 - 8, 8), 60)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _date_lines(row: Row) -> list[str]:
    text = row.shown.text if row.shown else "undated"
    if len(text) <= DATE_WIDTH:
        return [text]
    return _wrap(text.replace("/", "/ "), DATE_WIDTH)  # a range breaks after its slash


def note(row: Row) -> str | None:
    """What the row needs beside its title: the original date, then the item's note."""
    item, found = row.item, []
    if item.planned is not None and row.shown is not None and row.shown != item.planned:
        lead = "re-planned; originally" if item.replans else "planned"
        found.append(f"{lead} {item.planned.text}")
    if item.note:
        found.append(item.note)
    return "; ".join(found) or None


def _row_lines(row: Row, axis: Axis | None, as_of: date, width: int) -> list[Line]:
    title_width = width - FIXED - bar_width(width)
    style = row.status.value
    titles = [(t, "") for t in _wrap(row.item.title, title_width)]
    extra = note(row)
    if extra:
        titles += [(t, "note") for t in _wrap(extra, title_width)]
    dates = _date_lines(row)
    cells = bar(row, axis, as_of) if axis else [Cell.BLANK] * bar_width(width)
    lines: list[Line] = []
    for n in range(max(len(titles), len(dates))):
        status = f"{SYMBOLS[row.status]} {row.status.word}" if n == 0 else ""
        line: Line = [(" " * INDENT, ""), (status.ljust(STATUS_WIDTH), style), (" ", "")]
        line.append(((dates[n] if n < len(dates) else "").ljust(DATE_WIDTH), ""))
        line.append((" ", ""))
        if n == 0:
            line += [(c.value, _cell_style(c, style)) for c in cells]
        else:
            line.append((" " * len(cells), ""))
        line.append((" ", ""))
        line.append(titles[n] if n < len(titles) else ("", ""))
        lines.append(_merge(line))
    return lines


def _cell_style(cell: Cell, style: str) -> str:
    return {Cell.MARKER: "marker", Cell.BLANK: ""}.get(cell, style)


def _merge(line: Line) -> Line:
    """Join neighbouring segments of one style, so a terminal gets few escape codes."""
    merged: Line = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def summary_text(summary: Summary) -> str:
    counts = summary.counts
    parts = [f"{counts.get(Status.DONE, 0)} done", f"{counts.get(Status.OVERDUE, 0)} overdue"]
    parts += [f"{n} {s.word}" for s, n in counts.items() if s not in (Status.DONE, Status.OVERDUE)]
    upcoming = summary.next
    if upcoming is None:
        ahead = "nothing planned ahead"
    else:
        when = upcoming.shown.text if upcoming.shown else "undated"
        ahead = f"{upcoming.item.title} ({when}, {upcoming.status.word})"
    return f"Summary: {', '.join(parts)}; next: {ahead}"


def _programme_lines(programme: ProgrammeView, view: View, width: int) -> list[Line]:
    heading = f"{programme.title} [{programme.id}]" if programme.id else programme.title
    lines: list[Line] = [[(t, "heading")] for t in _wrap(heading, width)]
    lines += [
        [(" " * INDENT if i == 0 else " " * (INDENT + 2), ""), (t, "")]
        for i, t in enumerate(_wrap(summary_text(programme.summary), width - INDENT - 2))
    ]
    axis = axis_for(programme.all_rows, bar_width(width))
    scale = labels(axis, view.as_of) if axis else " " * bar_width(width)
    head = " " * INDENT + "status".ljust(STATUS_WIDTH + 1) + "date".ljust(DATE_WIDTH + 1)
    lines.append([(head, "axis"), (scale, "axis"), (" item", "axis")])
    for group in programme.groups:
        if group.arrangement is not None:
            text = f"Arrangement: {group.title}"
            lines += [[(" " * INDENT, ""), (t, "arrangement")] for t in _wrap(text, width - 2)]
        for row in group.rows:
            lines += _row_lines(row, axis, view.as_of, width)
    return lines


def layout(view: View, width: int = PLAIN_WIDTH) -> list[Line]:
    """The whole table, each line at most ``width`` columns (at least ``MIN_WIDTH``)."""
    width = max(width, MIN_WIDTH)
    within = f"{view.within} day" + ("" if view.within == 1 else "s")
    title = f"Timeline as of {view.as_of.isoformat()}; due soon means within {within}"
    legend = (
        f"Bars: {Cell.PLAN.value} done, closed or planned  {Cell.ORIGINAL.value} original "
        f"plan  {Cell.MARKER.value} as of (◂ ▸ off the axis)"
    )
    lines = [[(t, "heading")] for t in _wrap(title, width)]
    lines += [[(t, "axis")] for t in _wrap(legend, width)]
    shown = [p for p in view.programmes if p.rows or view.statuses is None]
    for programme in shown:
        lines.append([])
        lines += _programme_lines(programme, view, width)
    if not view.programmes:
        lines += [[], [("No programmes in the records.", "")]]
    elif not shown:
        wanted = ", ".join(sorted(s.value for s in view.statuses or ()))
        lines += [[], [(f"No items with status {wanted}.", "")]]
    return lines


def plain(view: View, width: int = PLAIN_WIDTH) -> str:
    """Stable text for pipes and NO_COLOR: no colour, no trailing spaces."""
    return "".join(
        "".join(text for text, _ in line).rstrip() + "\n" for line in layout(view, width)
    )
