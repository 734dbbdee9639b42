"""The stored count (``CountResult.to_json()``) as the report page shows it, in the reader's
language: per stage every candidate's votes, non-transferable votes, the loss to truncation, and
the engine's sentences (who was elected or excluded and why, where the reserved-seat rule acted,
every tie and draw), translated through this plugin's catalog."""
from decimal import Decimal
from types import SimpleNamespace

from pyramid.i18n import TranslationString


def _exact(text):
    """A count's decimal, shown as a whole number when it is one (8, not 8.00000)."""
    value = Decimal(text)
    return value.quantize(1) if value == value.to_integral() else value


def _as_result(data):
    """The JSON read back with the attributes the engine's sentence builder reads."""
    stages = []
    for stage in data["stages"]:
        events = [SimpleNamespace(kind=e["kind"], candidate=e["candidate"], reason=e["reason"],
                                  tied=tuple(e.get("tied", ())), at_stage=e.get("at_stage"),
                                  purpose=e.get("purpose", ""))
                  for e in stage.get("events", [])]
        stages.append(SimpleNamespace(
            number=stage["number"], action=stage["action"], subjects=tuple(stage["subjects"]),
            surplus=None if stage.get("surplus") is None else _exact(stage["surplus"]),
            votes=tuple(_exact(v) for v in stage["votes"]), events=tuple(events),
            non_transferable=_exact(stage["non_transferable"]), loss=_exact(stage["loss"]),
            reserved_rule=stage.get("reserved_rule", False)))
    return SimpleNamespace(candidates=data["candidates"], stages=stages,
                           quota=None if data.get("quota") is None else _exact(data["quota"]))


def report(request, contest, data):
    from .counting.report import stage_sentences
    localizer = request.localizer

    def gettext(message):
        return localizer.translate(TranslationString(message, domain="elections"))

    result = _as_result(data)
    for stage in result.stages:  # decimals shown as the reader writes numbers, sentences too
        stage.sentences = stage_sentences(result, stage, gettext)
    elected = set(data["elected"])
    return {
        "data": data, "stages": result.stages, "quota": result.quota,
        "valid": data["valid_ballots"], "elected": data["elected"], "elected_set": elected,
        "withdrawn": set(data.get("withdrawn", [])), "method": data["method"],
        "candidates": list(range(len(data["candidates"]))), "names": data["candidates"],
        "draws": data.get("draws", []),
        "reserved_rule": any(stage.reserved_rule for stage in result.stages),
    }
