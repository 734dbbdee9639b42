"""The forms of a meeting's record: its own fields (the core's add and edit forms use them), the
agenda, concerns, decisions, action items and their reviews, attendance and corrections."""
import colander
import deform
from sqlalchemy import or_, select

from portal.api import (LANGUAGES, CSRFSchema, LocalDateTime, Organisation, RoleAssignment,
                        User, category_validator, category_widget, field_error, utcnow)

from .i18n import _
from .models import KINDS, PARTIES, STATUSES

NONE = ""


def choices(request, labels, empty=None):
    """``(value, label)`` pairs in the reader's language, with an empty first choice."""
    values = [(NONE, request.localizer.translate(empty))] if empty is not None else []
    return values + [(name, request.localizer.translate(title)) for name, title in labels.items()]


@colander.deferred
def kind_widget(node, kw):
    return deform.widget.SelectWidget(values=choices(kw["request"], KINDS))


@colander.deferred
def room_widget(node, kw):
    rooms = kw["context"].centre.rooms
    values = [(NONE, kw["request"].localizer.translate(_("Another place (write it below)")))]
    return deform.widget.SelectWidget(values=values + [(str(r.id), r.name) for r in rooms])


@colander.deferred
def room_validator(node, kw):
    return colander.OneOf([r.id for r in kw["context"].centre.rooms])


class MeetingFields(colander.MappingSchema):
    """A meeting's language-independent fields (``add_content_type(edit_schema=...)``)."""

    kind = colander.SchemaNode(colander.String(), title=_("Type of meeting"), widget=kind_widget,
                               validator=colander.OneOf(list(KINDS)), default="dialogue")
    starts_at = colander.SchemaNode(LocalDateTime(), title=_("Date and time"),
                                    description=_("Local time of the centre."))
    room_id = colander.SchemaNode(colander.Integer(), title=_("Room"), missing=None,
                                  widget=room_widget, validator=room_validator)
    place = colander.SchemaNode(colander.String(), title=_("Other place"), missing="",
                                validator=colander.Length(max=200))

    def validator(self, node, value):
        if value.get("room_id") is None and not value.get("place", "").strip():
            raise field_error(node, _("Choose a room or write where the meeting is."), "place")


def text_node(name, title, max_length, rows=0, required=True, description=None):
    widget = (deform.widget.TextAreaWidget(rows=rows) if rows
              else deform.widget.TextInputWidget())
    return colander.SchemaNode(
        colander.String(), name=name, title=title, widget=widget, description=description,
        validator=colander.Length(min=2 if required else 0, max=max_length),
        **({} if required else {"missing": ""}))


class AgendaItemSchema(CSRFSchema):
    title = text_node("title", _("Agenda item"), 200)
    summary = text_node("summary", _("Summary of the discussion"), 4000, rows=5, required=False)
    position = colander.SchemaNode(colander.Integer(), title=_("Place in the agenda"),
                                   validator=colander.Range(1, 100), missing=None,
                                   description=_("1 comes first."))


class ConcernSchema(CSRFSchema):
    category = colander.SchemaNode(colander.String(), title=_("Category"),
                                   widget=category_widget, validator=category_validator)
    text = text_node("text", _("Concern"), 500, rows=2,
                     description=_("What residents raised, in plain words. No names."))


class DecisionSchema(CSRFSchema):
    text = text_node("text", _("Decision"), 1000, rows=2)


@colander.deferred
def party_widget(node, kw):
    return deform.widget.SelectWidget(values=choices(kw["request"], PARTIES,
                                                     empty=_("Not decided yet")))


def organisations(request):
    return request.dbsession.scalars(select(Organisation).order_by(Organisation.name)).all()


@colander.deferred
def organisation_widget(node, kw):
    request = kw["request"]
    values = [(NONE, request.localizer.translate(_("None")))]
    return deform.widget.SelectWidget(values=values + [
        (str(org.id), org.name) for org in organisations(request)])


@colander.deferred
def organisation_validator(node, kw):
    return colander.OneOf([org.id for org in organisations(kw["request"])])


@colander.deferred
def concern_widget(node, kw):
    request, meeting = kw["request"], kw["context"]
    values = [(NONE, request.localizer.translate(_("None")))]
    for item in meeting.agenda:
        for concern in item.concerns:
            source = concern.source_text
            values.append((str(concern.id), source.text[:80] if source else str(concern.id)))
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def concern_validator(node, kw):
    return colander.OneOf([c.id for item in kw["context"].agenda for c in item.concerns])


