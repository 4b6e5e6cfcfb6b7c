"""The fast path: parse a record file with the Rust ``yaml-rs`` parser, no positions.

``yaml-rs`` is fast but lenient where records must be strict: it resolves anchors and
aliases, ignores tags, reads several documents, reads ``1_000`` and ``0b11`` as numbers,
and its recursion crashes the process on block nesting some thousands deep. So a file
goes this way only when a cheap scan of its text finds none of those things, and its
result is kept only when it is within the limits; anything suspicious, and any parse
failure at all, returns None and the caller falls back to the exact reader in
``yamlread``, which also gives every finding its position. The two agree on all data
the fast path accepts (tested, and fuzzed), but for one thing left to the schema: a key
that reads as null, a boolean or a number (``1: x``). yaml-rs reads it as that, as the
core schema does, and the exact reader refuses the file for it (Y115); no record schema
accepts a key that is not text either, so the schema check fails and
``validate.place``, reading the file again, gives the exact reader's finding. Looking
for such keys in the text took a quarter of the scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml_rs

from shsv.prescan import quiet
from shsv.yamlbase import DEFAULT_LIMITS, Limits
from shsv.yamltext import FORBIDDEN, precheck

_ITEM = r"[ \t]*(?:-[ \t]+)*"  # a line's indentation and list-item dashes
_NODE_START = r"(?:^[ \t]*|[-?:][ \t]+|[\[{,][ \t]*)"
_ENDS = r"(?=[ \t]*(?:$|[,\]}#]|:(?:[ \t]|$)))"

# Each part is a kind of text that sends a file to the exact reader. False alarms
# cost only time.
# An anchor or tag (a lone "!" is a tag too; "& " is text, or an error to both). An
# alias ("*") needs no look: with no anchor, yaml-rs refuses it as the exact reader
# does, so "**Bold**" at the start of a line in a block scalar keeps the fast path.
_PROPERTY = _NODE_START + r"(?:!|&(?=\S))"
_LINE_START = (
    r"^(?:---|\.\.\.)(?:[ \t]|$)"  # document markers: maybe several documents
    r"|^%"  # directives
    r"|^(?:[ \t]|[-?:][ \t]){40}"  # deep block nesting (crashes yaml-rs)
    # explicit (?) and empty keys, and collections as keys
    rf"|^{_ITEM}(?:[?:](?:[ \t]|$)|\[[^\n]*\][ \t]*:)"
)
_ODD_NUMBER = (  # read by yaml-rs, not by the YAML 1.2 core schema, or out of range
    r"(?:^|[ \t\[,])[-+]?(?:0[bBxXoO][0-9a-fA-F_]*|(?=[0-9._])[0-9.eE+-]*_[0-9._eE+-]*"
    r"|[0-9.]+[eE][-+]?[0-9]{3,})" + _ENDS
)
# What sends a file to the exact reader, as one pattern: the specification the quick
# scan below is tested against (compiled there, not here: no run needs it).
_SUSPECT = "(?m)" + "|".join(
    (
        _PROPERTY,
        _LINE_START,
        _ODD_NUMBER,
        r"<<[ \t]*:",  # merge keys
        r"\{",  # flow mappings: the parsers differ on their edge cases
        r"\t",  # tabs: the parsers differ on tabs as separators
        # line breaks other than LF: the scan sees lines only at LF, so a file
        # broken at bare CRs would hide deep nesting from it (and crash yaml-rs)
        r"[\r\x85\u2028\u2029]",
        r"[0-9]{19}",  # more digits than the exact reader allows
        r"\\[^ntr\"\\/ \n]",  # escapes that may spell a control character
        r"^[ \t]+\Z",  # a last line of only blanks (kept differently in a block scalar)
    )
)


# Scanning 100 MB with _SUSPECT and precheck takes seconds, and almost every file has
# nothing to find. So each part of _SUSPECT runs only when a hint that every match
# of it contains is there; the hints are substring and byte scans many times faster.
# The answers are the same (a test compares them): a hint may fire falsely, never miss.
def _property_hint(text: str) -> bool:
    if "!" in text:
        return True
    # "Finance & Resources" is common; an anchor stands where a node may start and
    # has a name after the "&".
    at = text.find("&")
    while at >= 0:
        before = text[max(0, at - 80) : at].rstrip(" \t")
        named = text[at + 1 : at + 2] not in (" ", "\t", "\n", "\r", "")
        if named and (not before or before[-1] in "\n-?:[{,"):
            return True
        at = text.find("&", at + 1)
    return False


# One pass over the line starts serves every pattern that begins at one, and finds the
# lines that may nest deep too (for _within): 20 characters of indentation and list
# dashes (40 units of them are suspect), or a compact "- -". Nesting starts nowhere
# else: mid-line, "- -" is text or an error to both parsers, and a flow list that
# holds one is refused by _odd_flow. Possessive quantifiers keep the pass from trying
# each line again at every indent; after one dash, another is a compact nest (or
# text: a false alarm costs only time). Tabs need no look (a file with one is suspect
# before this answer counts), and "---", "..." and "%" are looked for after any
# indentation and dashes too: one branch fewer for every line, a third of the pass.
_LINE_START_HINT = re.compile(
    r"\n *+(?:- ++)?+(?:-|[?:](?:[ \t]|$)|\.\.\.|%|\[[^\n]*\][ \t]*:|(?<=[ -]{20}))",
    re.MULTILINE,
).search


def _table(groups: dict[bytes, bytes]) -> bytes:
    table = bytearray(b"x" * 256)
    for members, to in groups.items():
        for member in members:
            table[member] = to[0]
    return bytes(table)


# Bytes with digits and dots made "0", signs "+", what may start a token " ", e and E
# "E", b, o and x (either case) "R", and the rest "x": then one pass finds each place
# that may be a radix (0x1F: "0R") or an exponent of three digits (1e999: "0E000").
_NUMBER_SCAN = _table(
    {
        b"0123456789.": b"0",
        b"+-": b"+",
        b" \t[,\n": b" ",
        b"eE": b"E",
        b"_": b"_",
        b"bBxXoO": b"R",
    }
)
_CANDIDATES = re.compile(rb"0(?:R|E\+?000)")
_RADIX = ord("R")
_ZERO = ord("0")


def _starts_token(raw: bytes, at: int) -> bool:
    """Whether a number token may start at ``at``, after an optional sign."""
    if at and raw[at - 1 : at] in (b"+", b"-"):
        at -= 1
    return not at or raw[at - 1 : at] in (b" ", b"\t", b"[", b",", b"\n")


def _ends_token(raw: bytes, tail: re.Pattern[bytes], at: int) -> bool:
    """Whether the run of ``tail`` at ``at`` may end a token (as ``_ENDS`` would have
    it): a hash such as 2e0622e03f.txt or 0bf5092f3c.pdf goes on, a number stops."""
    end = tail.match(raw, at)
    assert end is not None  # the tails match the empty string too
    return raw[end.end() : end.end() + 1] in _TOKEN_END  # (b"" at the end: in it too)


_TOKEN_END = b" \t\r\n,]}#:"
_HEX_TAIL = re.compile(rb"[0-9a-fA-F_]*")
_DIGIT_TAIL = re.compile(rb"[0-9]*")


def _exponent(raw: bytes, found: re.Match[bytes]) -> bool:
    at = found.start()
    if raw[at : at + 1] not in _DIGITS_AND_DOT or not _ends_token(raw, _DIGIT_TAIL, found.end()):
        return False
    while at and raw[at - 1 : at] in _DIGITS_AND_DOT:
        at -= 1
    return _starts_token(raw, at)


def _underscore(raw: bytes, at: int) -> bool:
    """``at`` is just before an underscore: is that underscore in a number?"""
    run = at + 1
    while run and raw[run - 1 : run] in _NUMBERISH:
        run -= 1
    digits = raw[run : at + 1].lstrip(b"+-")
    return (not digits or digits[:1] in _DIGITS_AND_DOT) and _starts_token(raw, run)


_DIGITS_AND_DOT = b"0123456789."
_NUMBERISH = b"0123456789.eE+-"
# What each place found in the scan may be, and how to tell.


def _number_hint(raw: bytes, scan: bytes) -> bool:
    """Whether _ODD_NUMBER may match ``raw`` (the file's UTF-8 bytes, no BOM): a token
    starting 0b, 0x or 0o, one with an exponent of three digits, or an underscore in a
    run of number characters that starts a token (keys such as report_of have theirs
    after a letter). ``scan`` is ``raw`` translated by ``_NUMBER_SCAN``."""
    # (A regex: many times faster than bytes.find with these needles.)
    for found in _CANDIDATES.finditer(scan):
        at = found.start()
        if scan[at + 1] != _RADIX:
            if _exponent(raw, found):
                return True
        elif raw[at] == _ZERO and _starts_token(raw, at) and _ends_token(raw, _HEX_TAIL, at + 2):
            return True
    at = scan.find(b"_")
    while at >= 0:  # most underscores follow a letter ("x" or "R" here): those are let go
        if (not at or scan[at - 1 : at] in b"0E+ ") and _underscore(raw, at - 1):
            return True
        at = scan.find(b"_", at + 1)
    return False


_ODD_NUMBER_PATTERN = re.compile(_ODD_NUMBER, re.MULTILINE)
_LINE_START_PATTERN = re.compile(_LINE_START, re.MULTILINE)


_PARTS: tuple[tuple[Callable[[str], object], re.Pattern[str]], ...] = (
    (_property_hint, re.compile(_PROPERTY, re.MULTILINE)),
    (lambda text: "<" in text and "<<" in text, re.compile(r"<<[ \t]*:")),
    (lambda text: "{" in text, re.compile(r"\{")),
    (lambda text: text.endswith((" ", "\t")), re.compile(r"^[ \t]+\Z", re.MULTILINE)),
    (lambda text: "\\" in text, re.compile(r"\\[^ntr\"\\/ \n]")),
)
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def suspect(raw: bytes, text: str, lines: bool | None = None) -> bool:
    """Whether ``precheck(text)`` finds a problem or ``_SUSPECT`` matches ``text``
    (``raw`` decoded, a BOM removed): the same answer, found faster. ``lines``: what
    ``_LINE_START_HINT`` found in ``text``, when the caller has looked already."""
    rest = raw.translate(None, _PLAIN_ASCII)  # control and non-ASCII characters only
    unusual = rest.decode("utf-8") if rest else ""
    if b"\t" in raw or b"\r" in raw or any(odd in unusual for odd in _ODD_BREAKS):
        return True  # a suspect in itself, whatever precheck says
    if unusual and FORBIDDEN.search(unusual) and precheck(text) is not None:
        return True
    plain = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    scan = plain.translate(_NUMBER_SCAN)
    if _LONG_NUMBER in scan and _LONG_NUMBER in raw.translate(_DIGITS):
        return True
    if _number_hint(plain, scan) and _ODD_NUMBER_PATTERN.search(text):
        return True
    # The hints look for a line start after a newline, so the first line is checked on
    # its own; a comment there (as in every shipped record) cannot start a suspect line.
    if not text.startswith("#") and _LINE_START_PATTERN.match(text):
        return True
    if lines is None:
        lines = _LINE_START_HINT(text) is not None
    if lines and _LINE_START_PATTERN.search(text):
        return True
    return any(hint(text) and pattern.search(text) for hint, pattern in _PARTS)


def read_fast(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The record's data, or None when the exact reader must decide."""
    if len(raw) > limits.max_bytes or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if not raw.endswith(b"\n"):  # the parsers differ on a last line without its end
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    if len(text) > limits.max_nodes and max(text.count("\n"), text.count(",")) > limits.max_nodes:
        return None  # likely over the value limit: let the exact reader count
    if quiet(raw):  # one pass found nothing that the scans below look for
        deep = False
    else:
        # No flow nesting reaches the Rust parser: _odd_flow refuses a "[" in a flow list
        # ("{" is suspect anyway), so the exact reader alone sees deep nesting.
        if _odd_flow(text) or _odd_block(text):
            return None
        lines = _LINE_START_HINT(text) is not None
        if suspect(raw, text, lines):
            return None
        deep = lines or text.startswith(_DEEP)  # a line that may nest deep, or a suspect one
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return None
    if not isinstance(data, dict) or not data or not _within(data, limits, text, deep):
        return None
    return data


# A flow list as records write them: plain text items on one line, [a, b c, £5, d/e].
# Any other flow (quotes, indicators, a value running on to the next line, nesting) is
# where yaml-rs and YAML part ways: it reads ">x" and ":x" as text and a value
# continued at any indentation, all of which the exact reader refuses.
_FIRST = r"[^\s\[\]{},:#&*!|>'\"%@`?-]"
_REST = r"[^\n\t\[\]{},:#&*!|>'\"%@`]*"
# The items possessive (*+): an item that gives back its trailing spaces to " *" can
# only end where it did, and trying each way took time quadratic in a line's length.
_SIMPLE_LIST = re.compile(rf"\[ *(?:{_FIRST}{_REST}+(?:, *{_FIRST}{_REST}+)*,? *)?\]")


def _odd_flow(text: str) -> bool:
    """Whether any "[" starts something other than a simple one-line list."""
    at = text.find("[")
    while at >= 0:
        if _SIMPLE_LIST.match(text, at) is None:
            return True
        at = text.find("[", at + 1)
    return False


# A block scalar's header (or text ending in " |" or " >", which costs only time): the
# rest of its line is blank or a comment.
_HEADER_TAIL = r"([-+0-9]*)[ \t]*(?:#|$)"  # an indicator's chomping and indentation
_BLOCK_HEADER = re.compile(r"[|>]" + _HEADER_TAIL, re.MULTILINE)
_LEAD = re.compile(r"[ \t]*(?:-[ \t]+)*")


def _odd_block(text: str) -> bool:
    """``_every_block`` answered faster when every header takes the common form."""
    if text.startswith(("|", ">")):
        return True  # a scalar at the top: yaml-rs's data is no mapping anyway
    for indicator, common, every in _HEADER_FORMS:
        if indicator not in text:  # (a search for one character: faster than a count)
            continue
        places = text.count(indicator)  # a count is many times faster than a pattern
        headers = list(common.finditer(text))
        if len(headers) != places and len(headers) != len(every.findall(text)):
            return _every_block(text)
        for header in headers:
            at = header.start()
            key = text[text.rfind("\n", 0, at) + 1 : at]
            body = key.lstrip(" ")
            if body == "- " or (body[:1] not in ("-", "\t") and body.strip()):
                deeper_than = len(key) - len(body)
            else:
                return _every_block(text)
            if len(header.group(1)) <= deeper_than:
                return True
    return False


# The common form of a header: after a blank, with no indentation indicator and no
# comment, and content on the very next line (group 1: its indentation); and every
# place that may be a header, to tell whether all are in the common form. Each pattern
# starts with its indicator: one that starts with a class is several times slower.
_HEADER_FORMS = tuple(
    (
        indicator,
        re.compile(rf"{c}(?<=[ \t\n]{c})[-+]?[ \t]*\n( *)(?=[^ \n])"),
        re.compile(rf"{c}(?<=[ \t\n]{c}){_HEADER_TAIL}", re.MULTILINE),
    )
    for indicator, c in (("|", re.escape("|")), (">", ">"))
)


def _every_block(text: str) -> bool:
    """Whether a block scalar may be one the parsers read differently: yaml-rs reads one
    with no content as a line break, so each must have a content line, deeper than its
    key and than the blank lines before it (an indentation indicator: left to the
    exact reader). So is a line with two places that look like headers (one at least
    is in a string or a comment): no line is looked at again for each of thousands."""
    for indicator in "|>":
        at, end, seen = text.find(indicator), -1, False
        while at >= 0:
            if at > end:  # a new line
                end, seen = text.find("\n", at), False
                end = len(text) if end < 0 else end
            header = _BLOCK_HEADER.match(text, at)
            # "a|b" and "a > b" are text, not headers
            if header and (not at or text[at - 1] in " \t\n"):
                if seen or _no_content(text, header, end):
                    return True
                seen = True
            at = text.find(indicator, at + 1)
    return False


def _no_content(text: str, header: re.Match[str], at: int) -> bool:
    """``at``: the end of the header's line."""
    if header.group(1).strip("+-"):  # an indentation indicator
        return True
    start = text.rfind("\n", 0, header.start()) + 1
    lead = _LEAD.match(text, start)
    assert lead is not None  # it matches the empty string too
    # Content sits deeper than the key; for a list item ("- |") than its dash.
    before = text[lead.end() : header.start()].strip()
    column = lead.end() - start if before else text.rfind("-", start, lead.end()) - start
    widest, at = 0, text.find("\n", at)
    while at >= 0:
        end = text.find("\n", at + 1)
        line = text[at + 1 : None if end < 0 else end]
        if line.strip(" "):
            indent = len(line) - len(line.lstrip(" "))
            return indent <= column or widest > indent
        widest, at = max(widest, len(line)), end
    return True  # the file ends before any content


def _within(data: dict[str, Any], limits: Limits, text: str, deep: bool) -> bool:
    """Whether the data keeps to the depth and value limits (counted as the exact
    reader counts them: every key and every value is one).

    Most files are answered from their text: no text holds more values than twice its
    characters, and in block style a level needs a space of indentation or a compact
    "- ", so unless ``deep`` (a line with 20 characters of indentation and dashes, or
    a "- -") a file is at most 2 * 19 + 1 deep, plus the root, a flow list and its
    item. The walk's recursion stops at the limit."""
    small = 2 * len(text) <= limits.max_nodes
    if small and limits.max_depth >= 43 and not deep:
        return True
    if not _shallow(data, 1, limits.max_depth):
        return False
    return small or _count(data) <= limits.max_nodes


_DEEP = " " * 20


def _shallow(value: Any, depth: int, deepest: int) -> bool:
    if depth > deepest:
        return False
    children = value.values() if type(value) is dict else value
    return all(
        _shallow(child, depth + 1, deepest) for child in children if type(child) in (dict, list)
    )


def _count(data: dict[str, Any]) -> int:
    nodes = 1
    todo: list[Any] = [data]
    while todo:
        value = todo.pop()
        children = value.values() if type(value) is dict else value
        nodes += len(children) * (2 if type(value) is dict else 1)
        todo.extend(child for child in children if type(child) in (dict, list))
    return nodes
