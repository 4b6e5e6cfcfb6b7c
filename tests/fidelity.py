"""How much of a seed paper's wording survives in a rendering: word 5-grams."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def words(text: str) -> list[str]:
    """Markup stripped, lower case, words only."""
    plain = html.unescape(_TAG.sub(" ", text)).replace("*", " ")
    return _WORD.findall(plain.lower())


def markdown_words(markdown: str) -> list[str]:
    """The words a reader sees in a Markdown document (escapes and markup gone)."""
    return words(_MD.render(markdown))


def grams(tokens: list[str], n: int = 5) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def fidelity(seed: str, markdown: str) -> tuple[float, list[tuple[str, ...]]]:
    """The share of the seed's word 5-grams found in the Markdown, and those missing."""
    wanted = grams(words(seed))
    have = set(grams(markdown_words(markdown)))
    missing = [g for g in wanted if g not in have]
    return 1 - len(missing) / len(wanted), missing
