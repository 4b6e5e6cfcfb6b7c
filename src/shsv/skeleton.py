"""New record files: a commented skeleton with its required fields filled in.

The skeleton is built from the kind's JSON Schema, so every optional field appears as
a comment with a placeholder of the right shape and its description; uncommenting
one gives a record that still validates once the placeholder is replaced.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

from shsv import jsonschemas, schema, yamlread
from shsv.dates import JSON_PATTERN
from shsv.errors import UsageError
from shsv.model import KIND_NAMES, Record
from shsv.model.refs import ref_kinds
from shsv.model.types import MAX_ID, SLUG_PATTERN, is_id

_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ()&'.,/-]*[A-Za-z0-9).'])?")
# Words YAML (1.1 or 1.2) would read as something other than text when left plain.
_SPECIAL = frozenset(["true", "false", "null", "yes", "no", "on", "off", "y", "n"])


def required(model: type[Record]) -> list[str]:
    """The fields a record of this kind must have, in the model's order."""
    return [name for name, info in model.model_fields.items() if info.is_required()]


def choices(model: type[Record], field: str) -> tuple[str, ...] | None:
    """The allowed values of a field that takes one of a fixed set of words."""
    annotation = model.model_fields[field].annotation
    if get_origin(annotation) is Literal:
        return tuple(str(arg) for arg in get_args(annotation))
    return None


def reference(model: type[Record], field: str) -> str | None:
    """The kind a field refers to, when it names exactly one kind of record."""
    kinds = ref_kinds(model.model_fields[field])
    return kinds[0] if kinds and len(kinds) == 1 else None


