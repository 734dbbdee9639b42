#!/usr/bin/env python3
"""Counting benchmark (not a test): Scottish STV on the largest Edinburgh 2017 ward and on a
synthetic ward of 20,000 ballots and 15 candidates.

Usage: bench/count.py [--repeat 5] [--seed 2026]
Times the engine of ``plugins/elections/counting`` in this process (the median of ``--repeat``
runs): reading the BLT file, the count alone, and the count with its JSON and text reports.
The synthetic ward is made with a fixed seed: 15 candidates of unequal popularity, ballots ranking
1 to 15 of them. Target: a count of 20,000 ballots under 1 s on this machine. The Edinburgh ward
is read from ``../shared/data/stv/edinburgh-2017`` and left out with a message if absent.
"""
import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from plugins.elections.counting import Ballot, BltFile, count, parse_blt, write_blt  # noqa: E402

EDINBURGH = ROOT.parent / "shared" / "data" / "stv" / "edinburgh-2017"
TARGET_MS = 1000  # a count of 20,000 ballots under 1 s


def synthetic_ward(seed, ballots=20_000, candidates=15):
    """BLT text of a ward: first preferences by popularity, later ones more evenly spread."""
    rng = random.Random(seed)
    popularity = [rng.randint(1, 40) for _ in range(candidates)]
    papers = []
    for _ in range(ballots):
        length = min(candidates, 1 + int(rng.expovariate(0.35)))
        ranking, left = [], list(range(candidates))
        for _ in range(length):
            weights = [popularity[c] + 10 for c in left]
            pick = rng.choices(left, weights)[0]
            ranking.append(pick)
            left.remove(pick)
        papers.append(Ballot(1, tuple(ranking)))
    blt = BltFile(candidates=[f"Candidate {i + 1}" for i in range(candidates)], seats=5,
                  ballots=papers, title=f"Synthetic ward, seed {seed}")
    return write_blt(blt)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def measure(name, text, repeat):
    read_s, blt = timed(lambda: parse_blt(text), repeat)

    def run():
        return count("scottish-stv", blt.candidates, blt.seats, blt.ballots, blt.withdrawn,
                     random_draw=lambda tied, purpose: min(tied))

    count_s, result = timed(run, repeat)
    def run_and_report():
        result = run()
        return json.dumps(result.to_json()), result.to_text()

    report_s, _ = timed(run_and_report, repeat)
    ballots = sum(ballot.weight for ballot in blt.ballots)
    distinct = len({ballot.ranking for ballot in blt.ballots})
    label = f"{name} ({ballots:,} ballots, {distinct:,} distinct, {len(result.stages)} stages)"
    return [(f"{label}: read BLT", read_s, ""),
            (f"{label}: count", count_s, TARGET_MS if ballots >= 20_000 else ""),
            (f"{label}: count + JSON + text", report_s, "")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rows = []
    wards = sorted(EDINBURGH.glob("ward-*.blt"))
    if wards:
        largest = max(wards, key=lambda path: sum(
            ballot.weight for ballot in parse_blt(path.read_text(encoding="utf-8")).ballots))
        rows += measure(f"Edinburgh 2017 {largest.stem}", largest.read_text(encoding="utf-8"),
                        args.repeat)
    else:
        print(f"Edinburgh 2017 ballots not found at {EDINBURGH}: that ward is left out")
    rows += measure("synthetic ward", synthetic_ward(args.seed), args.repeat)

    print(f"Python {platform.python_version()}; median of {args.repeat} runs; "
          f"Scottish STV, exact integer arithmetic in units of 0.00001")
    print(f"{'measure':<90} {'figure':>8} {'unit':<4} {'target':<7} met")
    for what, seconds, target in rows:
        ms = seconds * 1000
        verdict = "" if target == "" else ("yes" if ms < target else "NO")
        target_text = "" if target == "" else f"< {target}"
        print(f"{what:<90} {ms:>8.1f} {'ms':<4} {target_text:<7} {verdict}")


if __name__ == "__main__":
    main()
