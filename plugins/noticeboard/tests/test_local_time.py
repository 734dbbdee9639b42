"""Show from / until are typed in the centre's local time and kept in UTC, across both changes
of the clocks (Europe/Sarajevo, 2026: forward on 29 March, back on 25 October)."""
from datetime import datetime, timezone

from sqlalchemy import func, select

from plugins.noticeboard.models import Notice


def UTC(*args):
    return datetime(*args, tzinfo=timezone.utc)


def notice_form(testapp, url="/noticeboard/usivak/add"):
    form = testapp.get(url).forms["deform"]
    if "title" in form.fields and not form["title"].value:
        form["category"], form["title"], form["source_language"] = "food", "Lunch", "en"
    return form


def set_window(form, start, end):
    """``start``/``end``: (date, time) as typed; index 0 is "Show from", 1 "Show until"."""
    for index, (day, clock) in enumerate((start, end)):
        form.set("date", day, index=index)
        form.set("time", clock, index=index)


def shown_window(testapp, notice):
    form = testapp.get(f"/content/{notice.id}/edit").forms["deform"]
    return [(form.get("date", index=i).value, form.get("time", index=i).value) for i in (0, 1)]


def latest(dbsession):
    return dbsession.scalars(select(Notice).order_by(Notice.id.desc())).first()


def test_local_times_round_trip_across_both_clock_changes(testapp, login_as, dbsession):
    login_as(testapp, "manager-usivak")
    cases = [
        # across 29 March: winter time (UTC+1) before, summer time (UTC+2) after
        (("2026-03-28", "12:00"), ("2026-03-30", "12:00"),
         UTC(2026, 3, 28, 11), UTC(2026, 3, 30, 10)),
        # across 25 October, and 02:30 that night, which happens twice: the first one (UTC+2)
        (("2026-10-25", "02:30"), ("2026-10-26", "12:00"),
         UTC(2026, 10, 25, 0, 30), UTC(2026, 10, 26, 11)),
    ]
    for start, end, utc_start, utc_end in cases:
        form = notice_form(testapp)
        set_window(form, start, end)
        assert form.submit("save").status_int == 303
        notice = latest(dbsession)
        assert (notice.valid_from, notice.valid_until) == (utc_start, utc_end)
        assert shown_window(testapp, notice) == [start, end]
        # saved again unchanged from the edit form, nothing moves by an hour
        assert notice_form(testapp, f"/content/{notice.id}/edit").submit("save").status_int == 303
        assert (notice.valid_from, notice.valid_until) == (utc_start, utc_end)


def test_a_time_skipped_by_the_clocks_is_refused_in_the_readers_language(testapp, login_as,
                                                                         dbsession):
    login_as(testapp, "manager-usivak")
    testapp.get("/?lang=ar")
    count = dbsession.scalar(select(func.count()).select_from(Notice))
    form = notice_form(testapp)
    set_window(form, ("2026-03-29", "02:30"), ("2026-03-30", "12:00"))
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    field = response.html.select_one("#item-" + response.html.select_one(
        'input[name="date"]')["id"].removesuffix("-date"))
    assert field.select_one(".invalid-feedback").get_text(strip=True) == (
        "هذا الوقت غير موجود هنا: تُقدَّم الساعة ساعةً واحدة في تلك الليلة.")
    again = response.forms["deform"]  # everything typed is still there
    assert [again.get("date", index=i).value for i in (0, 1)] == ["2026-03-29", "2026-03-30"]
    assert [again.get("time", index=i).value for i in (0, 1)] == ["02:30", "12:00"]
    assert again["title"].value == "Lunch"
    assert dbsession.scalar(select(func.count()).select_from(Notice)) == count


def test_a_day_without_a_time_runs_from_midnight_to_the_end_of_the_day(testapp, login_as,
                                                                       dbsession):
    login_as(testapp, "manager-usivak")
    form = notice_form(testapp)
    set_window(form, ("2026-07-01", ""), ("2026-07-03", ""))
    assert form.submit("save").status_int == 303
    notice = latest(dbsession)
    assert notice.valid_from == UTC(2026, 6, 30, 22)  # 00:00 in Sarajevo, summer time
    assert notice.valid_until == UTC(2026, 7, 3, 21, 59)  # 23:59
    assert shown_window(testapp, notice) == [("2026-07-01", "00:00"), ("2026-07-03", "23:59")]


def test_weekdays_are_kept_as_ticked(testapp, login_as, dbsession):
    login_as(testapp, "manager-usivak")
    form = notice_form(testapp)
    for box in form.fields["checkbox"]:
        box.checked = box._value in ("0", "4")
    assert form.submit("save").status_int == 303
    notice = latest(dbsession)
    assert notice.weekdays == "0,4"
    ticked = [box._value for box in notice_form(testapp, f"/content/{notice.id}/edit"
                                                 ).fields["checkbox"] if box.checked]
    assert ticked == ["0", "4"]
