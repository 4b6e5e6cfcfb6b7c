"""Record data never becomes markup, templates run in a sandbox, overrides come first,
and a failed render never damages a file."""

from __future__ import annotations

import copy
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import ROOT, write_tree
from shsv.cli import app
from shsv.model import KINDS
from shsv.render import Options, render
from shsv.repository import Repository

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>@evil.example',
    '" onmouseover="alert(1)" x=\'',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;",
    "![tracker](https://evil.example/pixel.png)",
    "*[x](javascript:alert(1))* and **<b onclick=alert(1)>x</b>**",
    "a | b | c\n\n# heading\n\n- list <iframe src=//evil.example>",
    "`<script>` in code | with a pipe",
]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section",
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "strong", "em", "a", "ul", "ol", "li",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "br", "code", "blockquote",
}  # fmt: skip


class Audit(HTMLParser):
    """Every tag and attribute of a document, checked against what a paper may hold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th") and self.rows:
            self.rows[-1] += 1
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "formaction"):
                self.problems.append(f"{tag} {name}={value}")
            if name == "href" and not (value or "").startswith(("https://", "http://", "mailto:")):
                self.problems.append(f"href={value}")


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    return parser


# A permissive downstream renderer: raw HTML allowed, as some sites publish Markdown.
DOWNSTREAM = MarkdownIt("commonmark", {"html": True}).enable("table")


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _leaves(value, (*path, i))]
    return [path] if isinstance(data, str) else []


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def poisoned(folder: str, data: dict[str, Any], payload: str) -> tuple[dict[str, Any], int]:
    """The record with the payload in every text field that accepts it (ids, dates,
    numbers and choices keep their values), and how many fields took it. Each field's
    payload gets a distinct prefix, so the domain rules still hold."""
    model = KINDS[folder]
    out = copy.deepcopy(data)
    taken = 0
    for path in _leaves(data):
        if path[0] in ("id", "sources"):
            continue
        trial = copy.deepcopy(out)
        _set(trial, path, f"x{taken}{payload}")  # unique: a mover never seconds themself
        try:
            model.model_validate(trial)
        except ValueError:
            continue
        out, taken = trial, taken + 1
    return out, taken


SEED_PAPERS = {
    "reports": [
        "lancaster-2011-07-26-shared-services-programme",
        "lancaster-2012-05-29-shared-services-one-connect-limited",
        "huntingdonshire-2014-10-23-shared-services",
        "cambridgeshire-2009-12-15-local-government-shared-services",
    ],
    "decisions": ["lancaster-revenues-and-benefits-minute"],
}


@pytest.fixture(scope="module")
def hostile_repos(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Repository, int]]:
    """One copy of the shipped data per payload, the seed papers poisoned, loaded."""
    repos = []
    for n, payload in enumerate(PAYLOADS):
        root = tmp_path_factory.mktemp(f"hostile{n}")
        files: dict[str, Any] = {}
        for path in (ROOT / "data").rglob("*.yaml"):
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
        taken = 0
        for folder, ids in SEED_PAPERS.items():
            for record_id in ids:
                rel = f"data/{folder}/{record_id}.yaml"
                data = yaml.safe_load(files[rel])
                files[rel], count = poisoned(folder, data, payload)
                taken += count
        repo = Repository.load(write_tree(root, files), date(2026, 1, 1))
        assert repo.errors == [], repo.errors[:3]
        repos.append((payload, repo, taken))
    return repos


def test_payloads_reach_many_fields(hostile_repos: list[tuple[str, Repository, int]]) -> None:
    for payload, _, taken in hostile_repos:
        assert taken >= 150, f"{payload!r} went into only {taken} fields"


@pytest.mark.parametrize("style", ["own", "generic", "lancaster", "huntingdonshire"])
def test_no_payload_becomes_markup(
    hostile_repos: list[tuple[str, Repository, int]], style: str
) -> None:
    for payload, repo, _ in hostile_repos:
        for record_id in [i for ids in SEED_PAPERS.values() for i in ids]:
            options = {"style": None if style == "own" else style}
            html = render(repo, record_id, Options(format="html", **options))
            md = render(repo, record_id, Options(format="md", **options))
            assert isinstance(html, str) and isinstance(md, str)
            for form, document in (("html", html), ("md", DOWNSTREAM.render(md))):
                found = audit(document)
                assert found.problems == [], f"{form} {record_id} {payload!r}: {found.problems}"
                assert "<script" not in document.lower()
            # Every Markdown table keeps its shape: no row gained or lost a cell.
            rows = audit(DOWNSTREAM.render(md)).rows
            assert len(set(rows)) <= 2, f"{record_id} {payload!r}: table cells {rows}"


def test_a_script_in_a_paragraph_is_shown_as_text(workspace: Any) -> None:
    from conftest import minimal

    files = minimal()
    files["data/reports/a-paper.yaml"] = {
        "id": "a-paper",
        "title": "A <b>paper</b>",
        "council": "lancaster-city-council",
        "body": [{"paragraphs": ["Before <script>alert(1)</script> [x](javascript:alert(1))"]}],
    }
    repo = Repository.load(workspace(files), date(2026, 1, 1))
    html = render(repo, "a-paper", Options(format="html"))
    assert "Before &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))" in str(html)
    assert "<title>A &lt;b&gt;paper&lt;/b&gt; – Lancaster City Council</title>" in str(html)
    md = render(repo, "a-paper", Options(format="md"))
    assert "Before \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))" in str(md)


# --- templates: overrides, sandbox, limits ------------------------------------------------

PAPER = {
    "id": "a-paper",
    "title": "A paper",
    "council": "lancaster-city-council",
    "meetings": [{"meeting": "lancaster-cabinet-2012-06-20"}],
    "reference": "REF/1",
}


def repo_with(workspace: Any, templates: dict[str, str]) -> Path:
    from conftest import COUNCIL, minimal

    files: dict[str, Any] = minimal()
    files["data/councils/lancaster-city-council.yaml"] = {**COUNCIL, "style": "lancaster"}
    files["data/reports/a-paper.yaml"] = PAPER
    files.update({f"templates/{name}": text for name, text in templates.items()})
    return workspace(files)


runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_repository_templates_override_a_block(workspace: Any) -> None:
    root = repo_with(
        workspace,
        {
            "lancaster/paper.md.j2": '{% extends "shsv/lancaster/paper.md.j2" %}\n'
            "{% block reference %}Our ref: {{ paper.report.reference|text }}{% endblock %}\n"
        },
    )
    code, out, _ = cli("report", "a-paper", "--root", str(root))
    assert code == 0
    assert out.startswith("CABINET\n\n# A paper\n") and out.endswith("Our ref: REF/1\n")


def test_templates_option_comes_before_the_repository(workspace: Any, tmp_path: Path) -> None:
    root = repo_with(workspace, {"lancaster/paper.md.j2": "from the repository\n"})
    mine = tmp_path / "mine" / "lancaster"
    mine.mkdir(parents=True)
    (mine / "paper.md.j2").write_text("from --templates\n")
    code, out, _ = cli("report", "a-paper", "--root", str(root))
    assert (code, out) == (0, "from the repository\n")
    code, out, _ = cli("report", "a-paper", "--root", str(root), "--templates", str(mine.parent))
    assert (code, out) == (0, "from --templates\n")


NEWTOWN = '{% extends "generic/paper.md.j2" %}{% block header %}NEWTOWN\n{% endblock %}'


def test_a_new_style_in_the_repository(workspace: Any) -> None:
    root = repo_with(
        workspace,
        {"newtown/paper.md.j2": NEWTOWN},
    )
    code, out, _ = cli("report", "a-paper", "--root", str(root), "--style", "newtown")
    assert code == 0 and out.startswith("NEWTOWN\n")


def test_html_templates_are_autoescaped(workspace: Any) -> None:
    root = repo_with(workspace, {"lancaster/paper.html.j2": "<p>{{ '<b>' }}{{ paper.title }}</p>"})
    code, out, _ = cli("report", "a-paper", "--root", str(root), "-f", "html")
    assert (code, out) == (0, "<p>&lt;b&gt;A paper</p>")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ paper.__class__.__mro__ }}", "lancaster/paper.md.j2:2: template error"),
        ("{{ paper.report.__init__.__globals__ }}", "template error"),
        ("{{ '{0.__class__}'.format(paper) }}", "template error"),
        ("{{ paper.report.__dict__ }}", "template error"),
        ("{{ cycler.__init__.__globals__ }}", "template error"),
        ("{{ paper.no_such_field }}", "'no_such_field'"),
        ("{{ paper.no_such_field|text }}", "'no_such_field'"),
        ("{{ paper.no_such_field|long_date }}", "'no_such_field'"),
        ("{{ paper.title|long_date }}",
         "lancaster/paper.md.j2:2: template error: the long_date filter takes a date, not str"),
        ("{{ paper.title|link(none) }}",
         "lancaster/paper.md.j2:2: template error: the link filter takes text, not NoneType"),
        ("{{ paper.meetings|inline }}", "the inline filter takes text, not tuple"),
        ("{{ paper.report.exempt|text }}", "the text filter takes text, not NoneType"),
        ("{{ paper.meetings|dictsort }}", "lancaster/paper.md.j2:2: template error"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
         "loops more than"),
        ("{{ 'x' * 1000000000 }}", "repeats a value"),
        ("{{ 9 ** 999999 }}", "too high a power"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "nests too deeply"),
        ("{% for x in %}", "lancaster/paper.md.j2:2: template syntax error"),
        ("{% include '/etc/passwd' %}", "no template"),
        ("{% include '../../data/councils/lancaster-city-council.yaml' %}", "no template"),
    ],
)  # fmt: skip
def test_templates_run_in_a_sandbox(workspace: Any, template: str, message: str) -> None:
    root = repo_with(workspace, {"lancaster/paper.md.j2": f"first line\n{template}\n"})
    code, out, err = cli("report", "a-paper", "--root", str(root))
    assert code == 1, (out, err)
    assert message in err
    assert "Traceback" not in err


def test_a_missing_template_names_where_it_was_looked_for(workspace: Any) -> None:
    root = repo_with(workspace, {"lancaster/paper.md.j2": "{% include 'nowhere.j2' %}"})
    code, _, err = cli("report", "a-paper", "--root", str(root))
    assert code == 1
    assert (
        err == f"shsv: error: no template nowhere.j2 in {root / 'templates'}, shsv's own styles\n"
    )


def test_a_failed_render_leaves_the_old_file(workspace: Any) -> None:
    root = repo_with(workspace, {"lancaster/paper.md.j2": "{{ paper.no_such_field }}"})
    target = root / "paper.md"
    target.write_bytes(b"the old paper\n")
    code, _, err = cli("report", "a-paper", "--root", str(root), "-o", str(target))
    assert code == 1 and "no_such_field" in err
    assert target.read_bytes() == b"the old paper\n"
    assert sorted(p.name for p in root.iterdir()) == ["data", "paper.md", "templates"]


def test_output_through_a_link_out_of_the_folder_is_refused(workspace: Any, tmp_path: Path) -> None:
    root = repo_with(workspace, {})
    outside = tmp_path / "outside.md"
    outside.write_text("keep me\n")
    out_dir = root / "build"
    out_dir.mkdir()
    (out_dir / "a-paper.md").symlink_to(outside)
    code, _, err = cli("report", "--all", "--root", str(root), "-o", str(out_dir))
    assert code == 1 and "refusing to write through it" in err
    assert outside.read_text() == "keep me\n"


# --- links --------------------------------------------------------------------------------

# Valid per the Url type (http(s), no space, no <, > or "), yet each tries to close the
# link early and open an image or a second link after it.
URL_PAYLOADS = [
    "https://a.example/)![x](https://evil.example/p.png",
    "https://a.example/x)[click](https://evil.example/",
    "https://a.example/(x))![x](https://evil.example/p.png)",
    "https://a.example/\\)![x](https://evil.example/p.png)",
    "https://a.example/\\",
    "https://a.example/&#41;![x](https://evil.example/p.png)",
    "https://a.example/'![x](https://evil.example/p.png)'",
    "https://a.example/`)`![x](https://evil.example/p.png)",
]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.images += tag == "img"
        self.hrefs += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def _linked_records(urls: list[str]) -> dict[str, Any]:
    from conftest import minimal

    files = minimal()
    files["data/reports/a-paper.yaml"] = {
        **PAPER,
        "background_papers": {
            "papers": [{"title": f"Paper {n}", "url": u} for n, u in enumerate(urls)]
        },
        "appendices": [
            {"label": str(n), "title": f"Annex {n}", "url": u} for n, u in enumerate(urls)
        ],
    }
    files["data/decisions/a-minute.yaml"] = {
        "id": "a-minute",
        "title": "A minute",
        "meeting": "lancaster-cabinet-2012-06-20",
        "supporting_documents": [{"title": f"Doc {n}", "url": u} for n, u in enumerate(urls)],
    }
    return files


@pytest.mark.parametrize(
    "style", ["own", "generic", "lancaster", "huntingdonshire", "cambridgeshire"]
)
def test_a_url_never_closes_its_link(workspace: Any, tmp_path: Path, style: str) -> None:
    """Each URL stays one link to itself: no image, no second link, in md and html."""
    plain = [f"https://a.example/{n}" for n in range(len(URL_PAYLOADS))]
    hostile = Repository.load(workspace(_linked_records(URL_PAYLOADS)), date(2026, 1, 1))
    baseline = Repository.load(
        write_tree(tmp_path / "plain", _linked_records(plain)), date(2026, 1, 1)
    )
    assert hostile.errors == [] and baseline.errors == []
    options = {"style": None if style == "own" else style}
    for record_id in ("a-paper", "a-minute"):
        for format in ("md", "html"):
            shown = render(hostile, record_id, Options(format=format, **options))
            expected = render(baseline, record_id, Options(format=format, **options))
            assert isinstance(shown, str) and isinstance(expected, str)
            if format == "md":
                shown, expected = DOWNSTREAM.render(shown), DOWNSTREAM.render(expected)
            found, wanted = links(shown), links(expected)
            where = f"{style} {record_id} {format}"
            assert found.images == 0, where
            assert len(found.hrefs) == len(wanted.hrefs) > 0, (where, found.hrefs)
            assert all(h.startswith("https://a.example/") for h in found.hrefs), where
