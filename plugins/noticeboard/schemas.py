"""The language-independent fields of a notice, as shown in the add and edit forms."""
from datetime import datetime
from zoneinfo import ZoneInfo

import colander
import deform
from babel.dates import get_day_names

from portal.api import babel_locale, category_validator, category_widget

from .categories import PRIORITIES
from .i18n import _

WEEKDAYS = [str(day) for day in range(7)]  # 0 = Monday


@colander.deferred
def weekday_widget(node, kw):
    """Day names from Babel, in the reader's language."""
    names = get_day_names("wide", locale=babel_locale(kw["request"].locale_name))
    return deform.widget.CheckboxChoiceWidget(values=[(d, names[int(d)]) for d in WEEKDAYS],
                                              inline=True)



class NoticeFields(colander.MappingSchema):
    category = colander.SchemaNode(
        colander.String(), title=_("Category"), widget=category_widget,
        validator=category_validator)
    priority = colander.SchemaNode(
        colander.String(), title=_("Priority"), default="normal",
        widget=deform.widget.SelectWidget(values=list(PRIORITIES.items())),
        validator=colander.OneOf(list(PRIORITIES)),
        description=_("Urgent notices interrupt every kiosk of the centre."))
    valid_from = colander.SchemaNode(
        colander.DateTime(default_tzinfo=None), title=_("Show from"), missing=None,
        widget=deform.widget.DateTimeInputWidget(),
        description=_("Local time of the centre. Empty: from publication."))
    valid_until = colander.SchemaNode(
        colander.DateTime(default_tzinfo=None), title=_("Show until"), missing=None,
        widget=deform.widget.DateTimeInputWidget(),
        description=_("The notice disappears from every kiosk at this time, even offline."))
    weekdays = colander.SchemaNode(
        colander.Set(), title=_("Only on these days"), missing=set(), default=set(),
        widget=weekday_widget, validator=colander.ContainsOnly(WEEKDAYS),
        description=_("None ticked: every day."))
    daily_start = colander.SchemaNode(colander.Time(), title=_("Daily from"), missing=None,
                                      widget=deform.widget.TimeInputWidget())
    daily_end = colander.SchemaNode(
        colander.Time(), title=_("Daily until"), missing=None,
        widget=deform.widget.TimeInputWidget(),
        description=_("An end before the start runs overnight, e.g. 21:00 to 07:00."))
    position = colander.SchemaNode(colander.Integer(), title=_("Display order"), default=100,
                                   missing=100, validator=colander.Range(0, 10000),
                                   description=_("Lower numbers come first."))

    def validator(self, node, value):
        if value["valid_from"] and value["valid_until"] and \
                value["valid_until"] <= value["valid_from"]:
            raise colander.Invalid(node["valid_until"], _("The end must be after the start."))
        if (value["daily_start"] is None) != (value["daily_end"] is None):
            raise colander.Invalid(node["daily_end"],
                                   _("Give both daily times, or neither."))


def to_local_naive(value, tz: ZoneInfo):
    return value.astimezone(tz).replace(tzinfo=None) if value else None


def from_local_naive(value: datetime, tz: ZoneInfo):
    return value.replace(tzinfo=tz) if value else None
