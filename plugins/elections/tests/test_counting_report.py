"""The report: every sentence through the caller's gettext and found by ``pybabel extract -k _``;
the JSON form is plain data with exact decimals as strings."""
import json
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from plugins.elections.counting import CountResult, report

from .counting_helpers import Draws, stv

REPORT_SOURCE = Path(report.__file__)


def extracted_msgids():
    return {message for _, message, _, _ in extract_from_file(
        "python", REPORT_SOURCE, keywords={"_": None})}


def a_count_that_says_everything():
    # withdrawn and invalid ballots, reserved seats, a surplus, an elect-remaining stage
    return stv(5, 2, [(4, "A"), (4, "B"), (3, "CA"), (2, "D"), (1, "E")], withdrawn={4},
               reserve=1, group={3}, random_draw=Draws())


def test_every_message_the_report_uses_is_extracted_for_translation():
    asked = []

    def gettext(message):
        asked.append(message)
        return message

    result = a_count_that_says_everything()
    result.to_text(gettext)
    stv(3, 2, [(3, "A"), (1, "B"), (1, "C")], random_draw=Draws()).to_text(gettext)
    assert asked and set(asked) <= extracted_msgids()


def test_every_sentence_and_heading_is_translated():
    def gettext(message):
        return "«" + message + "»"

    result = a_count_that_says_everything()
    lines = [line for line in result.to_text(gettext).splitlines() if line.strip()]
    candidate_rows = [line for line in lines if line.split()[0] in result.candidates]
    assert len(candidate_rows) == len(result.candidates) - 1  # E's row says "(withdrawn)"
    for line in lines:
        assert line in candidate_rows or "«" in line, line


def test_translated_sentences_get_their_values():
    french = {"%(candidate)s is elected: %(votes)s votes reach the quota.":
              "%(candidate)s est élu·e : %(votes)s voix atteignent le quota."}
    result = stv(2, 1, [(3, "A"), (1, "B")])
    sentences = result.stage_sentences(result.stages[0], lambda m: french.get(m, m))
    assert "A est élu·e : 3.00000 voix atteignent le quota." in sentences


def test_the_report_tells_the_story_of_the_count():
    text = a_count_that_says_everything().to_text()
    assert "Method: Scottish STV. Seats: 2. Valid ballots: 13." in text
    assert "Invalid ballots, not counted: 1." in text
    assert "Quota: 5 votes" in text
    assert "Withdrawn: E." in text
    assert "Reserved seats: at least 1 of the 2 seats go to D." in text
    assert "C has the fewest votes (3.00000) outside the group" in text
    assert "B is outside the group, and the seats left are reserved for the group." in text
    assert "Elected, in order: A, D." in text


def test_the_json_is_plain_data_with_exact_decimal_strings():
    result = stv(4, 2, [(4, "AB"), (3, "AC"), (3, "B"), (2, "C"), (2, "DC")])
    data = json.loads(json.dumps(result.to_json()))
    assert data["quota"] == "5" and data["valid_ballots"] == 14
    surplus = data["stages"][1]
    assert surplus["action"] == "surplus" and surplus["subject"] == 0
    assert surplus["subjects"] == [0]
    assert surplus["votes"] == ["5.00000", "4.14284", "2.85713", "2.00000"]
    assert surplus["change"] == ["-2.00000", "1.14284", "0.85713", "0.00000"]
    assert surplus["loss"] == "0.00003" and surplus["surplus"] == "2.00000"
    assert data["stages"][0]["events"] == [{"kind": "elected", "candidate": 0, "reason": "quota"}]
    assert data["elected"] == [0, 2] and data["draws"] == []


@pytest.mark.parametrize("make", [
    a_count_that_says_everything,
    lambda: stv(3, 2, [(3, "A"), (1, "B"), (1, "C")], random_draw=Draws()),
])
def test_a_stored_count_gives_back_the_same_result_and_report(make):
    result = make()
    stored = json.loads(json.dumps(result.to_json()))
    again = CountResult.from_json(stored)
    assert again == result and again.to_json() == stored
    assert again.to_text() == result.to_text()
