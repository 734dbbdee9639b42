"""The count as sentences and a stage-by-stage table, in any language.

Every sentence is an English msgid marked with ``_`` (so ``pybabel extract -k _`` finds it) and
goes through the ``gettext`` the caller passes, then gets its values by ``%`` with a mapping: the
web part passes its request's translator, ``portal-count`` prints English.
"""


def _(message):
    return message


METHOD_NAMES = {
    "scottish-stv": _("Scottish STV"),
    "plurality": _("plurality"),
    "approval": _("approval voting"),
}
PURPOSES = {
    "surplus-order": _("which surplus is transferred first"),
    "exclusion": _("who is excluded"),
    "election": _("who is elected"),
}
STAGE_ACTIONS = {
    "first": _("Stage %(number)s: first preferences are counted."),
    "surplus": _("Stage %(number)s: the surplus of %(candidate)s (%(surplus)s votes) is "
                 "transferred."),
    "exclusion": _("Stage %(number)s: %(candidates)s excluded; their ballots pass to the next "
                   "preferences at the value they hold."),
    "elect-remaining": _("Stage %(number)s: as many candidates continue as seats are left; "
                         "they are elected without further transfers."),
}
COUNTED = _("Stage %(number)s: the votes are counted.")
EVENTS = {
    ("elected", "quota"): _("%(candidate)s is elected: %(votes)s votes reach the quota."),
    ("elected", "remaining"): _("%(candidate)s is elected: as many candidates continue as seats "
                                "are left."),
    ("elected", "most-votes"): _("%(candidate)s is elected with %(votes)s votes."),
    ("excluded", "lowest"): _("%(candidate)s has the fewest votes (%(votes)s)."),
    ("excluded", "lowest-outside-group"): _(
        "%(candidate)s has the fewest votes (%(votes)s) outside the group; the group's "
        "candidates are all needed for the reserved seats."),
    ("excluded", "reserved"): _("%(candidate)s is outside the group, and the seats left are "
                                "reserved for the group."),
    ("tie", "earlier-stage"): _("%(tied)s are equal (%(purpose)s); their votes at stage "
                                "%(stage)s decide: %(candidate)s."),
    ("tie", "draw"): _("%(tied)s are equal (%(purpose)s) at every stage; a random draw decides: "
                       "%(candidate)s."),
}


def _say(gettext, message, **values):
    return gettext(message) % values


def _names(result, indices):
    return ", ".join(result.candidates[c] for c in indices)


def _votes_at(result, stage, candidate):
    """A candidate's votes when the event happened: before an exclusion moved them away."""
    if stage.action == "exclusion" and candidate in stage.subjects and stage.number > 1:
        return result.stages[stage.number - 2].votes[candidate]
    return stage.votes[candidate]


def stage_sentences(result, stage, gettext=lambda s: s):
    """What ``stage`` did and decided, one translated sentence each."""
    if stage.action == "first" and result.quota is None:
        sentences = [_say(gettext, COUNTED, number=stage.number)]
    else:
        sentences = [_say(gettext, STAGE_ACTIONS[stage.action], number=stage.number,
                          candidate=_names(result, stage.subjects[:1]),
                          candidates=_names(result, stage.subjects),
                          surplus=stage.surplus)]
    for event in stage.events:
        sentences.append(_say(
            gettext, EVENTS[event.kind, event.reason],
            candidate=result.candidates[event.candidate],
            votes=_votes_at(result, stage, event.candidate),
            tied=_names(result, event.tied), stage=event.at_stage,
            purpose=gettext(PURPOSES.get(event.purpose, event.purpose)) if event.purpose else ""))
    return sentences


def summary_sentences(result, gettext=lambda s: s):
    """The count's rules and outcome, before and after the table."""
    lines = [_say(gettext, _("Method: %(method)s. Seats: %(seats)s. Valid ballots: %(valid)s."),
                  method=gettext(METHOD_NAMES[result.method]), seats=result.seats,
                  valid=result.valid_ballots)]
    if result.invalid_ballots:
        lines.append(_say(gettext, _("Invalid ballots, not counted: %(invalid)s."),
                          invalid=result.invalid_ballots))
    if result.quota is not None:
        lines.append(_say(gettext, _(
            "Quota: %(quota)s votes (valid ballots divided by seats plus one, without "
            "decimals, plus one)."), quota=result.quota))
    if result.withdrawn:
        lines.append(_say(gettext, _("Withdrawn: %(names)s."),
                          names=_names(result, sorted(result.withdrawn))))
    if result.reserve:
        lines.append(_say(gettext, _(
            "Reserved seats: at least %(reserve)s of the %(seats)s seats go to %(names)s."),
            reserve=result.reserve, seats=result.seats,
            names=_names(result, sorted(result.group))))
    return lines


def outcome_sentences(result, gettext=lambda s: s):
    lines = [_say(gettext, _("Elected, in order: %(names)s."),
                  names=_names(result, result.elected))]
    if result.unfilled:
        lines.append(_say(gettext, _("Seats left unfilled (too few candidates): %(count)s."),
                          count=result.unfilled))
    for draw in result.draws:
        lines.append(_say(gettext, _(
            "Random draw at stage %(stage)s, %(purpose)s, between %(tied)s: %(candidate)s."),
            stage=draw.stage, purpose=gettext(PURPOSES.get(draw.purpose, draw.purpose)),
            tied=_names(result, draw.tied), candidate=result.candidates[draw.chosen]))
    return lines


def _table(result, gettext):
    """Candidates down, stages across: each stage's votes, elected and excluded marked."""
    marks = {}
    for stage in result.stages:
        for event in stage.events:
            if event.kind in ("elected", "excluded"):
                marks[event.candidate, stage.number] = "*" if event.kind == "elected" else "-"
    header = [gettext(_("Candidate"))] + [
        _say(gettext, _("Stage %(number)s"), number=stage.number) for stage in result.stages]
    rows = []
    for c, name in enumerate(result.candidates):
        label = name if c not in result.withdrawn else _say(
            gettext, _("%(candidate)s (withdrawn)"), candidate=name)
        rows.append([label] + [f"{stage.votes[c]}{marks.get((c, stage.number), ' ')}"
                               for stage in result.stages])
    if result.quota is not None:
        rows.append([gettext(_("Non-transferable"))] + [
            f"{stage.non_transferable} " for stage in result.stages])
        rows.append([gettext(_("Loss to truncation"))] + [
            f"{stage.loss} " for stage in result.stages])
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    lines = []
    for row in [header] + rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i + 1])
                                             for i, cell in enumerate(row[1:])]
        lines.append("  ".join(cells).rstrip())
    lines.append(gettext(_("* elected at this stage, - excluded at this stage")))
    return lines


def report_text(result, gettext=lambda s: s):
    lines = summary_sentences(result, gettext) + [""] + _table(result, gettext) + [""]
    for stage in result.stages:
        lines += stage_sentences(result, stage, gettext)
        if stage.reserved_rule:
            lines.append("  " + gettext(_("The reserved-seat rule acted at this stage.")))
    lines.append("")
    lines += outcome_sentences(result, gettext)
    return "\n".join(lines) + "\n"
