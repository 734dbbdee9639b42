"""The forms of the activities: a series, one occurrence's change, a decision, the import."""
from datetime import date, datetime

import colander
import deform
from babel.dates import get_day_names
from sqlalchemy import select

from portal.api import (LANGUAGES, CSRFSchema, FileInputWidget, Organisation, babel_locale,
                        category_validator, category_widget, field_error)

from .i18n import _
from .models import FREQUENCIES, MONTH_WEEKS, TARGET_GROUPS, WEEKDAYS, split_byday


def may_choose_any_organisation(request, context):
    return request.has_permission("activities.manage", context)


@colander.deferred
def organisation_widget(node, kw):
    return deform.widget.SelectWidget(values=[
        (str(value), label) for value, label in organisation_choices(kw["request"], kw["context"])])


@colander.deferred
def organisation_validator(node, kw):
    return colander.OneOf([value for value, _label in
                           organisation_choices(kw["request"], kw["context"])])


def organisation_choices(request, context):
    """Managers book for any organisation, a partner only for their own."""
    query = select(Organisation).order_by(Organisation.name)
    if not may_choose_any_organisation(request, context):
        user = request.user
        query = query.where(Organisation.id == (user.organisation_id if user else -1))
    return [(org.id, org.name) for org in request.dbsession.scalars(query)]


def centre_of(context):
    return getattr(context, "centre", None)


@colander.deferred
def room_widget(node, kw):
    centre = centre_of(kw["context"])
    rooms = centre.rooms if centre is not None else []
    return deform.widget.SelectWidget(values=[("", kw["request"].localizer.translate(
        _("No room")))] + [(str(room.id), room.name) for room in rooms])


@colander.deferred
def room_validator(node, kw):
    centre = centre_of(kw["context"])
    return colander.OneOf([None] + [room.id for room in (centre.rooms if centre else [])])


@colander.deferred
def weekday_widget(node, kw):
    names = get_day_names("wide", locale=babel_locale(kw["request"].locale_name))
    return deform.widget.CheckboxChoiceWidget(
        values=[(code, names[index]) for index, code in enumerate(WEEKDAYS)], inline=True)


@colander.deferred
def language_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=list(LANGUAGES.items()), inline=True)


class CodeList(colander.Set):
    """Ticked codes kept as text, ``"MO,WE"``, in the order of ``choices``."""

    def __init__(self, choices):
        super().__init__()
        self.choices = list(choices)

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None, ""):
            return colander.null
        return tuple(code for code in appstruct.split(",") if code)

    def deserialize(self, node, cstruct):
        codes = super().deserialize(node, cstruct)
        if codes is colander.null:
            return ""
        colander.ContainsOnly(self.choices)(node, codes)
        return ",".join(code for code in self.choices if code in codes)


class DayList(colander.String):
    """Exception dates typed as ``2026-04-06, 2026-05-01``; kept in that form, sorted."""

    def deserialize(self, node, cstruct):
        text = super().deserialize(node, cstruct)
        if text in (colander.null, None):
            return ""
        days = set()
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                days.add(date.fromisoformat(part))
            except ValueError:
                raise colander.Invalid(node, _("“${value}” is not a date like 2026-04-06.",
                                                mapping={"value": part})) from None
        return ",".join(day.isoformat() for day in sorted(days))


class RoomId(colander.Integer):
    def deserialize(self, node, cstruct):
        if cstruct in ("", colander.null, None):
            return None
        return super().deserialize(node, cstruct)


class ActivityFields(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Title"),
                                validator=colander.Length(min=2, max=200))
    description = colander.SchemaNode(
        colander.String(), title=_("Description"), missing="",
        validator=colander.Length(max=2000), widget=deform.widget.TextAreaWidget(rows=4))
    organisation_id = colander.SchemaNode(colander.Integer(), title=_("Organisation"),
                                          widget=organisation_widget,
                                          validator=organisation_validator)
    room_id = colander.SchemaNode(RoomId(), title=_("Room"), missing=None,
                                  widget=room_widget, validator=room_validator)
    category = colander.SchemaNode(colander.String(), title=_("Category"),
                                   widget=category_widget, validator=category_validator)
    target_group = colander.SchemaNode(
        colander.String(), title=_("For whom"), default="everyone",
        widget=deform.widget.SelectWidget(values=TARGET_GROUPS),
        validator=colander.OneOf([code for code, _label in TARGET_GROUPS]))
    languages = colander.SchemaNode(CodeList(LANGUAGES), title=_("Languages spoken"),
                                    missing="", widget=language_widget)
    interpretation = colander.SchemaNode(colander.Boolean(), title=_("Interpretation available"),
                                         missing=False)
    capacity = colander.SchemaNode(colander.Integer(), title=_("Places"), missing=None,
                                   validator=colander.Range(1, 1000))
    first_day = colander.SchemaNode(colander.Date(), title=_("First day"),
                                    widget=deform.widget.DateInputWidget())
    start_time = colander.SchemaNode(colander.Time(), title=_("Starts at"),
                                     widget=deform.widget.TimeInputWidget(),
                                     description=_("Local time of the centre."))
    duration_minutes = colander.SchemaNode(colander.Integer(), title=_("Minutes"), default=60,
                                           validator=colander.Range(5, 720))
    freq = colander.SchemaNode(colander.String(), title=_("Repeats"), missing="",
                               widget=deform.widget.SelectWidget(values=FREQUENCIES),
                               validator=colander.OneOf([code for code, _l in FREQUENCIES]))
    interval = colander.SchemaNode(colander.Integer(), title=_("Every how many"), default=1,
                                   missing=1, validator=colander.Range(1, 12),
                                   description=_("2 with “Every week”: every other week."))
    byday = colander.SchemaNode(CodeList(WEEKDAYS), title=_("On these days"), missing="",
                                widget=weekday_widget,
                                description=_("Weekly only. None ticked: the first day's."))
    month_week = colander.SchemaNode(
        colander.String(), title=_("Every month on"), missing="", default="",
        widget=deform.widget.SelectWidget(values=MONTH_WEEKS),
        validator=colander.OneOf([code for code, _label in MONTH_WEEKS]),
        description=_("Monthly only: “The second such weekday” with a Tuesday as first day "
                      "is the second Tuesday of every month."))
    until = colander.SchemaNode(colander.Date(), title=_("Last day"), missing=None,
                                widget=deform.widget.DateInputWidget())
    count = colander.SchemaNode(colander.Integer(), title=_("Or a number of times"),
                                missing=None, validator=colander.Range(1, 500))
    exdates = colander.SchemaNode(DayList(), title=_("Not on these days"), missing="",
                                  description=_("Dates like 2026-04-06, separated by commas."))

    def validator(self, node, value):
        if value["freq"] and value["until"] is None and not value["count"]:
            raise field_error(node, _("Give a last day or a number of times."), "until")
        if value["until"] is not None and value["until"] < value["first_day"]:
            raise field_error(node, _("The last day must not be before the first day."), "until")


