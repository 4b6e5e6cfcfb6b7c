"""The eight kinds of record, one YAML file each, under ``data/<kind folder>/``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shsv.model.parts import (
    Appendix,
    BackgroundPapers,
    Closure,
    Contact,
    CostShare,
    DocumentLink,
    Exemption,
    ForwardPlan,
    MeetingRef,
    OptionsQuestion,
    Person,
    RecommendationEntry,
    Replan,
    Resolution,
    Saving,
    Section,
    Source,
    StatusChange,
    Urgency,
    Vote,
)
from shsv.model.refs import (
    ArrangementRef,
    CouncilRef,
    MeetingRefId,
    MilestoneRef,
    PartnerRef,
    ProgrammeRef,
    ReportRef,
)
from shsv.model.types import Day, FuzzyDate, Id, Markdown, Strict, Text, Url


class Record(Strict):
    """Fields every record has. ``id`` equals the file name without ``.yaml``."""

    id: Id
    sources: list[Source] = Field(default_factory=list)
    """The public documents this record was taken from."""
    notes: list[Markdown] = Field(default_factory=list)
    """Remarks for the people keeping the records; never printed in papers."""


class Council(Record):
    """A council: it publishes papers in its own house style and holds meetings."""

    name: Text
    short_names: list[Text] = Field(default_factory=list)
    """Abbreviations used in papers (HDC, SCDC). Never used as references."""
    tier: Literal["county", "district", "unitary", "metropolitan-district", "london-borough"]
    gss_code: str | None = Field(default=None, pattern=r"^E[0-9]{8}$")
    website: Url | None = None
    contacts: list[Contact] = Field(default_factory=list)
    style: Id | None = None
    """The house style its papers use (a template folder); default: the council's id."""
    call_in_days: int | None = Field(default=None, ge=0, le=30)
    """Working days after a decision is published before it takes effect (call-in)."""


class Organisation(Record):
    """A body other than a council: a company, joint venture, adviser or partnership."""

    name: Text
    short_names: list[Text] = Field(default_factory=list)
    type: Literal[
        "company", "joint-venture-company", "adviser", "partnership", "government", "other"
    ]
    owners: list[PartnerRef] = Field(default_factory=list)
    """For a joint venture: the councils and companies that formed it."""
    formed: FuzzyDate | None = None
    purpose: Markdown | None = None
    website: Url | None = None
    contacts: list[Contact] = Field(default_factory=list)


class Programme(Record):
    """A shared-services programme over years, or an initiative that bears on one."""

    title: Text
    short_names: list[Text] = Field(default_factory=list)
    type: Literal["shared-services", "initiative"] = "shared-services"
    partners: list[PartnerRef] = Field(default_factory=list)
    lead: PartnerRef | None = None
    owner: PartnerRef | None = None
    """For an initiative: the body that runs it."""
    started: FuzzyDate | None = None
    origin: Markdown | None = None
    """What started it, as the papers say."""
    description: list[Markdown] = Field(default_factory=list)
    principles: list[Markdown] = Field(default_factory=list)
    """Principles agreed for the whole programme (lead authority, location, cost sharing)."""
    related: list[ProgrammeRef] = Field(default_factory=list)
    """Other programmes and initiatives that bear on this one."""


class Arrangement(Record):
    """One service (or workstream) shared between partners under a model."""

    title: Text
    programme: ProgrammeRef
    services: list[Text] = Field(default_factory=list)
    partners: list[PartnerRef] = Field(default_factory=list)
    model: (
        Literal[
            "lead-authority",
            "joint-committee",
            "joint-venture-company",
            "strategic-partnership",
            "management-services",
            "shared-management",
            "other",
        ]
        | None
    ) = None
    provider: PartnerRef | None = None
    """The council or company that delivers the service for the partners."""
    lead: PartnerRef | None = None
    location: Text | None = None
    description: list[Markdown] = Field(default_factory=list)
    principles: list[Markdown] = Field(default_factory=list)
    status: list[StatusChange] = Field(default_factory=list)
    """The status over time, oldest first."""
    cost_shares: list[CostShare] = Field(default_factory=list)
    savings: list[Saving] = Field(default_factory=list)


