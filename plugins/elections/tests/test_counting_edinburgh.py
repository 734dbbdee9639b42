"""The City of Edinburgh Council election of 4 May 2017: 17 wards, counted by Scottish STV, must
elect exactly the councillors declared (``../shared/data/stv/edinburgh-2017``, not copied here)."""
import json
from functools import lru_cache
from pathlib import Path

import pytest

from plugins.elections.counting import count, parse_blt, write_blt

from .counting_helpers import assert_balanced, no_draw

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "stv" / "edinburgh-2017"
WARDS = [f"ward-{number:02d}.blt" for number in range(1, 18)]


def need_data():
    if not (DATA / "winners.json").is_file():
        pytest.skip(f"the Edinburgh 2017 ballots are not at {DATA}: "
                    "put the project's shared/ folder beside the repository")


@lru_cache(maxsize=None)
def ward(name):
    blt = parse_blt((DATA / name).read_text(encoding="utf-8"))
    return blt, count("scottish-stv", blt.candidates, blt.seats, blt.ballots, blt.withdrawn,
                      random_draw=no_draw)


def test_the_data_holds_the_17_wards():
    need_data()
    winners = json.loads((DATA / "winners.json").read_text(encoding="utf-8"))["elected"]
    assert sorted(winners) == WARDS


@pytest.mark.parametrize("name", WARDS)
def test_ward_elects_the_declared_councillors(name):
    need_data()
    winners = json.loads((DATA / "winners.json").read_text(encoding="utf-8"))["elected"][name]
    blt, result = ward(name)
    assert sorted(blt.candidates[c] for c in result.elected) == sorted(winners)
    assert len(result.elected) == blt.seats and result.draws == []
    assert result.quota == result.valid_ballots // (blt.seats + 1) + 1
    assert result.valid_ballots == sum(ballot.weight for ballot in blt.ballots)
    assert_balanced(result)


@pytest.mark.parametrize("name", WARDS)
def test_ward_report_and_file_survive_the_round_trip(name):
    need_data()
    blt, result = ward(name)
    assert parse_blt(write_blt(blt)) == blt
    data = json.loads(json.dumps(result.to_json()))
    assert data["elected"] == result.elected
    assert len(data["stages"]) == len(result.stages)
    text = result.to_text()
    for c in result.elected:
        assert f"{blt.candidates[c]} is elected" in text


# Figures the council declared, as reported in the press and in the ward's encyclopaedia entry
# (whole votes, decimals dropped): the stages match, not only the winners.
DECLARED_STAGE_ELECTED = {
    "ward-02.blt": {"Graeme BRUCE": 1, "Neil GARDINER": 1, "Ricky HENDERSON": 1,
                    "Susan WEBBER": 2},
    "ward-03.blt": {"Robert Christopher ALDRIDGE": 1, "Claire BRIDGMAN": 1, "Mark BROWN": 2},
}
DECLARED_VOTES = {  # ward 9, Fountainbridge/Craiglockhart, stages 1 to 6
    "David KEY": [1924, 1939, 2028, 2043, 2125, 2755],
    "Anne WIMBERLEY": [1266, 1395],
}


@pytest.mark.parametrize("name", sorted(DECLARED_STAGE_ELECTED))
def test_councillors_are_elected_at_the_declared_stage(name):
    need_data()
    blt, result = ward(name)
    elected_at = {blt.candidates[c]: stage.number
                  for stage in result.stages for c in stage.elected}
    assert elected_at == DECLARED_STAGE_ELECTED[name]


def test_ward_9_votes_at_each_stage_are_the_declared_ones():
    need_data()
    blt, result = ward("ward-09.blt")
    for candidate, declared in DECLARED_VOTES.items():
        c = blt.candidates.index(candidate)
        assert [int(stage.votes[c]) for stage in result.stages][:len(declared)] == declared
