"""The secretary's forms: agenda, concerns, decisions, action items (new, and reviewed from
earlier meetings), attendance; the manager's appointment of a secretary; corrections of a
published record. Each checks its permission on the meeting (route factory + ACL)."""
import json

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import or_, select

from portal.api import (EditFormView, FormView, Organisation, RoleAssignment, User,
                        add_content_view, grant_local_role, local_roles, notify,
                        revoke_local_role, utcnow)

from .i18n import _
from .models import (CLOSED, STATUSES, ActionItem, ActionUpdate, AgendaItem, Attendance,
                     Concern, CorrectionNote, Decision)
from .record import carried_forward
from .resources import part_of
from .schemas import (ActionSchema, AgendaItemSchema, ConcernSchema, DecisionSchema,
                      ReviewSchema, SecretarySchema, attendance_schema, correction_schema)
from .subscribers import meeting_url, notify_new_action, notify_review

FORM = "plugins.minutes:templates/form.jinja2"


def organisations_present(dbsession, meeting):
    today = utcnow().date()
    in_centre = (select(User.organisation_id)
                 .join(RoleAssignment, RoleAssignment.user_id == User.id)
                 .where(RoleAssignment.centre_id == meeting.centre_id, User.active.is_(True),
                        or_(RoleAssignment.ends.is_(None), RoleAssignment.ends >= today)))
    counted = select(Attendance.organisation_id).where(Attendance.meeting_id == meeting.id)
    return dbsession.scalars(
        select(Organisation).where(or_(Organisation.id.in_(in_centre),
                                       Organisation.id.in_(counted)))
        .order_by(Organisation.name, Organisation.id)).all()


class AddMeeting(add_content_view("meeting")):
    """The core's form for a new meeting; then its writer goes on to the agenda."""

    title = _("Add a meeting")

    def success_url(self, meeting):
        return meeting_url(self.request, meeting)


class MeetingForm(FormView):
    """A form about one meeting; back to its record when done."""

    template = FORM

    @property
    def meeting(self):
        return self.context

    def back(self, message=_("Saved."), anchor=""):
        return self.redirect(meeting_url(self.request, self.meeting) + anchor, message)

    @property
    def writer_language(self):
        """New texts are written in the writer's language (the source of their translations)."""
        return self.request.locale_name


@view_config(route_name="minutes.agenda_add", permission="edit")
class AddAgendaItem(MeetingForm):
    schema_factory = AgendaItemSchema
    title = _("Add an agenda item")

    def appstruct(self):
        return {"position": len(self.meeting.agenda) + 1}

    def success(self, appstruct):
        item = AgendaItem(meeting=self.meeting, source_language=self.writer_language,
                          position=appstruct["position"] or len(self.meeting.agenda) + 1)
        item.set_text(item.source_language, translator=self.request.user,
                      title=appstruct["title"], summary=appstruct["summary"])
        self.request.dbsession.add(item)
        self.request.dbsession.flush()
        return self.back(anchor=f"#agenda-{item.id}")


@view_config(route_name="minutes.agenda_edit", permission="edit")
class EditAgendaItem(MeetingForm, EditFormView):
    schema_factory = AgendaItemSchema
    title = _("Edit the agenda item")

    def edited(self):
        return part_of(self.request, self.context, AgendaItem)

    def appstruct(self):
        source = self.object.source_text
        return {"title": source.title, "summary": source.summary,
                "position": self.object.position}

    def edit(self, appstruct):
        item = self.object
        item.position = appstruct["position"] or item.position
        item.set_text(item.source_language, translator=self.request.user,
                      title=appstruct["title"], summary=appstruct["summary"])

    def success_url(self):
        return meeting_url(self.request, self.meeting) + f"#agenda-{self.object.id}"


class AgendaPartForm(MeetingForm):
    """A concern or a decision under one agenda item."""

    model = None

    @property
    def item(self):
        return part_of(self.request, self.context, AgendaItem)

    def success(self, appstruct):
        item = self.item
        values = {k: v for k, v in appstruct.items() if k not in ("csrf_token", "text")}
        part = self.model(meeting=self.meeting, agenda_item=item,
                          source_language=self.writer_language, **values)
        part.set_text(part.source_language, translator=self.request.user, text=appstruct["text"])
        self.request.dbsession.add(part)
        return self.back(anchor=f"#agenda-{item.id}")