class Meeting(Record):
    """A meeting of a council's cabinet, committee or panel."""

    council: CouncilRef
    body: Text
    """E.g. Cabinet; Overview and Scrutiny Panel (Economic Well Being)."""
    date: FuzzyDate | None = None
    agenda_published: Day | None = None
    """When the agenda papers were open to inspection."""
    venue: Text | None = None


class Report(Record):
    """A paper to one or more meetings, in its council's house style."""

    title: Text
    council: CouncilRef
    """The council that publishes the paper, whose house style it uses."""
    councils: list[CouncilRef] = Field(default_factory=list)
    """Other councils the paper also goes to (a joint report)."""
    programme: ProgrammeRef | None = None
    arrangements: list[ArrangementRef] = Field(default_factory=list)
    meetings: list[MeetingRef] = Field(default_factory=list)
    report_of: Text | None = None
    portfolio: Text | None = None
    cabinet_member: Person | None = None
    wards: list[Text] = Field(default_factory=list)
    """Wards or electoral divisions affected, as written (e.g. All Wards)."""
    purpose: list[Markdown] = Field(default_factory=list)
    decision_type: Literal["key", "non-key", "referral-from-officers"] | None = None
    forward_plan: ForwardPlan | None = None
    urgency: Urgency | None = None
    exempt: Exemption | None = None
    """Present when the paper is not for publication."""
    executive_summary: list[Markdown] = Field(default_factory=list)
    recommendations: list[RecommendationEntry] = Field(default_factory=list)
    body: list[Section] = Field(default_factory=list)
    background_papers: BackgroundPapers | None = None
    appendices: list[Appendix] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    reference: Text | None = None
    follows: list[ReportRef] = Field(default_factory=list)
    """Earlier reports this one follows on from."""


class Decision(Record):
    """A meeting's decision on a report: the minute or decision notice."""

    title: Text
    meeting: MeetingRefId
    agenda_item: Text | None = None
    report: ReportRef | None = None
    """The report considered."""
    cabinet_member: Person | None = None
    summary: list[Markdown] = Field(default_factory=list)
    options_intro: Markdown | None = None
    options: list[OptionsQuestion] = Field(default_factory=list)
    moved_by: Text | None = None
    seconded_by: Text | None = None
    motion: Markdown | None = None
    vote: Vote | None = None
    resolutions: list[Resolution] = Field(default_factory=list)
    officer_responsible: Text | None = None
    reasons: list[Markdown] = Field(default_factory=list)
    supporting_documents: list[DocumentLink] = Field(default_factory=list)
    published: Day | None = None
    """When the decision notice was published (call-in runs from here)."""


class Milestone(Record):
    """A dated step of a programme or arrangement. Its status is computed, never stored."""

    title: Text
    programme: ProgrammeRef
    arrangement: ArrangementRef | None = None
    description: list[Markdown] = Field(default_factory=list)
    planned: FuzzyDate | None = None
    replanned: list[Replan] = Field(default_factory=list)
    started: FuzzyDate | None = None
    actual: FuzzyDate | None = None
    """When it was done."""
    cancelled: Closure | None = None
    fallen: Closure | None = None
    depends_on: list[MilestoneRef] = Field(default_factory=list)
    report: ReportRef | None = None
    """The report that plans or records it."""


KINDS: dict[str, type[Record]] = {
    "councils": Council,
    "organisations": Organisation,
    "programmes": Programme,
    "arrangements": Arrangement,
    "meetings": Meeting,
    "reports": Report,
    "decisions": Decision,
    "milestones": Milestone,
}
"""Folder under ``data/`` -> the kind of record its files hold."""

KIND_NAMES: dict[type[Record], str] = {
    model: folder.removesuffix("s") for folder, model in KINDS.items()
}
