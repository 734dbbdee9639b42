"""``portal-count``: count a BLT ballot file and print the stage-by-stage report.

    portal-count ward.blt --method scottish-stv --seats 3 --reserve 1 --group women.txt --json

The group file names the candidates the reserved seats are for, one a line: a candidate's number
in the BLT file (1-based) or their name as written there (with or without quotes); ``#`` starts
a comment. A malformed file is refused with its line and the reason, and exit status 2.
"""
import argparse
import json
import os
import random
import sys

from . import METHODS, count
from .blt import BltError, parse_blt


class UsageError(Exception):
    pass


def read_group(path, candidates):
    """0-based indices of the candidates listed in the group file at ``path``."""
    group = set()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            text = line.strip()
            if text.startswith('"'):
                end = text.find('"', 1)
                if end < 0:
                    raise UsageError(f"{path}: line {number}: a quoted name has no closing quote")
                entry = text[1:end]
            else:
                entry = text.split("#", 1)[0].strip()
            if not entry:
                continue
            if entry.isdigit() and 1 <= int(entry) <= len(candidates):
                group.add(int(entry) - 1)
            elif entry in candidates:
                group.add(candidates.index(entry))
            else:
                raise UsageError(f"{path}: line {number}: no candidate {entry!r} in the ballot file")
    return frozenset(group)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="portal-count", description="Count a BLT ballot file, stage by stage.")
    parser.add_argument("file", metavar="FILE.blt", help="the ballots (BLT format)")
    parser.add_argument("--method", choices=METHODS, default="scottish-stv",
                        help="counting method (default: scottish-stv)")
    parser.add_argument("--seats", type=int, help="seats to fill (default: the file's)")
    parser.add_argument("--reserve", type=int, default=0, metavar="K",
                        help="at least K seats for the candidates of --group")
    parser.add_argument("--group", metavar="FILE",
                        help="the candidates the reserved seats are for, one a line")
    parser.add_argument("--json", action="store_true", help="print the count as JSON")
    parser.add_argument("--seed", help="seed for the random draws that settle full ties, so "
                                       "that a count can be repeated (default: unpredictable)")
    args = parser.parse_args(argv)
    if args.reserve and not args.group:
        parser.error("--reserve needs --group")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        with open(args.file, encoding="utf-8-sig") as file:
            blt = parse_blt(file.read())
        group = read_group(args.group, blt.candidates) if args.group else frozenset()
        random_draw = None
        if args.seed is not None:
            rng = random.Random(args.seed)
            random_draw = lambda tied, purpose: rng.choice(tied)  # noqa: E731
        result = count(args.method, blt.candidates, blt.seats if args.seats is None else args.seats, blt.ballots,
                       withdrawn=blt.withdrawn, reserve=args.reserve, group=group,
                       random_draw=random_draw)
    except BltError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError, UsageError, ValueError) as error:
        print(f"portal-count: {error}", file=sys.stderr)
        return 2
    if args.json:
        output = json.dumps({"title": blt.title, **result.to_json()}, indent=2,
                            ensure_ascii=False) + "\n"
    else:
        output = (blt.title + "\n" if blt.title else "") + result.to_text()
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into head: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
