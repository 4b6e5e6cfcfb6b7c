"""The pieces records are made of: sources, contacts, paragraphs, sections, options."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Tag

from shsv.model.refs import DecisionRef, MeetingRefId, PartnerRef, ReportRef
from shsv.model.types import (
    MAP_FORM,
    SHAPE,
    Day,
    Email,
    FuzzyDate,
    Markdown,
    Percent,
    Strict,
    Telephone,
    Text,
    TextForm,
    Url,
)


class Source(Strict):
    """The public document a record was taken from."""

    document: Text
    """The document's file name or citation, e.g. ``000_a96001623f51547d.txt``."""
    title: Text
    """The document's title as published."""
    url: Url | None = None
    locator: Text | None = None
    """Where in the document: a paragraph, section or page."""


class Person(Strict):
    """Someone named by role, by name, or both (papers name roles more than people)."""

    name: Text | None = None
    role: Text | None = None


class Contact(Strict):
    """An officer or member contact printed on a paper."""

    kind: Literal["officer", "member"] = "officer"
    name: Text | None = None
    role: Text | None = None
    """The post, e.g. Chief Executive."""
    portfolio: Text | None = None
    telephone: Telephone | None = None
    email: Email | None = None


class ListItem(Strict):
    """A bullet with its own nested bullets."""

    text: Markdown
    items: list[ListEntry] = Field(default_factory=list)


ListEntry = Annotated[TextForm | Annotated[ListItem, Tag(MAP_FORM)], SHAPE]


class Table(Strict):
    """A simple table: header cells, then rows of cells."""

    caption: Text | None = None
    columns: list[Text] = Field(min_length=1)
    rows: list[list[Markdown | None]] = Field(default_factory=list)
    row_headers: bool = False
    """The first cell of each row heads that row."""


class Paragraph(Strict):
    """A paragraph as numbered in the paper, with its bullets or table."""

    number: Text | None = None
    text: Markdown | None = None
    items: list[ListEntry] = Field(default_factory=list)
    ordered: bool = False
    """Bullets are numbered (a, b, c or 1, 2, 3) rather than dotted."""
    table: Table | None = None


ParagraphEntry = Annotated[TextForm | Annotated[Paragraph, Tag(MAP_FORM)], SHAPE]


class Option(Strict):
    """One option put to the meeting, with its analysis."""

    number: int = Field(ge=1)
    title: Text | None = None
    description: list[Markdown] = Field(default_factory=list)
    advantages: list[Markdown] = Field(default_factory=list)
    disadvantages: list[Markdown] = Field(default_factory=list)
    risks: list[Markdown] = Field(default_factory=list)


class OptionsQuestion(Strict):
    """One question the options answer, e.g. 'in respect of Revenues and Benefits'."""

    question: Text | None = None
    options: list[Option] = Field(min_length=1)
    preferred: int | None = None
    """The number of the officers' preferred option."""
    preferred_reason: list[Markdown] = Field(default_factory=list)


Role = Literal[
    "introduction",
    "purpose",
    "background",
    "options",
    "conclusion",
    "policy-framework",
    "impact-assessment",
    "financial",
    "other-resources",
    "human-resources",
    "information-services",
    "property",
    "open-spaces",
    "s151-officer",
    "legal",
    "monitoring-officer",
    "climate-change",
    "access-and-inclusion",
    "consultation",
    "statutory-duties",
    "resources",
    "risks",
    "timetable",
    "scrutiny-comments",
    "reasons",
    "appendices",
]
"""What a standing section is; a house style gives it its heading when none is written."""


class Section(Strict):
    """A numbered section of a paper, or one of the standing sections its template asks for."""

    number: Text | None = None
    heading: Text | None = None
    role: Role | None = None
    note: Text | None = None
    """A bracketed line under the heading, e.g. '(Comments from the Assistant Director)'."""
    paragraphs: list[ParagraphEntry] = Field(default_factory=list)
    options: list[OptionsQuestion] = Field(default_factory=list)
    subsections: list[Section] = Field(default_factory=list)


class Recommendation(Strict):
    """A recommendation, with nested points."""

    number: Text | None = None
    text: Markdown
    items: list[RecommendationEntry] = Field(default_factory=list)


RecommendationEntry = Annotated[TextForm | Annotated[Recommendation, Tag(MAP_FORM)], SHAPE]


class MeetingRef(Strict):
    """A meeting a paper goes to."""

    meeting: MeetingRefId
    agenda_item: Text | None = None
    purpose: Literal["decision", "comment", "information"] | None = None


class ForwardPlan(Strict):
    """The paper's entry in the forward plan (notice of key decisions)."""

    reference: Text | None = None
    published: Day | None = None
    """The day the notice was first published."""


class Urgency(Strict):
    """A key decision taken without 28 clear days' notice, and how that was allowed."""

    procedure: Literal["general-exception", "special-urgency"]
    notice_published: Day | None = None
    agreed_by: Text | None = None
    """Who agreed: the scrutiny chair, or the chair of the council."""
    reason: Markdown | None = None


class Exemption(Strict):
    """Information exempt from publication, and its Schedule 12A paragraph."""

    paragraph: int | None = None
    reason: Markdown | None = None


class BackgroundPaper(Strict):
    title: Text
    url: Url | None = None
    exempt_paragraph: int | None = None


class BackgroundPapers(Strict):
    """The paper's background papers; an empty list prints as 'None'."""

    papers: list[BackgroundPaper] = Field(default_factory=list)
    exempt_paragraph: int | None = None
    """All background papers are exempt under this Schedule 12A paragraph."""


class Appendix(Strict):
    label: Text
    title: Text
    exempt_paragraph: int | None = None
    url: Url | None = None


class Vote(Strict):
    """How members voted: unanimously, or by counts."""

    unanimous: bool = False
    in_favour: int | None = Field(default=None, ge=0)
    against: int | None = Field(default=None, ge=0)
    abstained: int | None = Field(default=None, ge=0)


class Resolution(Strict):
    number: int = Field(ge=1)
    text: Markdown


class DocumentLink(Strict):
    title: Text
    url: Url | None = None


ArrangementStatus = Literal[
    "exploring", "business-case", "negotiating", "agreed", "live", "deferred", "fallen"
]


class StatusChange(Strict):
    """An arrangement's status from a date, and why."""

    status: ArrangementStatus
    date: FuzzyDate | None = None
    """When; leave it out when the paper does not say (the decision may still date it)."""
    reason: Markdown | None = None
    report: ReportRef | None = None
    decision: DecisionRef | None = None


class CostShare(Strict):
    partner: PartnerRef
    percent: Percent


class Saving(Strict):
    """A saving or efficiency, with what it is counted in."""

    description: Markdown
    amount: int | None = Field(default=None, ge=0)
    """Pounds a year."""
    basis: Text | None = None
    year: Text | None = None
    counted_in: Text | None = None
    """e.g. the draft revenue budget, the Medium Term Financial Strategy."""


class Replan(Strict):
    """A milestone moved to a new date."""

    date: FuzzyDate
    recorded: FuzzyDate | None = None
    reason: Markdown | None = None


class Closure(Strict):
    """A milestone cancelled or fallen, when and why."""

    date: FuzzyDate
    reason: Markdown | None = None