@view_config(route_name="minutes.concern_add", permission="edit")
class AddConcern(AgendaPartForm):
    schema_factory = ConcernSchema
    model = Concern
    title = _("Add a concern")


@view_config(route_name="minutes.decision_add", permission="edit")
class AddDecision(AgendaPartForm):
    schema_factory = DecisionSchema
    model = Decision
    title = _("Add a decision")


class ActionForm(MeetingForm):
    schema_factory = ActionSchema

    def apply(self, action, appstruct):
        action.party = appstruct["party"]
        action.organisation_id = (appstruct["organisation_id"]
                                  if appstruct["party"] == "organisation" else None)
        action.due_date = appstruct["due_date"]
        action.concern_id = appstruct["concern_id"]


@view_config(route_name="minutes.action_add", permission="edit")
class AddAction(ActionForm):
    title = _("Add an action item")

    def success(self, appstruct):
        action = ActionItem(meeting=self.meeting, centre_id=self.meeting.centre_id,
                            source_language=self.writer_language, status="open",
                            created=utcnow())
        self.apply(action, appstruct)
        action.set_text(action.source_language, translator=self.request.user,
                        what=appstruct["what"])
        self.request.dbsession.add(action)
        self.request.dbsession.flush()
        if action.party is not None:
            notify_new_action(self.request, action)
        return self.back(anchor="#actions")


@view_config(route_name="minutes.action_edit", permission="edit")
class EditAction(ActionForm, EditFormView):
    title = _("Edit the action item")

    def edited(self):
        return part_of(self.request, self.context, ActionItem, key="action")

    def appstruct(self):
        action = self.object
        return {"what": action.source_text.what, "party": action.party,
                "organisation_id": action.organisation_id, "due_date": action.due_date,
                "concern_id": action.concern_id}

    def edit(self, appstruct):
        action = self.object
        had_party = action.party
        self.apply(action, appstruct)
        action.set_text(action.source_language, translator=self.request.user,
                        what=appstruct["what"])
        if action.party is not None and action.party != had_party:
            notify_new_action(self.request, action)

    def success_url(self):
        return meeting_url(self.request, self.meeting) + "#actions"


@view_config(route_name="minutes.review", permission="edit")
class ReviewAction(MeetingForm):
    """The status of an action item changes in a meeting: one of its own, or one carried
    forward from an earlier meeting of the centre. The item is the same; its history records
    this meeting."""

    schema_factory = ReviewSchema
    title = _("Review the action item")

    def __init__(self, context, request):
        super().__init__(context, request)
        action = request.dbsession.get(ActionItem, int(request.matchdict["action"]))
        if action is None or action.centre_id != context.centre_id or (
                action.meeting_id != context.id
                and action not in carried_forward(request.dbsession, context)):
            raise HTTPNotFound()
        self.action_item = action

    def appstruct(self):
        return {"status": self.action_item.status}

    def success(self, appstruct):
        action = self.action_item
        now = utcnow()
        update = ActionUpdate(action=action, meeting_id=self.meeting.id, status=appstruct["status"],
                              at=now, user_id=self.request.user.id,
                              source_language=self.writer_language)
        update.set_text(update.source_language, translator=self.request.user,
                        note=appstruct["note"])
        self.request.dbsession.add(update)
        action.status = appstruct["status"]
        action.closed_at = now if action.status in CLOSED else None
        notify_review(self.request, action,
                      self.request.localizer.translate(STATUSES[action.status]))
        return self.back(anchor="#review" if action.meeting_id != self.meeting.id
                         else "#actions")


@view_config(route_name="minutes.attendance", permission="edit")
class AttendanceForm(MeetingForm):
    """How many came per group; names are never asked."""

    title = _("Attendance")

    def organisations(self):
        """The organisations present in the meeting's centre (the core knows them by their
        users holding a current role there), and any already counted at this meeting."""
        return organisations_present(self.request.dbsession, self.meeting)

    def schema(self):
        return attendance_schema(self.request, self.organisations()).bind(**self.bind_kw())

    def appstruct(self):
        values = {}
        for entry in self.meeting.attendance:
            if entry.group == "representatives":
                values[f"rep_{entry.language}"] = entry.count
            elif entry.group == "organisation":
                values[f"org_{entry.organisation_id}"] = entry.count
            else:
                values["management"] = entry.count
        return values

    def success(self, appstruct):
        self.meeting.attendance.clear()
        for name, count in appstruct.items():
            if name == "csrf_token" or not count:
                continue
            if name.startswith("rep_"):
                entry = Attendance(group="representatives", language=name[4:], count=count)
            elif name.startswith("org_"):
                entry = Attendance(group="organisation", organisation_id=int(name[4:]),
                                   count=count)
            else:
                entry = Attendance(group="management", count=count)
            self.meeting.attendance.append(entry)
        return self.back(anchor="#attendance")


