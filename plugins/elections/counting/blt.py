"""The BLT ballot file, as OpenSTV, Droop and election offices exchange it.

    4 2               candidates, seats
    -3                withdrawn candidates (optional, 1-based, negative)
    3 1 2 4 0         weight, preferences (1-based), 0
    1 2 0
    0                 end of the ballots
    "Amina Y"         one quoted name per candidate ...
    "Bilal K"
    "Chen L"
    "Dragana M"
    "Camp council 2026"   ... then the title

``#`` starts a comment outside quotes; blank lines and spaces at either end are ignored. A name
keeps its inner spaces as written, and ``\\"`` inside quotes is a quote. Equal rankings (``=``)
are refused: the counting rules rank one candidate per preference.
"""
import re
from dataclasses import dataclass, field

from .ballot import Ballot


class BltError(ValueError):
    """A malformed BLT file: the line (1-based) and why."""

    def __init__(self, line, reason):
        super().__init__(line, reason)
        self.line = line
        self.reason = reason

    def __str__(self):
        return f"line {self.line}: {self.reason}"


@dataclass
class BltFile:
    candidates: list[str]
    seats: int
    withdrawn: frozenset[int] = frozenset()  # 0-based candidate indices
    ballots: list[Ballot] = field(default_factory=list)
    title: str = ""


def _tokens(text, number):
    """The words of one line: ``str`` for a quoted name, the raw word otherwise."""
    if '"' not in text and "#" not in text:  # a ballot line: the common case, made fast
        return text.split()
    tokens, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "#":
            break
        if char.isspace():
            i += 1
        elif char == '"':
            name, i = [], i + 1
            while i < len(text) and text[i] != '"':
                if text[i] == "\\" and i + 1 < len(text):
                    i += 1
                name.append(text[i])
                i += 1
            if i >= len(text):
                raise BltError(number, "a quoted name has no closing quote")
            tokens.append(_Name("".join(name)))
            i += 1
        else:
            start = i
            while i < len(text) and not text[i].isspace() and text[i] not in '"#':
                i += 1
            tokens.append(text[start:i])
    return tokens


class _Name(str):
    """A quoted token (a bare word is a plain ``str``)."""


_INTEGER = re.compile(r"-?[0-9]+")


def _integer(word, number, what):
    if isinstance(word, _Name) or not _INTEGER.fullmatch(word):
        raise BltError(number, f"{what} must be a whole number, not {word!r}")
    return int(word)


_NUMBERS = re.compile(r"-?[0-9]+(?: -?[0-9]+)*")


def _refuse_ballot_line(tokens, number):
    """Say what is wrong with a ballot line that is not whole numbers."""
    if any("=" in word for word in tokens if not isinstance(word, _Name)):
        raise BltError(number, "equal rankings ('=') are not supported: "
                               "each preference must name one candidate")
    if isinstance(tokens[0], _Name):
        raise BltError(number, "the ballots must end with a line holding only 0, "
                               "before the candidate names")
    _integer(tokens[0], number, "a ballot's weight")
    for word in tokens[1:]:
        _integer(word, number, "a preference")
    raise BltError(number, "a ballot line holds whole numbers only")


def parse_blt(text: str) -> BltFile:
    """Read a BLT file; a malformed one raises ``BltError`` with its line and the reason."""
    lines = [(number, _tokens(line, number), '"' in line)
             for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)]
    lines = [line for line in lines if line[1]]
    if not lines:
        raise BltError(1, "the file is empty")
    last_line = lines[-1][0]
    rows = iter(lines)

    number, header, _ = next(rows)
    if len(header) != 2:
        raise BltError(number, "the first line must hold the number of candidates and of seats")
    count = _integer(header[0], number, "the number of candidates")
    seats = _integer(header[1], number, "the number of seats")
    if count < 1 or seats < 1:
        raise BltError(number, "there must be at least one candidate and one seat")

    def check_candidates(indices, number):
        """Refuse a 1-based candidate number that is not in the file."""
        for index in indices:
            if not 1 <= index <= count:
                raise BltError(number, f"there is no candidate {index}: the file has {count}")

    withdrawn, ballots = set(), []
    to_index = (-1).__add__  # 1-based in the file, 0-based in a Ballot
    for number, tokens, quoted in rows:  # whole numbers only, checked fast, explained if not
        if quoted or not _NUMBERS.fullmatch(" ".join(tokens)):
            _refuse_ballot_line(tokens, number)
        values = list(map(int, tokens))
        if values[0] < 0 and max(values) < 0:
            if ballots:
                raise BltError(number, "withdrawn candidates (-N) must come before the ballots")
            check_candidates([-value for value in values], number)
            withdrawn.update(-value - 1 for value in values)
            continue
        weight = values[0]
        if weight == 0 and len(values) == 1:
            break
        if weight < 1:
            raise BltError(number, "a ballot's weight must be at least 1")
        if len(values) < 2 or values[-1] != 0:
            raise BltError(number, "a ballot line must end with 0")
        preferences = values[1:-1]
        if preferences and (min(preferences) < 1 or max(preferences) > count):
            check_candidates(preferences, number)
        ranking = tuple(map(to_index, preferences))
        if len(set(ranking)) != len(ranking):
            twice = next(c for c in ranking if ranking.count(c) > 1)
            raise BltError(number, f"candidate {twice + 1} is ranked twice on this ballot")
        ballots.append(Ballot(weight, ranking))
    else:
        raise BltError(last_line, "the ballots must end with a line holding only 0")

    names = []
    for number, tokens, _ in rows:
        for word in tokens:
            if not isinstance(word, _Name):
                raise BltError(number, f"a candidate name or the title must be in double quotes, "
                                       f"not {word!r}")
            names.append((number, str(word)))
    if len(names) < count:
        raise BltError(last_line, f"{count} candidate names expected, {len(names)} found")
    if len(names) > count + 1:
        raise BltError(names[count + 1][0], "unexpected text after the title")
    title = names[count][1] if len(names) > count else ""
    return BltFile(candidates=[name for _, name in names[:count]], seats=seats,
                   withdrawn=frozenset(withdrawn), ballots=ballots, title=title)


def _quoted(text):
    if "\n" in text or "\r" in text:
        raise ValueError(f"a name or title on two lines cannot be written to BLT: {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_blt(blt: BltFile) -> str:
    """The BLT text of ``blt``; ``parse_blt`` reads it back to an equal ``BltFile``."""
    out = [f"{len(blt.candidates)} {blt.seats}"]
    if blt.withdrawn:
        out.append(" ".join(f"-{index + 1}" for index in sorted(blt.withdrawn)))
    out += [" ".join([str(ballot.weight), *(str(c + 1) for c in ballot.ranking), "0"])
            for ballot in blt.ballots]
    out.append("0")
    out += [_quoted(name) for name in blt.candidates]
    out.append(_quoted(blt.title))
    return "\n".join(out) + "\n"