class ChangeFields(CSRFSchema):
    """Cancel or move one occurrence."""

    action = colander.SchemaNode(
        colander.String(), title=_("What happens"), default="cancel",
        widget=deform.widget.SelectWidget(values=[("cancel", _("Cancel it")),
                                                       ("move", _("Move it")),
                                                       ("restore", _("As planned"))]),
        validator=colander.OneOf(["cancel", "move", "restore"]))
    new_day = colander.SchemaNode(colander.Date(), title=_("New day"), missing=None,
                                  widget=deform.widget.DateInputWidget())
    new_time = colander.SchemaNode(colander.Time(), title=_("New time"), missing=None,
                                   widget=deform.widget.TimeInputWidget())
    reason = colander.SchemaNode(colander.String(), title=_("Reason shown to residents"),
                                 missing="", validator=colander.Length(max=300))

    def validator(self, node, value):
        if value["action"] == "move" and (value["new_day"] is None or value["new_time"] is None):
            raise field_error(node, _("Give the new day and time."), "new_day")
        if value["action"] != "restore" and not value["reason"].strip():
            raise field_error(node, _("Say why, in a few words."), "reason")


class WithdrawFields(CSRFSchema):
    """Confirm the withdrawal of a whole series."""

    reason = colander.SchemaNode(colander.String(), title=_("Why (told to the people concerned)"),
                                 missing="", validator=colander.Length(max=300))


class DecisionFields(CSRFSchema):
    reason = colander.SchemaNode(colander.String(), title=_("Reason"), missing="",
                                 validator=colander.Length(max=500))


class SettingsFields(CSRFSchema):
    require_approval = colander.SchemaNode(
        colander.Boolean(), title=_("New bookings need my approval"), missing=False)


MAX_UPLOAD = 2_000_000


class CalendarFile(colander.SchemaType):
    """The bytes of an uploaded file, at most 2 MB."""

    def serialize(self, node, appstruct):
        return colander.null  # a browser never shows a file back

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, b"", ""):
            return colander.null
        data = cstruct.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise colander.Invalid(node, _("The file is larger than 2 MB."))
        return data


class ImportFields(CSRFSchema):
    upload = colander.SchemaNode(CalendarFile(), title=_("Calendar file (.ics)"),
                                 widget=FileInputWidget(accept=".ics,text/calendar"))
    organisation_id = colander.SchemaNode(colander.Integer(), title=_("Organisation"),
                                          widget=organisation_widget,
                                          validator=organisation_validator)
    room_id = colander.SchemaNode(RoomId(), title=_("Room"), missing=None,
                                  widget=room_widget, validator=room_validator)


def local_start(appstruct):
    return datetime.combine(appstruct["first_day"], appstruct["start_time"])


def byday_of(appstruct):
    """BYDAY as kept: the ticked weekdays of a weekly series; for a monthly one on "the
    second such weekday", ``2TU`` (the first day's weekday)."""
    if appstruct["freq"] == "weekly":
        return appstruct["byday"]
    if appstruct["freq"] == "monthly" and appstruct.get("month_week"):
        weekday = WEEKDAYS[appstruct["first_day"].weekday()]
        return f"{appstruct['month_week']}{weekday}"
    return ""


def form_byday(byday, freq):
    """``(byday, month_week)`` for the form from the kept BYDAY."""
    if freq != "monthly" or not byday:
        return byday, ""
    nth, _code = split_byday(byday.split(",")[0]) or (None, None)
    return "", str(nth) if nth else ""
