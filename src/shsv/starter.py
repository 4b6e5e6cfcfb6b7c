"""A new data repository: the files ``shsv init`` writes, as text.

Pure: returns ``{relative path: text}``; the command checks that none exists and
writes them. The repository validates clean as soon as it is written.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from shsv import __version__, jsonschemas, skeleton
from shsv.errors import UsageError
from shsv.model import Council

GITIGNORE = """\
# Written by shsv, never committed
.shsv-cache/
build/
"""

WORKFLOW = f"""\
# Checks the records on every push and pull request. In GitHub Actions,
# shsv validate writes annotations, so each finding shows on its line in the
# pull request.
name: shsv
on:
  push:
  pull_request:
jobs:
  validate:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # The shsv version these records are kept with; raise it deliberately.
      - run: python -m pip install "shsv=={__version__}"
      - name: Schemas match this shsv version
        run: shsv schema --check
      - name: Validate the records
        run: shsv validate
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) runs shsv validate before each commit that
# touches data/. Set up once with: pip install pre-commit && pre-commit install
# It uses the shsv installed where you run git.
repos:
  - repo: local
    hooks:
      - id: shsv-validate
        name: shsv validate
        entry: shsv validate
        language: system
        pass_filenames: false
        files: ^data/
"""

TEMPLATES_README = """\
# House-style overrides

shsv renders papers from its packaged house styles. A template placed here, under
the same name as a packaged one, is used instead of it for this repository only, so
a council can adjust its papers without changing shsv. Leave this folder empty to use
the packaged styles.
"""

README = """\
# {council} shared-services records

The records of shared-services programmes kept with shsv: councils, organisations,
programmes, arrangements, meetings, reports, decisions and milestones, one YAML file
each under `data/`.

```sh
shsv validate                 # check every record: schema, references, statutory rules
shsv new report --title "Shared Services Programme" --council {council_id}
shsv list reports             # what is recorded
```

- `data/<kind>/` holds the records; a record's id equals its file name.
- `schemas/` holds a JSON Schema per kind: with the YAML extension (VS Code) or any
  editor using the YAML language server, fields complete and mistakes show as you type,
  because each record's first line names its schema. `shsv schema` rewrites them after
  an upgrade of shsv.
- `templates/` holds house-style overrides for papers.
- `.github/workflows/shsv.yml` validates every push and pull request;
  `.pre-commit-config.yaml` validates before each commit (`pre-commit install`).
"""


def files(council_id: str, name: str, tier: str) -> dict[str, str]:
    """Every file of a new data repository whose first record is the council given.

    The council's record is checked whole (its id included) as it is made; the tier is
    checked first only to name the option in the message."""
    tiers = skeleton.choices(Council, "tier") or ()
    if tier not in tiers:
        raise UsageError(f"--tier must be one of {', '.join(tiers)}, not {tier!r}")
    council_rel = f"data/councils/{council_id}.yaml"
    out = {
        council_rel: skeleton.record_text(
            Council, {"id": council_id, "name": name, "tier": tier}, council_rel
        ),
        "templates/README.md": TEMPLATES_README,
        ".gitignore": GITIGNORE,
        ".github/workflows/shsv.yml": WORKFLOW,
        ".pre-commit-config.yaml": PRE_COMMIT,
        "README.md": README.format(council=name, council_id=council_id),
    }
    for file, text in jsonschemas.render_all().items():
        out[str(PurePosixPath(jsonschemas.FOLDER, file))] = text
    return out
