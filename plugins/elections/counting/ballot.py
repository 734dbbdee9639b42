"""A ballot as the counting engine sees it: how many identical papers, and what they mark."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Ballot:
    """``weight`` identical papers. ``ranking`` holds 0-based candidate indices: the preferences
    in order for STV, the set of candidates marked for plurality and approval."""

    weight: int
    ranking: tuple[int, ...]