@view_config(route_name="minutes.secretary", permission="minutes.appoint")
class AppointSecretary(MeetingForm):
    """A manager names the secretary: a representative or a manager of the centre. The role
    is held on this meeting only."""

    schema_factory = SecretarySchema
    title = _("Secretary of the meeting")

    def success(self, appstruct):
        dbsession = self.request.dbsession
        user = dbsession.get(User, appstruct["user_id"])
        for holder, role in local_roles(dbsession, self.meeting):
            if role == "secretary" and holder != user:
                revoke_local_role(dbsession, self.meeting, holder, "secretary")
        grant_local_role(dbsession, self.meeting, user, "secretary")
        if user != self.request.user:
            notify(self.request, user, _("You are the secretary of “${title}”."),
                   url=meeting_url(self.request, self.meeting),
                   mapping={"title": self.meeting.source_text.title})
        return self.back()


@view_config(route_name="minutes.correct", permission="minutes.correct")
class CorrectRecord(MeetingForm):
    """A published record changes only with a dated correction note; what it said before
    stays readable under the note. Translations of the corrected texts become outdated."""

    title = _("Correct the published record")

    def texts(self):
        """``(key, label, object, field)`` of every text of the record, in its source language."""
        meeting = self.meeting
        found = [("meeting__title", _("Title"), meeting, "title", 300, 0),
                 ("meeting__summary", _("Outcomes in plain words"), meeting, "summary", 500, 2)]
        for item in meeting.agenda:
            found.append((f"agenda_{item.id}__title", _("Agenda item"), item, "title", 200, 0))
            found.append((f"agenda_{item.id}__summary", _("Summary of the discussion"), item,
                          "summary", 4000, 4))
            for decision in item.decisions:
                found.append((f"decision_{decision.id}__text", _("Decision"), decision, "text",
                              1000, 2))
        for action in meeting.actions:
            found.append((f"action_{action.id}__what", _("Action item"), action, "what", 500, 2))
        return found

    def schema(self):
        fields = [(key, title, None, length, rows)
                  for key, title, _obj, _field, length, rows in self.texts()]
        return correction_schema(fields).bind(**self.bind_kw(), originals=self.appstruct())

    def appstruct(self):
        return {key: getattr(obj.source_text, field) if obj.source_text else ""
                for key, _title, obj, field, _length, _rows in self.texts()}

    def success(self, appstruct):
        changed = []
        for key, title, obj, field, _length, _rows in self.texts():
            before = getattr(obj.source_text, field) if obj.source_text else ""
            after = appstruct[key]
            if after != before:
                changed.append((obj, field, before, after,
                                self.request.localizer.translate(title)))
        note = CorrectionNote(meeting=self.meeting, created=utcnow(),
                              user_id=self.request.user.id,
                              source_language=self.writer_language,
                              earlier=json.dumps([{"label": label, "before": before,
                                                   "after": after}
                                                  for _o, _f, before, after, label in changed],
                                                 ensure_ascii=False))
        note.set_text(note.source_language, translator=self.request.user,
                      note=appstruct["correction_note"])
        self.request.dbsession.add(note)
        for obj, field, _before, after, _label in changed:
            values = {f.name: getattr(obj.source_text, f.name) for f in obj.__text_fields__}
            values[field] = after
            obj.set_text(obj.source_language, translator=self.request.user, **values)
        return self.back(_("Corrected. The note shows on the record with today's date."),
                         anchor="#corrections")


REMOVABLE = {"agenda": AgendaItem, "concern": Concern, "decision": Decision,
             "action": ActionItem}


@view_config(route_name="minutes.remove", permission="edit", request_method="POST")
def remove_part(context, request):
    """Remove a part of a draft (a mistake): asked by a button with the CSRF token."""
    model = REMOVABLE.get(request.matchdict["kind"])
    if model is None:
        raise HTTPNotFound()
    part = part_of(request, context, model)
    request.dbsession.delete(part)
    request.flash(_("Removed."))
    return HTTPSeeOther(meeting_url(request, context))
