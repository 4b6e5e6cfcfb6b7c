"""Property tests over hostile input: whatever the bytes, reading and checking a file
gives data or positioned diagnostics (never another exception), and the two reading
paths agree. Short here; ``fuzz/run.py`` runs the same properties on 100,000+ inputs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from hostile import check_everything, mutated_bytes, mutated_data, raw_bytes

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
