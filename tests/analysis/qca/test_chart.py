"""Solving prime implicant charts: every minimal cover, and a clear refusal when there are too many."""

from __future__ import annotations

import pytest

from coding.analysis.qca.implicants import MAX_MODELS, minimal_covers


def test_a_chart_with_too_many_minimal_models_is_refused() -> None:
    """Ten explained rows, each covered by two primes of its own: 2^10 = 1,024 minimal models."""
    coverage = [1 << (prime // 2) for prime in range(20)]
    with pytest.raises(ValueError, match=f"more than {MAX_MODELS} minimal models"):
        minimal_covers(coverage, 10)


def test_every_minimal_cover_of_a_small_cyclic_chart() -> None:
    """Rows 0-2 in a cycle of primes {0,1}, {1,2}, {2,0} (prime p covers rows p and p+1 mod 3):
    by hand, any two primes cover all three rows and no single one does."""
    coverage = [0b011, 0b110, 0b101]
    assert minimal_covers(coverage, 3) == [(0, 1), (0, 2), (1, 2)]
