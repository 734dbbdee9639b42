"""Casting through the voting pages, as a voter's browser does."""


def vote_url(contest, station=False):
    return f"/elections/{contest.election.centre.slug}/{'station' if station else 'vote'}/{contest.id}"


def form_with(page, step):
    """The voting form of ``step`` (a logged-in page has the logout form too)."""
    return [form for key, form in page.forms.items() if isinstance(key, int)
            and "step" in form.fields and form["step"].value == step][0]


def cast(client, contest, code, ranking, status=200, station=False):
    """Type ``code``, mark ``ranking`` (candidate ids, in order), review, cast (at a kiosk's
    polling station with ``station``). Returns the receipt page (or the page that refused)."""
    page = client.get(vote_url(contest, station))
    form = form_with(page, "code")
    form["code"] = code
    ballot = form.submit(status="*")
    if ballot.status_int != 200 or not ballot.html.select('input[name="step"][value="review"]'):
        return ballot
    form = form_with(ballot, "review")
    for position, cid in enumerate(ranking, 1):
        if contest.ranked:
            form[f"rank-{cid}"] = str(position)
        else:
            for field in form.fields.get("choice", []):
                if field._value == str(cid):
                    field.checked = True
    review = form.submit(status="*")
    if not review.html.select('input[name="step"][value="cast"]'):
        return review
    return form_with(review, "cast").submit(status=status)


def tracker_of(receipt):
    node = receipt.html.select_one(".el-tracker")
    return node.get_text(strip=True) if node else None