class ActionSchema(CSRFSchema):
    what = text_node("what", _("What will be done"), 500, rows=2)
    party = colander.SchemaNode(
        colander.String(), title=_("Responsible party"), widget=party_widget, missing=None,
        validator=colander.OneOf(list(PARTIES)),
        description=_("Needed before the record is submitted."))
    organisation_id = colander.SchemaNode(
        colander.Integer(), title=_("Organisation"), missing=None, widget=organisation_widget,
        validator=organisation_validator,
        description=_("When an organisation is responsible."))
    due_date = colander.SchemaNode(
        colander.Date(), title=_("Due date"), missing=None,
        widget=deform.widget.DateInputWidget(),
        description=_("Needed before the record is submitted."))
    concern_id = colander.SchemaNode(
        colander.Integer(), title=_("Answers this concern"), missing=None,
        widget=concern_widget, validator=concern_validator)

    def validator(self, node, value):
        if value.get("party") == "organisation" and value.get("organisation_id") is None:
            raise field_error(node, _("Choose the organisation."), "organisation_id")


@colander.deferred
def status_widget(node, kw):
    return deform.widget.SelectWidget(values=choices(kw["request"], STATUSES))


class ReviewSchema(CSRFSchema):
    status = colander.SchemaNode(colander.String(), title=_("Status"), widget=status_widget,
                                 validator=colander.OneOf(list(STATUSES)))
    note = text_node("note", _("Note"), 1000, rows=2, required=False,
                     description=_("What happened. Needed when the item is dropped."))

    def validator(self, node, value):
        if value["status"] == "dropped" and len(value["note"].strip()) < 2:
            raise field_error(node, _("Say why the item is dropped."), "note")


@colander.deferred
def secretary_widget(node, kw):
    return deform.widget.SelectWidget(values=[
        (str(user.id), user.full_name) for user in secretaries(kw["request"], kw["context"])])


@colander.deferred
def secretary_validator(node, kw):
    return colander.OneOf([user.id for user in secretaries(kw["request"], kw["context"])])


def secretaries(request, meeting):
    """Who may be a meeting's secretary: a current representative or manager of its centre."""
    today = utcnow().date()
    return request.dbsession.scalars(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.centre_id == meeting.centre_id, User.active.is_(True),
               RoleAssignment.role.in_(("community_rep", "centre_manager")),
               or_(RoleAssignment.ends.is_(None), RoleAssignment.ends >= today))
        .distinct().order_by(User.full_name, User.id)).all()


class SecretarySchema(CSRFSchema):
    user_id = colander.SchemaNode(colander.Integer(), title=_("Secretary"),
                                  widget=secretary_widget, validator=secretary_validator)


def attendance_schema(request, organisations_present):
    """A count per group: representatives per language community, management, each
    organisation. No names."""
    schema = CSRFSchema()
    count = dict(typ=colander.Integer(), missing=0, default=0,
                 validator=colander.Range(0, 1000),
                 widget=deform.widget.TextInputWidget(input_type="number",
                                                      attributes={"min": "0", "max": "1000"}))
    for code, name in LANGUAGES.items():
        schema.add(colander.SchemaNode(
            name=f"rep_{code}", title=_("Representatives: ${community}",
                                        mapping={"community": name}), **count))
    schema.add(colander.SchemaNode(name="management", title=_("Centre management"), **count))
    for org in organisations_present:
        schema.add(colander.SchemaNode(name=f"org_{org.id}", title=org.name, **count))
    return schema


class CorrectionSchema(CSRFSchema):
    def validator(self, node, value):
        originals = node.bindings["originals"]
        if all(value.get(key, "") == before for key, before in originals.items()):
            raise colander.Invalid(node, _("Nothing was changed: correct a text, or go back."))


def correction_schema(fields):
    """The published texts as they read now, and the note that must say what was corrected."""
    schema = CorrectionSchema()
    schema.add(text_node("correction_note", _("Correction note"), 1000, rows=2,
                         description=_("Shown with its date on the record: what was corrected "
                                       "and why.")))
    for key, title, value, max_length, rows in fields:
        node = text_node(key, title, max_length, rows=rows, required=False)
        schema.add(node)
    return schema
