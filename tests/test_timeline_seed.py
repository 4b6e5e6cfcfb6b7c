"""The seed papers' dated events are all on the timeline, with the statuses the records give."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import ROOT
from shsv.repository import Repository
from shsv.timeline.items import Kind, Status
from shsv.timeline.view import Row, make_view

LANCASTER = "lancaster-shared-services-programme"
THREE = "three-council-shared-services"
LGSS = "local-government-shared-services"


def rows_on(as_of: str) -> dict[str, Row]:
    day = date.fromisoformat(as_of)
    repo = Repository.load(ROOT, day)
    view = make_view(repo, day)
    assert [p.id for p in view.programmes] == [
        "putting-the-frontline-first",
        LGSS,
        "making-cambridgeshire-count",
        LANCASTER,
        THREE,
    ]
    return {f"{row.item.programme} {row.item.id}": row for row in view.rows}


def written(row: Row) -> str | None:
    return row.shown.text if row.shown else None


# Each event issue 4 names, with the date as the paper writes it.
EVENTS = {
    f"{LANCASTER} {LANCASTER}/started": (Kind.STARTED, "Q1 2010"),
    f"{LANCASTER} lancaster-2011-04-19-shared-services-progress/"
    "lancaster-city-council-cabinet-2011-04-19": (Kind.MEETING, "2011-04-19"),
    f"{LANCASTER} lancaster-2011-07-26-shared-services-programme/"
    "lancaster-city-council-cabinet-2011-07-26": (Kind.MEETING, "2011-07-26"),
    f"{LANCASTER} lancaster-2012-01-shared-services-update/"
    "lancaster-city-council-cabinet-2012-01": (Kind.MEETING, "January 2012"),
    f"{LANCASTER} lancaster-2012-05-29-shared-services-one-connect-limited/"
    "lancaster-city-council-cabinet-2012-05-29": (Kind.MEETING, "2012-05-29"),
    f"{LANCASTER} one-connect-limited/formed": (Kind.FORMED, "2011-04-19/2011-07-26"),
    f"{LANCASTER} lancaster-revenues-and-benefits-minute": (Kind.DECISION, None),
    f"{THREE} {THREE}/started": (Kind.STARTED, "July 2014"),
    f"{THREE} three-council-partnership-agreed": (Kind.MILESTONE, "July 2014"),
    f"{THREE} huntingdonshire-2014-10-23-shared-services/"
    "huntingdonshire-district-council-scrutiny-panel-2014-10-09": (Kind.MEETING, "2014-10-09"),
    f"{THREE} huntingdonshire-2014-10-23-shared-services/"
    "huntingdonshire-district-council-cabinet-2014-10-23": (Kind.MEETING, "2014-10-23"),
    f"{THREE} three-council-shared-services-joint-report-2014/decision": (Kind.DECISION, None),
    f"{LGSS} lgss-report-to-cabinet-early-2010": (Kind.MILESTONE, "early 2010"),
}


def test_every_dated_event_of_the_seed_papers_appears() -> None:
    rows = rows_on("2012-06-01")
    for key, (kind, text) in EVENTS.items():
        assert key in rows, key
        assert (rows[key].item.kind, written(rows[key])) == (kind, text), key


def test_the_revenues_and_benefits_decision_is_shown_undated_with_what_it_decided() -> None:
    row = rows_on("2012-06-01")[f"{LANCASTER} lancaster-revenues-and-benefits-minute"]
    assert row.status is Status.UNDATED
    assert row.item.note == "Management of Revenues and Benefits by Preston City Council: agreed"
    assert row.item.path == "data/decisions/lancaster-revenues-and-benefits-minute.yaml"


STATUSES = [
    # (as of, item, status)
    ("2012-06-01", f"{LGSS} lgss-report-to-cabinet-early-2010", Status.OVERDUE),
    ("2010-03-01", f"{LGSS} lgss-report-to-cabinet-early-2010", Status.ON_TRACK),
    ("2010-04-10", f"{LGSS} lgss-report-to-cabinet-early-2010", Status.DUE_SOON),
    ("2012-06-01", f"{LGSS} lgss-outline-business-case", Status.UNDATED),
    ("2012-06-01", f"{LANCASTER} lancaster-ict/status-2", Status.FALLEN),
    ("2012-05-28", f"{LANCASTER} lancaster-ict/status-2", Status.DUE_SOON),
    ("2012-06-01", f"{LANCASTER} lancaster-telephony-customer-services/status-2", Status.FALLEN),
    ("2012-06-01", f"{LANCASTER} lancaster-emergency-call-handling/status-1", Status.DONE),
    ("2012-06-01", f"{LANCASTER} lancaster-ojeu-notice", Status.DONE),
    ("2011-06-01", f"{LANCASTER} one-connect-limited/formed", Status.ON_TRACK),
    ("2011-07-26", f"{LANCASTER} one-connect-limited/formed", Status.DONE),
    ("2012-01-15", f"{LANCASTER} {LANCASTER}/started", Status.DONE),
    (
        "2012-06-01",
        f"{THREE} three-council-shared-services-joint-report-2014/decision",
        Status.UNDATED,
    ),
    ("2014-10-15", f"{THREE} three-council-partnership-agreed", Status.DONE),
]


@pytest.mark.parametrize(("as_of", "key", "expected"), STATUSES)
def test_statuses_follow_the_records_on_each_date(as_of: str, key: str, expected: Status) -> None:
    assert rows_on(as_of)[key].status is expected


def test_january_2012_counts_as_held_once_january_is_over() -> None:
    meeting = "lancaster-2012-01-shared-services-update/lancaster-city-council-cabinet-2012-01"
    key = f"{LANCASTER} {meeting}"
    assert rows_on("2012-01-30")[key].status is Status.DUE_SOON
    assert rows_on("2012-01-31")[key].status is Status.DONE


def test_on_2012_06_01_lancaster_is_done_bar_its_falls_and_undated_items() -> None:
    rows = rows_on("2012-06-01")
    lancaster = [row.status for key, row in rows.items() if key.startswith(LANCASTER)]
    assert set(lancaster) == {Status.DONE, Status.FALLEN, Status.UNDATED}
    three = {row.status for key, row in rows.items() if key.startswith(THREE)}
    assert three == {Status.ON_TRACK, Status.UNDATED}


def test_in_october_2014_the_huntingdonshire_meetings_move_from_due_soon_to_done() -> None:
    prefix = f"{THREE} huntingdonshire-2014-10-23-shared-services/huntingdonshire-district-council"
    rows = rows_on("2014-10-15")
    assert rows[f"{prefix}-scrutiny-panel-2014-10-09"].status is Status.DONE
    assert rows[f"{prefix}-cabinet-2014-10-23"].status is Status.DUE_SOON
    assert rows_on("2014-10-23")[f"{prefix}-cabinet-2014-10-23"].status is Status.DONE
