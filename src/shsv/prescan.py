"""The fast path's quick scan answered in one pass over the bytes, for nearly every file.

``fastread`` sends a file to the exact reader when a scan of its text finds anything
suspect (``fastread.suspect``, ``_odd_flow`` and ``_odd_block``), and counts its depth
when a line may nest deep. Those scans take a dozen passes in Python, about 50 µs for
a 10 KB record. Here one pattern, run by RE2 (a linear-time engine: one pass, however
many alternatives), looks for everything any of them looks for. When it finds nothing,
the scans would find nothing either and no line nests deep, so the file needs no scan.
When it finds something (a false alarm costs only time), the scans decide as before.

Each part below is a superset of what it stands for: RE2 has no lookaround, so a
lookahead becomes text that must be there, and where a part of the scan compares two
lines' indentation, the pattern spells out each indentation up to 39 (40 is suspect in
itself). The tests hold the pass to never finding nothing where the scans find
something (tests/test_fast_path.py).

RE2 comes from the optional ``fast`` extra (``google-re2``, wheels for the common
systems); without it ``quiet`` always answers False and the scans do all the work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


def _any_of(chars: set[int]) -> bytes:
    return b"[" + b"".join(b"\\x%02x" % c for c in sorted(chars)) + b"]"


_EVERY = set(range(256))

# A flow list as _odd_flow lets it pass: [a, b c, £5], each item a first character
# (_FIRST) and at least one more (_REST). The pattern runs over UTF-8 bytes one byte at a
# time, so a first character is a whole character, and only one that is surely no
# whitespace (which _FIRST refuses) counts: U+00A0, U+0085, U+1680 and U+2000 to U+3000
# are under the lead bytes C2, E1, E2 and E3, left out (and C2 taken only before A1-BF).
_FIRST_ASCII = {c for c in range(0x21, 0x7F) if chr(c) not in "[]{},:#&*!|>'\"%@`?-"}
_SAFE_LEADS = set(range(0xC3, 0xE1)) | set(range(0xE4, 0xF5))
_FIRST = (
    rb"(?:"
    + _any_of(_FIRST_ASCII)
    + rb"|\xc2[\xa1-\xbf]|[\xc3-\xdf][\x80-\xbf]|\xe0[\x80-\xbf]{2}"
    + rb"|[\xe4-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
)
_REST_SET = _EVERY - set(b"\n\t[]{},:#&*!|>'\"%@`")  # every byte of a non-ASCII character
_REST = _any_of(_REST_SET)
_NO_FIRST = (
    rb"(?:"
    + _any_of(_EVERY - _FIRST_ASCII - set(b"] ") - _SAFE_LEADS - {0xC2})
    + rb"|\xc2[^\xa1-\xbf])"
)
_NO_REST = _any_of(_EVERY - _REST_SET)
_NO_END = _any_of(_EVERY - _REST_SET - set(b",]"))
# A "[" where such a list goes wrong: after "[" or an item's ", ", no item and no "]";
# an item of one character; an item that ends in neither "," nor "]"; the end of text.
_ODD_FLOW = (
    rb"\[ *(?:" + _FIRST + _REST + rb"+, *)*"
    rb"(?:" + _NO_FIRST + rb"|\z|" + _FIRST + rb"(?:" + _NO_REST + rb"|\z)"
    rb"|" + _FIRST + _REST + rb"+(?:" + _NO_END + rb"|\z))"
)

_ITEM = rb"[ \t]*(?:-[ \t]+)*"
_NODE_START = rb"(?:^[ \t]*|[-?:][ \t]+|[\[{,][ \t]*)"
_ENDS = rb"[ \t]*(?:$|[,\]}#]|:(?:[ \t]|$))"
_HEADER = rb"[ \t][|>][-+]?[ \t]*\n"  # a block scalar's header in its common form
_PARTS = (
    # suspect: tabs, CRs and the other line breaks, and what precheck refuses
    rb"[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]",
    # fastread._SUSPECT, part by part
    rb"[0-9]{19}",
    rb"(?:^|[ \t\[,])[-+]?(?:0[bBxXoO][0-9a-fA-F_]*|(?:[0-9.][0-9.eE+-]*)?_[0-9._eE+-]*"
    rb"|[0-9.]+[eE][-+]?[0-9]{3,})" + _ENDS,
    rb"^(?:---|\.\.\.)(?:[ \t]|$)",
    rb"^%",
    rb"^(?:[ \t]|[-?:][ \t]){40}",
    rb"^" + _ITEM + rb"(?:[?:](?:[ \t]|$)|\[[^\n]*\][ \t]*:)",
    _NODE_START + rb"(?:!|&[^ \t\n\r\x0b\x0c])",
    rb"<<[ \t]*:",
    rb"\{",
    rb"^[ \t]+\z",
    rb'\\[^ntr"\\/ \n]',
    # a line that may nest deep: 20 characters of indentation and dashes, or "- -"
    rb"^[ -]{20}",
    rb"^ *(?:- +)+-",
    _ODD_FLOW,
    # _odd_block: a header at the top, one not in the common form (an indentation
    # indicator, two chomping indicators, a comment, no content on the next line), one
    # whose key is no plain key or "- ", and one whose content is no deeper than its key
    rb"\A[|>]",
    rb"[ \t\n][|>][-+]*[0-9]",
    rb"[ \t\n][|>][-+]{2}",
    rb"[ \t\n][|>][-+0-9]*[ \t]*(?:#|\z)",
    rb"[ \t\n][|>][-+]?[ \t]*\n *(?:\n|\z)",
    rb"^ *[|>][-+]?[ \t]*\n",
    rb"^ *- {2,}[|>]",
    rb"^ *-[ -]*-[ -]*[ \t][|>]",
    # (n: the key's indentation and list dashes, or a "- |" item's indentation)
    *(rb"^[ -]{%d}[^ \n-][^\n]*%s {0,%d}[^ \n]" % (n, _HEADER, n) for n in range(40)),
    *(rb"^ {%d}- [|>][-+]?[ \t]*\n {0,%d}[^ \n]" % (n, n) for n in range(40)),
)
PATTERN = b"(?m)" + b"|".join(b"(?:" + part + b")" for part in _PARTS)


@cache
def search() -> Callable[[bytes], object] | None:
    """The pass (a match, or None when it finds nothing), compiled on first use: a run
    that reads no file (nothing changed since the cache) skips the 6 ms of loading RE2
    and compiling the pattern. None when RE2 is not installed."""
    try:
        import re2  # the optional "fast" extra
    except ImportError:
        return None
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # bytes, one at a time
    options.never_capture = True
    options.max_mem = 64 << 20  # room for the automaton the indentations need
    found: Callable[[bytes], object] = re2.compile(PATTERN, options).search
    return found


def quiet(raw: bytes) -> bool:
    """Whether the file's bytes (UTF-8) hold nothing the quick scan looks for, and no
    line that may nest deep. False when RE2 is not installed."""
    found = search()
    return found is not None and found(raw) is None
