"""Colander types and deform widgets for fields whose value is converted between the form and
the model: the model keeps what is true everywhere (an aware UTC moment), the form shows what
a person at the centre reads on the clock.
"""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import colander
import deform
from colander import _ as colander_message
from deform.i18n import _ as deform_message
from markupsafe import Markup

from .i18n import _

NOT_ON_THE_CLOCK = _("This time does not exist here: the clocks go forward one hour that night.")


def context_timezone(request, context):
    """The time zone of the context's centre, else the portal's default (``portal.default_timezone``)."""
    centre = getattr(context, "centre", None)
    name = getattr(centre, "timezone", None) or request.registry.settings[
        "portal.default_timezone"]
    return ZoneInfo(name)


class LocalDateTimeWidget(deform.widget.DateTimeInputWidget):
    """deform's date and time inputs, where the time may be left empty (a day is enough)."""

    def serialize(self, field, cstruct, **kw):
        if isinstance(cstruct, str) and cstruct and "T" not in cstruct:
            cstruct += "T"  # a day without a time: show the day, leave the time empty
        return super().serialize(field, cstruct, **kw)

    def deserialize(self, field, pstruct):
        if pstruct is colander.null:
            return colander.null
        try:
            values = self._pstruct_schema.deserialize(pstruct)
        except colander.Invalid as error:
            raise colander.Invalid(field.schema, f"Invalid pstruct: {error}") from None
        day = values["date_submit"] or values["date"]
        clock = values["time_submit"] or values["time"]
        if not day and not clock:
            return colander.null
        if not day:
            raise colander.Invalid(field.schema, deform_message("Incomplete date"), "T" + clock)
        return f"{day}T{clock}" if clock else day


class LocalDateTime(colander.SchemaType):
    """An aware UTC datetime, shown and typed as the wall time of the context's centre.

    The time zone is the one of the centre of the schema's ``context`` binding (else
    ``portal.default_timezone``), so the schema must be bound with ``request`` and ``context``
    (every ``FormView`` does). Serializing turns the UTC moment into local wall time;
    deserializing turns the local time typed into UTC:

    * a local time that does not exist (the hour skipped when the clocks go forward) is refused
      with a message saying so;
    * a local time that happens twice (the hour repeated when the clocks go back) is taken at
      its first occurrence, still on summer time;
    * a day without a time means ``time_if_empty`` on that day: midnight by default, so a
      "from" field starts with the day; give ``time(23, 59)`` for an "until" field so that
      the day is included.
    """

    widget_maker = LocalDateTimeWidget

    def __init__(self, time_if_empty=time(0, 0)):
        self.time_if_empty = time_if_empty

    @staticmethod
    def timezone(node):
        bindings = node.bindings or {}
        if "request" not in bindings:
            raise TypeError(f"{node.name}: bind the schema with request and context")
        return context_timezone(bindings["request"], bindings.get("context"))

    def serialize(self, node, appstruct):
        if appstruct is colander.null or appstruct is None:
            return colander.null
        if not isinstance(appstruct, datetime) or appstruct.tzinfo is None:
            raise colander.Invalid(node, f"{appstruct!r} is not an aware datetime")
        local = appstruct.astimezone(self.timezone(node)).replace(tzinfo=None)
        return local.isoformat(timespec="seconds" if local.second else "minutes")

    def deserialize(self, node, cstruct):
        if not cstruct:
            return colander.null
        day, _sep, clock = str(cstruct).partition("T")
        try:
            local = datetime.combine(date.fromisoformat(day),
                                     time.fromisoformat(clock) if clock else self.time_if_empty)
        except ValueError:
            raise colander.Invalid(node, colander_message("Invalid date"), cstruct) from None
        zone = self.timezone(node)
        moment = local.replace(tzinfo=zone)  # fold=0: the first of a repeated hour
        if moment.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != local:
            raise colander.Invalid(node, NOT_ON_THE_CLOCK, cstruct)
        return moment.astimezone(timezone.utc)


class FileInputWidget(deform.widget.Widget):
    """A file field handing the upload (WebOb's ``FieldStorage``) to the schema as it came.

    No temporary store: when the form comes back with errors the file is chosen again (a
    browser never fills in a file field), every other value is kept. The node's type or
    validator reads ``upload.file``.
    """

    accept = None

    def serialize(self, field, cstruct, **kw):
        invalid = " is-invalid" if field.error else ""
        attributes = dict(getattr(self, "attributes", None) or {})  # see forms.describe_fields
        if self.accept:
            attributes["accept"] = self.accept
        extra = Markup("").join(Markup(' {}="{}"').format(name, value)
                                for name, value in attributes.items())
        return Markup('<input type="file" class="form-control{}" id="{}" name="{}"{}>').format(
            invalid, field.oid, field.name, extra)

    def deserialize(self, field, pstruct):
        return pstruct if getattr(pstruct, "file", None) is not None else colander.null