def slug(text: str) -> str:
    """An id from a name or title: 'Cambridge City Council' -> 'cambridge-city-council'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > MAX_ID:
            break
        out = f"{out}-{word}" if out else word
    return out


def check_id(value: str) -> str:
    """The id itself, or a usage error saying what an id may be (no paths, no dots)."""
    if not is_id(value):
        raise UsageError(
            f"{value!r} is not a valid id: use lower-case letters, digits and single hyphens "
            f"(at most {MAX_ID} characters, not a reserved file name such as 'con')"
        )
    return value


Ask = Callable[[str, str, tuple[str, ...] | None], str]
"""Asks a person for a field: (option, label, allowed values) -> answer."""


def complete(model: type[Record], given: dict[str, str], ask: Ask | None) -> dict[str, str]:
    """The required fields of a new record: those given, then asked for (when ``ask``),
    and an id made from the name or title when none is given."""
    kind, fields = KIND_NAMES[model], required(model)
    takes = ", ".join(f"--{f}" for f in fields)
    for option in given:
        if option not in fields:
            raise UsageError(f"a new {kind} does not take --{option}; it takes {takes}")
    values = dict(given)
    missing = [f for f in fields if f != "id" and f not in values]
    for field in missing:
        if ask is None:
            needed = " and ".join(f"--{f}" for f in missing)
            raise UsageError(f"a new {kind} needs {needed} (or run on a terminal to be asked)")
        label = field.replace("_", " ").capitalize()
        values[field] = ask(f"--{field}", label, choices(model, field))
    for field in fields:
        allowed = choices(model, field)
        if allowed and values[field] not in allowed:
            near = difflib.get_close_matches(values[field], allowed, n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            raise UsageError(f"--{field} must be one of {', '.join(allowed)}{hint}")
    if "id" not in values:
        words = (
            values.get("name")
            or values.get("title")
            or f"{values.get('council')} {values.get('body')}"
        )
        values["id"] = slug(words)
        if not values["id"]:
            raise UsageError(f"cannot make an id from {words!r}; give --id")
    check_id(values["id"])
    return {field: values[field] for field in fields}


def check_new(model: type[Record], values: dict[str, str], known: set[tuple[str, str]]) -> None:
    """Refuse an id another record has, and a reference to no record of its kind.

    ``known`` holds (kind, id) for every record file in the repository.
    """
    taken = sorted(kind for kind, record_id in known if record_id == values["id"])
    if taken:
        raise UsageError(f"a {taken[0]} already has the id {values['id']}; choose another --id")
    for field, value in values.items():
        target = reference(model, field)
        if target and (target, value) not in known:
            raise UsageError(
                f"--{field}: no {target} has the id {value}; shsv list {target}s shows them"
            )


def record_text(model: type[Record], values: dict[str, str], rel: str) -> str:
    """The file for a new record: schema line, required fields, then optional ones commented.

    ``values`` holds the required fields; ``rel`` is where the file goes, relative to the
    repository root. Raises ``UsageError`` when a value is not one the schema allows.
    """
    data = {name: values[name] for name in required(model)}
    _check(model, data)
    lines = [jsonschemas.modeline(rel, KIND_NAMES[model])]
    lines += [f"{name}: {scalar(value)}" for name, value in data.items()]
    lines.append("# Optional fields: delete the '# ' before a field to fill it in.")
    properties = jsonschemas.generate(model)
    definitions = properties.get("definitions", {})
    for name, prop in properties["properties"].items():
        if name not in data:
            lines += _commented(name, prop, definitions)
    text = "\n".join(lines) + "\n"
    # The file must read back as exactly these fields; anything else is a bug here.
    doc = yamlread.read(text.encode("utf-8"))
    assert not isinstance(doc, yamlread.Problem) and doc.data == data, doc
    return text


def _check(model: type[Record], data: dict[str, str]) -> None:
    for name, value in data.items():
        bad = yamlread.FORBIDDEN.search(value)
        if bad:
            raise UsageError(f"{name}: character U+{ord(bad.group()):04X} is not allowed")
    record, findings = schema.check(model, data)
    if record is None:
        problems = "; ".join(f.message for f in findings)
        raise UsageError(f"not a valid {KIND_NAMES[model]}: {problems}")


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``, as text."""
    if _PLAIN.fullmatch(value) and value.lower() not in _SPECIAL and "  " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _commented(name: str, prop: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    note = _note(prop.get("description", ""))
    shape = _nonnull(prop)
    items = shape.get("items", {}) if shape.get("type") == "array" else {}
    target = items.get("$ref") or shape.get("$ref")
    if not target:
        value, hint = _placeholder(shape, definitions)
        return [f"# {name}: {value}{_join(note, hint)}"]
    # A mapping (or a list of them): show its required fields, or its first one.
    part = definitions[target.rsplit("/", 1)[1]]
    fields = part.get("required") or list(part["properties"])[:1]
    out = [f"# {name}:{_join(note, '')}"]
    for index, field in enumerate(fields):
        lead = "    " if items and index else ("  - " if items else "  ")
        value, hint = _placeholder(_nonnull(part["properties"][field]), definitions)
        out.append(f"# {lead}{field}: {value}{_join('', hint)}")
    return out


def _nonnull(prop: dict[str, Any]) -> dict[str, Any]:
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    return options[0] if options else prop


def _note(description: str) -> str:
    first = re.split(r"(?<!e\.g)(?<!i\.e)\.(?:\s|$)", description.strip())[0]
    return first if len(first) <= 70 else ""


def _join(note: str, hint: str) -> str:
    text = "; ".join(part for part in (note, hint) if part)
    return f"  # {text}" if text else ""


_EXAMPLES = (
    ("https?", "https://www.example.gov.uk/"),
    ("@", "someone@example.gov.uk"),
    ("E[0-9]{8}", "E00000000"),
    ("\\+?[0-9]", "01234 567890"),
    ("\\d{4}-\\d{2}-\\d{2}", "2012-06-20"),
)


def _placeholder(shape: dict[str, Any], definitions: dict[str, Any]) -> tuple[str, str]:
    """A value of the right shape for a commented field, and a hint about it."""
    if "enum" in shape:
        return shape["enum"][0], "one of: " + ", ".join(shape["enum"])
    pattern = shape.get("pattern", "")
    if pattern == SLUG_PATTERN:
        return "an-id", "the id of another record"
    if pattern == JSON_PATTERN:
        return "Q1 2010", "a date, e.g. 2011-07-26, May 2012, Q1 2010, 2010/11"
    value = _minimal(shape, definitions)
    return (value if isinstance(value, str) else json.dumps(value)), ""


def _minimal(shape: dict[str, Any], definitions: dict[str, Any]) -> Any:
    """The smallest value the schema ``shape`` accepts (lists keep their minimum length)."""
    if "$ref" in shape:
        shape = definitions[shape["$ref"].rsplit("/", 1)[1]]
    shape = _nonnull(shape.get("oneOf", [shape])[0])
    kind = shape.get("type")
    if "enum" in shape:
        return shape["enum"][0]
    if kind == "object":
        props = shape["properties"]
        return {f: _minimal(props[f], definitions) for f in shape.get("required", [])}
    if kind == "array":
        return [_minimal(shape["items"], definitions)] * shape.get("minItems", 0)
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return shape.get("minimum", 0)
    pattern = shape.get("pattern", "")
    if pattern == SLUG_PATTERN:
        return "an-id"
    for marker, example in _EXAMPLES:
        if marker in pattern:
            return scalar(example)
    return "text"
