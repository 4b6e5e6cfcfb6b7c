"""The catalogue of diagnostic codes: one source for ``shsv rules`` and the README.

Codes are stable: a code is never reused for a different finding. The letter says
which phase finds it: Y reading the file, S the record's schema, R references
across records, D the domain and statutory rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from shsv.diagnostics import Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    citation: str = ""


RULES: tuple[Rule, ...] = (
    # Y: reading the file
    Rule("Y101", "yaml-syntax", E, "The file is not well-formed YAML."),
    Rule("Y102", "duplicate-key", E, "A key appears twice in one mapping; YAML forbids it."),
    Rule("Y103", "encoding", E, "The file is not valid UTF-8 text."),
    Rule("Y104", "tab-indentation", E, "A line is indented with a tab; indent with spaces."),
    Rule("Y105", "multiple-documents", E, "A record file holds exactly one YAML document."),
    Rule("Y106", "anchor-alias", E, "Anchors and aliases are refused: records are plain data."),
    Rule("Y107", "tag", E, "Explicit tags (such as !!python/...) are refused."),
    Rule("Y108", "merge-key", E, "Merge keys (<<) are refused: write each field out."),
    Rule("Y109", "file-too-large", E, "The file is larger than the size limit for a record."),
    Rule("Y110", "too-deep", E, "The data is nested deeper than any record needs."),
    Rule("Y111", "too-many-nodes", E, "The file holds more values than any record needs."),
    Rule(
        "Y112",
        "forbidden-character",
        E,
        "Text holds a control, bidirectional-override or surrogate character.",
    ),
    Rule("Y113", "empty-file", E, "The file holds no record."),
    Rule("Y114", "not-a-mapping", E, "A record file's top level is a mapping of fields."),
    Rule("Y115", "non-string-key", E, "Every key is a plain string field name."),
    Rule("Y116", "number-out-of-range", E, "A number is too large to be a real value."),
    Rule("Y117", "unreadable", E, "The file could not be read."),
    # S: the record's schema
    Rule("S201", "unknown-field", E, "The field is not part of this kind of record."),
    Rule("S202", "missing-field", E, "A required field is missing."),
    Rule("S203", "wrong-type", E, "The value has the wrong type (strict: 'yes' is not true)."),
    Rule("S204", "invalid-value", E, "The value is not one the field allows."),
    Rule(
        "S205", "invalid-date", E, "A date is not a real calendar date or not in a form shsv reads."
    ),
    Rule(
        "S206",
        "invalid-id",
        E,
        "An id is a lower-case slug (a-z, 0-9, single hyphens) usable as a file name.",
    ),
    # R: references across records
    Rule("R301", "unknown-reference", E, "The id refers to no record."),
    Rule("R302", "duplicate-id", E, "Two records have the same id."),
    Rule("R303", "id-file-mismatch", E, "A record's id equals its file name."),
    Rule("R304", "wrong-kind-reference", E, "The id refers to a record of another kind."),
    Rule("R305", "dependency-cycle", E, "Milestone dependencies form a cycle."),
    Rule(
        "R306",
        "unknown-folder",
        E,
        "Record files live under data/ in a folder named for their kind.",
    ),
    # D: domain and statutory rules
    Rule(
        "D401",
        "forward-plan-notice",
        E,
        "A key decision is in the forward plan at least 28 clear days before it is taken, "
        "unless the general exception or special urgency procedure is recorded.",
        "The Local Authorities (Executive Arrangements) (Meetings and Access to "
        "Information) (England) Regulations 2012, regs 9, 10 and 11",
    ),
    Rule(
        "D402",
        "forward-plan-date-missing",
        W,
        "A key decision has no forward-plan publication date, so its notice period "
        "cannot be checked.",
        "The Local Authorities (Executive Arrangements) (Meetings and Access to "
        "Information) (England) Regulations 2012, reg 9",
    ),
    Rule(
        "D403",
        "exempt-paragraph",
        E,
        "Exempt information names its paragraph (1 to 7) of Part 1 of Schedule 12A.",
        "Local Government Act 1972, Schedule 12A, Part 1",
    ),
    Rule(
        "D404",
        "agenda-notice",
        E,
        "Agenda papers are open to inspection at least five clear days before the meeting.",
        "Local Government Act 1972, section 100B",
    ),
    Rule("D405", "mover-seconder", E, "The mover and the seconder are two different members."),
    Rule("D406", "vote-count", E, "'Unanimous' agrees with the recorded vote counts."),
    Rule("D407", "preferred-option", E, "The preferred option is one of the options offered."),
    Rule("D408", "resolution-numbering", E, "Resolutions are numbered 1, 2, 3... without gaps."),
    Rule(
        "D409",
        "paragraph-numbering",
        E,
        "Sections, paragraphs and recommendations are numbered without gaps or repeats.",
    ),
    Rule("D410", "cost-shares", E, "Cost-sharing proportions between partners add up to 100%."),
    Rule(
        "D411",
        "date-precision",
        E,
        "A date that a statutory check or a record's order relies on is exact to the day.",
    ),
    Rule(
        "D412",
        "milestone-order",
        E,
        "A milestone is not done before it started, nor before a milestone it depends on.",
    ),
    Rule(
        "D413",
        "alternatives-recorded",
        W,
        "A decision records the alternative options considered and rejected.",
        "The Local Authorities (Executive Arrangements) (Meetings and Access to "
        "Information) (England) Regulations 2012, reg 12",
    ),
    Rule(
        "D414",
        "lead-is-partner",
        E,
        "An arrangement's lead authority and cost-sharers are among its partners.",
    ),
    Rule(
        "D415", "done-in-future", W, "A date recorded as having happened lies after the as-of date."
    ),
    Rule("D416", "status-order", E, "An arrangement's status history is in date order."),
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule(code: str) -> Rule:
    return BY_CODE[code]
