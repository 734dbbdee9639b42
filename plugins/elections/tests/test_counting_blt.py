"""BLT files: what real files hold is read, a malformed one is refused with its line and why."""
import pytest

from plugins.elections.counting import Ballot, BltError, BltFile, parse_blt, write_blt

MESSY = '''# exported by hand
3 2   
-2
 2 1 3 0   # two papers
1 3 0
1 0
0
"Amina  Yusuf"   # two spaces, kept
"Bilal \\"Bill\\" K" "Chen # Li"
"Camp council, 2026"
'''


def test_comments_withdrawn_line_spaces_and_quoted_names_are_read():
    blt = parse_blt(MESSY)
    assert blt == BltFile(
        candidates=["Amina  Yusuf", 'Bilal "Bill" K', "Chen # Li"], seats=2,
        withdrawn=frozenset({1}),
        ballots=[Ballot(2, (0, 2)), Ballot(1, (2,)), Ballot(1, ())],
        title="Camp council, 2026")


def test_windows_line_ends_a_byte_order_mark_and_a_missing_title_are_accepted():
    blt = parse_blt('\ufeff2 1\r\n1 1 2 0\r\n0\r\n"A"\r\n"B"\r\n')
    assert blt.candidates == ["A", "B"] and blt.title == "" and blt.ballots == [Ballot(1, (0, 1))]


def test_write_then_read_gives_the_same_file():
    blt = parse_blt(MESSY)
    assert parse_blt(write_blt(blt)) == blt
    assert write_blt(blt).splitlines()[:2] == ["3 2", "-2"]


def test_a_name_on_two_lines_cannot_be_written():
    with pytest.raises(ValueError):
        write_blt(BltFile(candidates=["A\nB"], seats=1))


HEAD = '2 1\n'
NAMES = '0\n"A"\n"B"\n"T"\n'


@pytest.mark.parametrize("text, line, reason", [
    ("", 1, "the file is empty"),
    ("# only a comment\n", 1, "the file is empty"),
    ("2\n", 1, "the number of candidates and of seats"),
    ("two 1\n", 1, "whole number"),
    ("2 0\n", 1, "at least one candidate and one seat"),
    (HEAD + "1 1 = 2 0\n" + NAMES, 2, "equal rankings ('=') are not supported"),
    (HEAD + "1 1=2 0\n" + NAMES, 2, "equal rankings"),
    (HEAD + "1 1 3 0\n" + NAMES, 2, "there is no candidate 3: the file has 2"),
    (HEAD + "1 1 2 1 0\n" + NAMES, 2, "candidate 1 is ranked twice"),
    (HEAD + "1 1 2\n" + NAMES, 2, "must end with 0"),
    (HEAD + "1.5 1 0\n" + NAMES, 2, "weight must be a whole number"),
    (HEAD + "-1 1 0\n" + NAMES, 2, "at least 1"),
    (HEAD + "1 1 0\n-2\n" + NAMES, 3, "must come before the ballots"),
    (HEAD + "-3\n" + NAMES, 2, "there is no candidate 3"),
    (HEAD + "1 1 0\n\n1 2 0\n", 4, "must end with a line holding only 0"),
    (HEAD + "1 1 0\n\"A\"\n\"B\"\n", 3, "before the candidate names"),
    (HEAD + "1 1 0\n0\n\"A\"\n", 4, "2 candidate names expected, 1 found"),
    (HEAD + "1 1 0\n0\n\"A\"\nB\n", 5, "must be in double quotes"),
    (HEAD + "1 1 0\n0\n\"A\" \"B\"\n\"T\"\n\"more\"\n", 6, "unexpected text after the title"),
    (HEAD + "1 1 0\n0\n\"A\n", 4, "no closing quote"),
])
def test_a_malformed_file_says_the_line_and_the_reason(text, line, reason):
    with pytest.raises(BltError) as error:
        parse_blt(text)
    assert error.value.line == line
    assert reason in error.value.reason
    assert str(error.value) == f"line {line}: {error.value.reason}"
