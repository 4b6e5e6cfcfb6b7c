"""Property tests over hostile input: whatever the bytes, reading and checking a file
gives data or positioned diagnostics (never another exception), and the two reading
paths agree. Short here; ``fuzz/run.py`` runs the same properties on 100,000+ inputs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import check_everything, mutated_bytes, mutated_data, raw_bytes, reads_the_same
from shsv.fastread import read_fast
from shsv.yamlread import read

SHORT = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SHORT
@given(mutated_bytes())
def test_mutated_records(case: tuple[str, bytes]) -> None:
    check_everything(*case)


@SHORT
@given(mutated_data())
def test_records_with_odd_values(case: tuple[str, bytes]) -> None:
    check_everything(*case)


@SHORT
@given(raw_bytes)
def test_raw_bytes(case: tuple[str, bytes]) -> None:
    check_everything(*case)


FORMS = ["a: {}\n", "a: [{}]\n", "a: [x, {}]\n", "- {}\n", "{}: x\n", "a:\n  - {}\n"]
SCALAR = "0123456789_.eE+-xob aA:#'\"\\/>|!&*?%@`,~TtNnYy="


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(alphabet=SCALAR, min_size=1, max_size=14), st.sampled_from(FORMS))
def test_what_the_fast_path_reads_the_exact_reader_reads_the_same(value: str, form: str) -> None:
    """Differential: yaml-rs and the core schema part ways on numbers (1_000, 2e_5,
    0b11), tags, block scalars and keys; the fast path must hand all of those over."""
    raw = form.format(value).encode()
    fast = read_fast(raw)
    if fast is not None:
        reads_the_same(fast, read(raw))
