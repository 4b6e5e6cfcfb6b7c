"""Inline Markdown in record text, made safe for each output.

Text fields may use inline Markdown (``**bold**``, ``*italic*``, ``[link](https://...)``).
Record data is untrusted: raw HTML is never passed through, images are not allowed (a
paper makes no external requests), and links keep only the http, https and mailto
schemes. The HTML form comes from markdown-it-py's renderer; the Markdown form is
re-serialised from the same tokens, so both outputs carry the same checked links.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_link(url: str) -> bool:
    """Only web and mail links: never javascript:, data:, file: or relative paths."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def parser() -> MarkdownIt:
    """CommonMark inline rules with raw HTML off, no images and checked links."""
    md = MarkdownIt("commonmark", {"html": False})
    md.disable(["image", "html_inline"])
    md.validateLink = safe_link  # type: ignore[method-assign]
    return md


def link_html(title: str, url: str) -> Markup:
    """A link to ``url`` titled ``title`` (plain text), or just the title if unsafe."""
    if not safe_link(url):
        return escape(title)
    return Markup('<a href="{}">{}</a>').format(url.strip(), title)


def link_markdown(title: str, url: str) -> str:
    """The Markdown form of ``link_html``."""
    if not safe_link(url):
        return escape_markdown(title)
    return f"[{escape_markdown(title)}]({_destination(url.strip())})"


def to_html(text: str) -> Markup:
    """Inline Markdown as escaped HTML, safe inside any element."""
    # markdown-it escapes all text and, with html off, emits only its own tags.
    return Markup(parser().renderInline(text).strip())  # noqa: S704


# Characters that would start Markdown or HTML syntax inside a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_NUMBERED = re.compile(r"(\d{1,9})([.)])(?=\s|$)")


def _text(value: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", _ENTITY.sub(r"\\&", value))
    # A "!" just before a link would make it an image, which fetches a URL.
    return escaped[:-1] + "\\!" if escaped.endswith("!") else escaped


def _guard_start(line: str) -> str:
    """Keep a line from opening a heading, list, quote or rule."""
    numbered = _NUMBERED.match(line)
    if numbered:
        return f"{numbered.group(1)}\\{line[numbered.end(1) :]}"
    return "\\" + line if line[:1] in ("#", "+", "-", "=") else line


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that reads back as exactly that text, on one line."""
    return _guard_start(_text(" ".join(text.split())))


def _code(content: str) -> str:
    if "|" in content or "\n" in content:
        return _text(content)
    fence = "`"
    while fence in content:
        fence += "`"
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


# A destination ends at a space or an unbalanced ")", "<" opens the bracketed form, and a
# backslash escapes the next character (one at the end would keep the link open).
_IN_DESTINATION = str.maketrans({c: f"%{ord(c):02X}" for c in "\\()< "})


def _destination(href: str) -> str:
    return href.translate(_IN_DESTINATION)


def to_markdown(text: str) -> str:
    """Inline Markdown re-serialised safely: one line, no raw HTML, checked links only."""
    tokens = parser().parseInline(text)
    out: list[str] = []
    links: list[str] = []
    for token in tokens[0].children or [] if tokens else []:
        kind = token.type
        if kind == "text":
            out.append(_text(token.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind == "code_inline":
            out.append(_code(token.content))
        elif kind == "link_open":
            links.append(str(token.attrGet("href") or ""))
            out.append("[")
        elif kind == "link_close":
            out.append(f"]({_destination(links.pop())})")
        else:  # anything else shows as its text, never as markup
            out.append(_text(token.content))
    return _guard_start(" ".join("".join(out).split()))
