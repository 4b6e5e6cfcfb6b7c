"""Print the time and peak memory each resource bomb costs on both reading paths.

Each bomb is checked in a fresh process (as in tests/test_bombs.py); the figures are
the check alone: reading the file, the pre-scan and, where it gets that far, the
schema. Run: .venv/bin/python benchmarks/bombs.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bombs import BOMBS, measure


def main() -> None:
    print(f"{'bomb':<20} {'size':>12} {'path':<6} {'ms':>8} {'MB':>7}  result")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for bomb in BOMBS:
            for path in ("fast", "exact"):
                result = measure(bomb, folder, path)
                size = (folder / f"{bomb}.yaml").stat().st_size
                if result["returncode"] != 0:
                    print(f"{bomb:<20} {size:>12,} {path:<6} crashed: {result['returncode']}")
                    continue
                seconds, megabytes = result["seconds"], result["megabytes"]
                assert isinstance(seconds, float) and isinstance(megabytes, float)
                print(
                    f"{bomb:<20} {size:>12,} {path:<6} {seconds * 1000:>8.1f} "
                    f"{megabytes:>7.1f}  {' '.join(map(str, result['codes']))}"
                )


if __name__ == "__main__":
    main()
