"""The record model: pydantic schemas for every kind of record."""

from shsv.model.records import (
    KIND_NAMES,
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

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "Arrangement",
    "Council",
    "Decision",
    "Meeting",
    "Milestone",
    "Organisation",
    "Programme",
    "Record",
    "Report",
]
