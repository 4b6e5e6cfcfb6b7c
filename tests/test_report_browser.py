"""The published forms, checked with the real tools: axe-core in a headless Chromium for
the HTML, and poppler for the PDF. Outside CI a missing tool skips loudly; in CI
(SHSV_CI=1, set by .ci/run) it fails."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from shsv.render import Options, render
from shsv.repository import Repository
from test_report import SEED_RECORDS, compare_golden

IN_CI = os.environ.get("SHSV_CI") == "1"
CHROMIUM = os.environ.get("SHSV_CHROMIUM") or shutil.which("chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need(tool: str | None, what: str) -> str:
    """The tool's path; a failure in CI, a loud skip elsewhere."""
    if tool:
        return tool
    message = f"{what} is not installed: this check did NOT run (.ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def repo() -> Repository:
    return Repository.load(ROOT, date(2026, 1, 1))


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    executable = need(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.requests = requests
        yield page
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("record_id", sorted(SEED_RECORDS.values()))
def test_axe_finds_no_violations(repo: Repository, page: Any, record_id: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    html = render(repo, record_id, Options(format="html"))
    assert isinstance(html, str)
    page.requests.clear()
    page.set_content(html)
    results = Axe().run(page)
    violations = [(v["id"], v["help"]) for v in results.response["violations"]]
    assert violations == [], f"{record_id}: {violations}"
    assert len(results.response["passes"]) > 20  # axe really ran its rules
    # No external requests, no scripts, one h1, ordered headings.
    assert [url for url in page.requests if not url.startswith("about:")] == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    levels = page.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
    )
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


@pytest.mark.browser
def test_axe_catches_a_broken_page(page: Any) -> None:
    """The check is not vacuous: a page without a language fails it."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_content("<!DOCTYPE html><html><head><title>x</title></head><body>x</body></html>")
    ids = {v["id"] for v in Axe().run(page).response["violations"]}
    assert "html-has-lang" in ids


def _pdf(repo: Repository, record_id: str, tmp_path: Path) -> Path:
    document = render(repo, record_id, Options(format="pdf"))
    assert isinstance(document, bytes) and document.startswith(b"%PDF-")
    path = tmp_path / f"{record_id}.pdf"
    path.write_bytes(document)
    return path


def _streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated, so catalog entries can be searched."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def pdf_text(path: Path) -> str:
    """The PDF's words in reading order, without page furniture (the page numbers) and
    without line or page breaks, which depend on the fonts a machine has."""
    raw = subprocess.run(
        [need(shutil.which("pdftotext"), "poppler's pdftotext"), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = []
    for text in raw.split("\f"):
        lines = [line for line in text.strip().splitlines() if line.strip()]
        if lines and lines[-1].strip().isdigit():
            lines.pop()
        pages.append(" ".join(lines))
    return " ".join(" ".join(pages).split()) + "\n"


@pytest.mark.parametrize("record_id", sorted(SEED_RECORDS.values()))
def test_pdf_is_tagged_and_holds_the_paper(
    repo: Repository, record_id: str, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
    path = _pdf(repo, record_id, tmp_path)
    pdfinfo = need(shutil.which("pdfinfo"), "poppler's pdfinfo")
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout
    title = repo.records[record_id].title  # type: ignore[attr-defined]
    assert re.search(rf"^Title:\s+{re.escape(title)} – ", info.stdout, re.M), info.stdout
    assert b"/Lang (en-GB)" in _streams(path.read_bytes())
    text = pdf_text(path)
    assert " ".join(title.upper().split()[:2]) in text.upper()
    compare_golden(f"{record_id}.pdf.txt", text)
