"""The language-independent fields of a notice, as shown in the add and edit forms."""
from datetime import time

import colander
import deform
from babel.dates import get_day_names

from portal.api import (LANGUAGES, CSRFSchema, FileInputWidget, LocalDateTime, babel_locale,
                        category_validator, category_widget, direction, field_error, html_lang)

from .categories import PRIORITIES
from .i18n import _
from .images import ImageRejected, reencode

WEEKDAYS = [str(day) for day in range(7)]  # 0 = Monday


@colander.deferred
def weekday_widget(node, kw):
    """Day names from Babel, in the reader's language."""
    names = get_day_names("wide", locale=babel_locale(kw["request"].locale_name))
    return deform.widget.CheckboxChoiceWidget(values=[(d, names[int(d)]) for d in WEEKDAYS],
                                              inline=True)


class WeekdaySet(colander.Set):
    """The days ticked, kept on the notice as text: ``"0,4"`` is Mondays and Fridays."""

    def serialize(self, node, appstruct):
        if appstruct is colander.null or appstruct is None:
            return colander.null
        return tuple(day for day in appstruct.split(",") if day)

    def deserialize(self, node, cstruct):
        days = super().deserialize(node, cstruct)
        if days is colander.null:
            return days
        colander.ContainsOnly(WEEKDAYS)(node, days)
        return ",".join(sorted(days))

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
        LocalDateTime(), title=_("Show from"), missing=None,
        description=_("Local time of the centre. Empty: from publication."))
    valid_until = colander.SchemaNode(
        LocalDateTime(time_if_empty=time(23, 59)), title=_("Show until"), missing=None,
        description=_("The notice disappears from every kiosk at this time, even offline."))
    weekdays = colander.SchemaNode(
        WeekdaySet(), title=_("Only on these days"), missing="", default="",
        widget=weekday_widget,
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



# -- the picture of a notice -------------------------------------------------------------------

class Picture(colander.SchemaType):
    """An uploaded picture, checked and re-encoded (``images.reencode``): the value is the clean
    copy ``(data, mime, width, height)``. Checking is re-encoding, so it happens once, here; a
    refused file is an error next to the field."""

    def serialize(self, node, appstruct):
        return colander.null  # a browser never shows a file back

    def deserialize(self, node, cstruct):
        if cstruct is colander.null or cstruct is None:
            return colander.null
        try:
            return reencode(cstruct.file)
        except ImageRejected as rejected:
            raise colander.Invalid(node, rejected.message) from None


DESCRIPTION_LENGTH = 300


class PictureDescriptions(colander.MappingSchema):
    """One description per language, each typed in its own script and direction."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        for code, name in LANGUAGES.items():
            self.add(colander.SchemaNode(
                colander.String(), name=f"alt_{code}", title=name, missing="",
                validator=colander.Length(max=DESCRIPTION_LENGTH, max_err=_(
                    "A description has at most 300 characters.")),
                widget=deform.widget.TextInputWidget(attributes={
                    "lang": html_lang(code), "dir": direction(code),
                    "maxlength": str(DESCRIPTION_LENGTH)})))


class PictureSchema(CSRFSchema):
    """The picture of the notice in the ``context`` binding, and its descriptions: required in
    the notice's language, the others optional (translators add them on the desk)."""

    picture = colander.SchemaNode(
        Picture(), title=_("Picture file (JPEG, PNG or WebP, at most 5 MB)"), missing=None,
        widget=FileInputWidget(accept="image/jpeg,image/png,image/webp"),
        description=_("The picture is saved again without its hidden data (such as the place "
                      "where it was taken)."))
    descriptions = PictureDescriptions(
        title=_("Description of the picture, for people who cannot see it"))

    def validator(self, node, value):
        notice = node.bindings["context"]
        if value["picture"] is None and notice.image is None:
            raise field_error(node, _("Choose a picture."), "picture")
        source = f"alt_{notice.source_language}"
        if not value["descriptions"].get(source, "").strip():
            raise field_error(node, _("Describe the picture at least in the notice's own "
                                      "language."), "descriptions", source)
