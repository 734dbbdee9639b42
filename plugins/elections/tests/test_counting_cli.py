"""``portal-count`` run as a user runs it: a real process on a real file."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("portal-count")
BALLOTS = '''5 2
-5
4 1 0
4 2 0
3 3 1 0
2 4 0
1 5 0
0
"Amina Y" "Bilal K" "Chen L" "Dragana M" "Emir H"
"Camp council"
'''


def portal_count(*args):
    command = [str(SCRIPT)] if SCRIPT.exists() else [
        sys.executable, "-m", "plugins.elections.counting.cli"]
    return subprocess.run(command + [str(arg) for arg in args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[3], timeout=60)


@pytest.fixture
def ballots(tmp_path):
    path = tmp_path / "camp.blt"
    path.write_text(BALLOTS, encoding="utf-8")
    return path


def test_text_report(ballots):
    run = portal_count(ballots)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Camp council\nMethod: Scottish STV. Seats: 2.")
    assert "Stage 1: first preferences are counted." in run.stdout
    assert "Elected, in order: Amina Y, Bilal K." in run.stdout


def test_json_with_reserved_seats(ballots, tmp_path):
    group = tmp_path / "women.txt"
    group.write_text('# the group\n"Dragana M"\n', encoding="utf-8")
    run = portal_count(ballots, "--json", "--reserve", 1, "--group", group)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["title"] == "Camp council" and data["group"] == [3]
    assert data["elected"] == [0, 3] and data["withdrawn"] == [4]
    assert any(stage["reserved_rule"] for stage in data["stages"])


def test_plurality_with_seats_and_a_seeded_draw(ballots):
    runs = [portal_count(ballots, "--method", "plurality", "--seats", 1, "--json",
                         "--seed", "7") for _ in range(2)]
    assert runs[0].returncode == 0, runs[0].stderr
    data = json.loads(runs[0].stdout)
    assert data["method"] == "plurality" and data["seats"] == 1
    assert len(data["draws"]) == 1 and data["draws"][0]["tied"] == [0, 1]
    assert runs[0].stdout == runs[1].stdout


def test_a_malformed_file_prints_its_line_and_reason_and_exits_2(tmp_path):
    bad = tmp_path / "bad.blt"
    bad.write_text("2 1\n1 1 = 2 0\n0\n\"A\"\n\"B\"\n", encoding="utf-8")
    run = portal_count(bad)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == f"{bad}: line 2: equal rankings ('=') are not supported: " \
                                 "each preference must name one candidate"


@pytest.mark.parametrize("args, message", [
    (["--reserve", "1"], "--reserve needs --group"),
    (["--seats", "0"], "at least one seat"),
])
def test_bad_options_exit_2(ballots, args, message):
    run = portal_count(ballots, *args)
    assert run.returncode == 2 and message in run.stderr


def test_an_unknown_group_member_exits_2(ballots, tmp_path):
    group = tmp_path / "group.txt"
    group.write_text("Nobody\n", encoding="utf-8")
    run = portal_count(ballots, "--reserve", 1, "--group", group)
    assert run.returncode == 2 and "line 1: no candidate 'Nobody'" in run.stderr
