"""Pages of the activities: week and month views, the printable week, the iCalendar feeds
(public); the organisers' and managers' list, forms, decisions and import (staff)."""
from datetime import datetime, timedelta

import colander
import deform
from babel.dates import format_date, get_day_names
from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (LANGUAGES, FormView, Organisation, Refused, RoleAssignment, User,
                        babel_locale, direction, fallback_chain, html_lang, localizer_for,
                        notify, public_page, valid_for)

from .conflict_messages import describe_clashes
from .booking import (Conflict, book, buffer_of, find_clashes, horizon_end, intervals,
                      lock_bookings, rematerialise_room)
from .i18n import _
from .feed import feed_body
from .models import STATES, Activity, CentreSetting, OccurrenceChange, RoomSetting
from .importer import Malformed, import_calendar
from .recurrence import occurrences, series_starts
from .schedule import (GROUP_TITLES, centre_tz, confirmed_activities, days_of, next_midnight, parse_day,
                       shown_text, today_in, week_start)
from .schemas import (ActivityFields, ChangeFields, DecisionFields, ImportFields, SettingsFields,
                      WithdrawFields, byday_of, form_byday, local_start)
from .security import bind_activity


# -- filters shared by the public pages ---------------------------------------------------------

def filters(request, context):
    """``?room=<id>`` and ``?organisation=<slug>``: (room, organisation), each None if absent
    or unknown here. The centre's rows are read only when a room is asked for."""
    room = None
    raw = request.GET.get("room", "")
    if raw.isdigit():
        room = next((r for r in context.centre.rooms if r.id == int(raw)), None)
    organisation = None
    slug = request.GET.get("organisation")
    if slug:
        organisation = request.dbsession.scalars(
            select(Organisation).where(Organisation.slug == slug)).first()
    return room, organisation


def filter_query(room, organisation):
    query = {}
    if room is not None:
        query["room"] = room.id
    if organisation is not None:
        query["organisation"] = organisation.slug
    return query


def organisations_of(request, centre):
    ids = {a.organisation_id for a in confirmed_activities(request.dbsession, centre)}
    return [o for o in request.dbsession.scalars(select(Organisation).order_by(Organisation.name))
            if o.id in ids]


def heading(request, room, organisation):
    if room is not None:
        return _("Activities in ${room}", mapping={"room": room.name})
    if organisation is not None:
        return _("Activities of ${organisation}", mapping={"organisation": organisation.name})
    return _("Activities")


def feed_links(request, centre, room, organisation):
    """Subscribe links of the feed this page shows, in the reader's language."""
    query = {**filter_query(room, organisation), "lang": request.locale_name}
    https = request.route_url("activities.ics", centre=centre.slug, _query=query)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def weekday_names(lang):
    return get_day_names("wide", locale=babel_locale(lang))


PUBLIC_PARAMS = ("date", "room", "organisation")


@view_config(route_name="activities.week", request_method="GET", permission="view",
             renderer="plugins.activities:templates/week.jinja2",
             decorator=public_page(params=PUBLIC_PARAMS))
def week(context, request):
    centre = context.centre
    today = today_in(centre)
    first = week_start(parse_day(request.GET.get("date"), today))
    room, organisation = filters(request, context)
    days = days_of(request, centre, first, 7, room_id=room.id if room else None,
                   organisation_id=organisation.id if organisation else None)
    valid_for(request, (next_midnight(centre) - request_now(centre)).total_seconds())
    query = filter_query(room, organisation)
    return {"centre": centre, "days": days, "today": today, "first": first,
            "heading": heading(request, room, organisation), "room": room,
            "organisation": organisation, "rooms": centre.rooms,
            "organisations": organisations_of(request, centre),
            "previous_url": request.route_path("activities.week", centre=centre.slug, _query={
                **query, "date": (first - timedelta(days=7)).isoformat()}),
            "next_url": request.route_path("activities.week", centre=centre.slug, _query={
                **query, "date": (first + timedelta(days=7)).isoformat()}),
            "month_url": request.route_path("activities.month", centre=centre.slug,
                                            _query={**query, "date": first.isoformat()}),
            "print_url": request.route_path("activities.print", centre=centre.slug,
                                            _query={"date": first.isoformat()}),
            "feed": feed_links(request, centre, room, organisation), "query": query}


def request_now(centre):
    return datetime.now(centre_tz(centre))


@view_config(route_name="activities.month", request_method="GET", permission="view",
             renderer="plugins.activities:templates/month.jinja2",
             decorator=public_page(params=PUBLIC_PARAMS))
def month(context, request):
    centre = context.centre
    today = today_in(centre)
    day = parse_day(request.GET.get("date"), today)
    first_of_month = day.replace(day=1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    grid_start = week_start(first_of_month)
    weeks = ((next_month - grid_start).days + 6) // 7
    room, organisation = filters(request, context)
    days = days_of(request, centre, grid_start, weeks * 7, room_id=room.id if room else None,
                   organisation_id=organisation.id if organisation else None)
    valid_for(request, (next_midnight(centre) - request_now(centre)).total_seconds())
    query = filter_query(room, organisation)
    previous_month = (first_of_month - timedelta(days=1)).replace(day=1)
    return {"centre": centre, "weeks": [days[n * 7:(n + 1) * 7] for n in range(weeks)],
            "month": first_of_month, "today": today,
            "heading": heading(request, room, organisation),
            "weekday_names": [weekday_names(request.locale_name)[n] for n in range(7)],
            "previous_url": request.route_path("activities.month", centre=centre.slug,
                                               _query={**query,
                                                       "date": previous_month.isoformat()}),
            "next_url": request.route_path("activities.month", centre=centre.slug,
                                           _query={**query, "date": next_month.isoformat()}),
            "week_url": request.route_path("activities.week", centre=centre.slug,
                                           _query={**query, "date": day.isoformat()}),
            "feed": feed_links(request, centre, room, organisation)}


def gettext_in(localizer):
    """``_`` for a template part shown in another language than the reader's."""
    def gettext(msgid, **mapping):
        return localizer.translate(_(msgid, mapping=mapping or None))
    return gettext


@view_config(route_name="activities.print", request_method="GET", permission="view",
             renderer="plugins.activities:templates/print.jinja2",
             decorator=public_page(params=("date", "languages")))
def print_week(context, request):
    """An A4 week schedule: one page per language asked for (``?languages=ar,fa,en``; default
    the reader's), each with its own labels, ``lang`` and direction."""
    centre = context.centre
    first = week_start(parse_day(request.GET.get("date"), today_in(centre)))
    # ?languages=ar,fa or, from the page's own form, ?languages=ar&languages=fa
    asked = [code for value in request.GET.getall("languages") for code in value.split(",")
             if code in LANGUAGES]
    pages = []
    for lang in asked or [request.locale_name]:
        localizer = localizer_for(request, lang)
        locale = babel_locale(lang)
        names = weekday_names(lang)
        pages.append({
            "lang": html_lang(lang), "dir": direction(lang), "t": gettext_in(localizer),
            "days": [(day, names[day.weekday()], format_date(day, "d MMMM", locale=locale),
                      entries)
                     for day, entries in days_of(request, centre, first, 7, lang=lang)],
            "week": localizer.translate(_("Week of ${date}", mapping={
                "date": format_date(first, "long", locale=locale)})),
            "locale": locale,
        })
    valid_for(request, (next_midnight(centre) - request_now(centre)).total_seconds())
    return {"centre": centre, "pages": pages, "first": first, "languages": LANGUAGES,
            "chosen": asked or [request.locale_name]}


# -- iCalendar ---------------------------------------------------------------------------------

def ics_labels(request, lang):
    localizer = localizer_for(request, lang)
    t = localizer.translate

    def labels(activity):
        return {"organisation": t(_("Organisation")), "group": t(_("For whom")),
                "group_value": t(GROUP_TITLES.get(activity.target_group,
                                                  GROUP_TITLES["everyone"])),
                "languages": t(_("Languages spoken")),
                "languages_value": ", ".join(LANGUAGES.get(c, c) for c in activity.language_list),
                "interpretation": t(_("Interpretation available"))}
    return labels, t


@view_config(route_name="activities.ics", request_method="GET", permission="view",
             decorator=public_page(params=("room", "organisation")))
def ics_feed(context, request):
    """``text/calendar`` of the centre (or one room, one organisation) in the reader's
    language. Calendar apps poll without logging in: the page cache gives the ETag (from the
    bytes) and the 304s (a logged-in reader's pages are never kept: ``no-store``). The centre
    comes from the kept list of centres (``context.entry``): no SQL while nothing changed."""
    centre = context.entry
    lang = request.locale_name
    tz = centre_tz(centre)
    room, organisation = filters(request, context)
    labels, t = ics_labels(request, lang)
    name = t(heading(request, room, organisation)) + f" – {centre.name}"
    body = feed_body(request, centre, tz, lang, fallback_chain(request.registry.settings, lang),
                     name, labels, room.id if room else None,
                     organisation.id if organisation else None)
    response = Response(body=body, content_type="text/calendar", charset="utf-8")
    response.content_disposition = f'inline; filename="{centre.slug}-activities.ics"'
    return response


# -- staff: the list, the forms, the decisions ---------------------------------------------------

def require_approval(dbsession, centre_id):
    setting = dbsession.get(CentreSetting, centre_id)
    return bool(setting and setting.require_approval)


def manage_rows(request, centre):
    rows = []
    for activity in request.dbsession.scalars(
            select(Activity).where(Activity.centre_id == centre.id)
            .order_by(Activity.state.desc(), Activity.start_local, Activity.id)):
        bind_activity(request, activity, request.context)
        if not request.has_permission("activities.edit", activity):
            continue
        rows.append({"activity": activity, "upcoming": upcoming(activity, centre),
                     "shown": shown_text(activity, request.locale_name,
                                         request.registry.settings),
                     "state": STATES.get(activity.state, activity.state),
                     "may_decide": request.has_permission("activities.decide", activity)})
    return rows


def upcoming(activity, centre, count=6):
    """The next occurrences (cancelled ones too), to cancel or move one."""
    tz = centre_tz(centre)
    now = datetime.now(tz)
    return occurrences(activity, tz, now, now + timedelta(days=120))[:count]


@view_config(route_name="activities.manage", request_method="GET", permission="activities.book",
             renderer="plugins.activities:templates/manage.jinja2")
def manage(context, request):
    centre = context.centre
    return {"centre": centre, "rows": manage_rows(request, centre),
            "may_manage": request.has_permission("activities.manage", context),
            "feed": feed_links(request, centre, None, None),
            "tz": centre_tz(centre)}


class ActivityForm(FormView):
    """Add or edit a series: the conflict check runs before anything is kept."""

    schema_factory = ActivityFields
    template = "plugins.activities:templates/form.jinja2"

    def bind_kw(self):
        kw = super().bind_kw()
        kw["context"] = self.centre_context
        return kw

    @property
    def centre_context(self):
        return getattr(self.context, "__parent__", None) if isinstance(self.context, Activity) \
            else self.context

    def apply(self, activity, appstruct):
        """Set the series from the form; True when its time or place changed."""
        before = (activity.start_local, activity.duration_minutes, activity.room_id,
                  activity.freq, activity.interval, activity.byday, activity.until,
                  activity.count, activity.exdates)
        activity.start_local = local_start(appstruct)
        for name in ("organisation_id", "room_id", "category", "target_group", "languages",
                     "interpretation", "capacity", "duration_minutes", "freq", "interval",
                     "byday", "until", "count", "exdates"):
            setattr(activity, name, appstruct[name])
        activity.byday = byday_of(appstruct)
        if activity.until is not None:
            activity.count = None
        after = (activity.start_local, activity.duration_minutes, activity.room_id,
                 activity.freq, activity.interval, activity.byday, activity.until,
                 activity.count, activity.exdates)
        return before != after

    def save(self, activity):
        centre = self.centre_context.centre
        try:
            book(self.request.dbsession, activity, centre_tz(centre),
                 self.request.registry.settings)
        except Conflict as conflict:
            raise Refused(describe_clashes(self.request, conflict)) from None


@view_config(route_name="activities.add", permission="activities.book")
class AddActivity(ActivityForm):
    title = _("Book an activity")

    def appstruct(self):
        user = self.request.user
        return {"organisation_id": user.organisation_id if user else None,
                "category": "activities", "target_group": "everyone", "duration_minutes": 60,
                "interval": 1, "freq": "weekly"}

    def success(self, appstruct):
        centre = self.context.centre
        needs_approval = require_approval(self.request.dbsession, centre.id) and \
            not self.request.has_permission("activities.manage", self.context)
        activity = Activity(centre_id=centre.id, owner_id=self.request.user.id,
                            source_language=self.request.locale_name, sequence=0,
                            state="requested" if needs_approval else "confirmed",
                            state_reason="")
        self.apply(activity, appstruct)
        activity.set_text(activity.source_language, title=appstruct["title"],
                          description=appstruct["description"], translator=self.request.user)
        self.request.dbsession.add(activity)
        self.save(activity)
        if needs_approval:
            managers = centre_managers(self.request, centre)
            notify(self.request, managers, _("A booking waits for your approval: ${title}"),
                   url=self.request.route_path("activities.manage", centre=centre.slug),
                   mapping={"title": appstruct["title"]})
            message = _("Booked. The centre's managers will confirm it.")
        else:
            message = _("Booked.")
        return self.redirect(self.request.route_path("activities.manage", centre=centre.slug),
                             message)


@view_config(route_name="activities.edit", permission="activities.edit")
class EditActivity(ActivityForm):
    title = _("Change the activity")

    def appstruct(self):
        activity = self.context
        source = activity.source_text
        values = {name: getattr(activity, name) for name in (
            "organisation_id", "room_id", "category", "target_group", "languages",
            "interpretation", "capacity", "duration_minutes", "freq", "interval", "byday",
            "until", "count", "exdates")}
        values["byday"], values["month_week"] = form_byday(activity.byday, activity.freq)
        values.update(first_day=activity.start_local.date(),
                      start_time=activity.start_local.time(),
                      title=source.title if source else "",
                      description=source.description if source else "")
        if values["room_id"] is not None:
            values["room_id"] = str(values["room_id"])
        return values

    def success(self, appstruct):
        activity = self.context
        if self.apply(activity, appstruct):
            activity.sequence += 1
        source = activity.source_text
        if source is None or (source.title, source.description) != (appstruct["title"],
                                                                    appstruct["description"]):
            activity.set_text(activity.source_language, title=appstruct["title"],
                              description=appstruct["description"],
                              translator=self.request.user)
        self.save(activity)
        return self.redirect(self.request.route_path("activities.manage",
                                                     centre=activity.centre.slug), _("Saved."))


@view_config(route_name="activities.occurrence", permission="activities.edit")
class ChangeOccurrence(FormView):
    """Cancel or move one occurrence (``?start=2026-04-06T10:00``), with a reason."""

    schema_factory = ChangeFields
    template = "plugins.activities:templates/form.jinja2"
    title = _("Change one date")

    def original(self):
        try:
            return datetime.fromisoformat(self.request.params.get("start", ""))
        except ValueError:
            return None

    def __call__(self):
        original = self.original()
        if original is None or original not in series_starts(
                self.context, original + timedelta(minutes=1)):
            raise HTTPNotFound()
        self.original_start = original
        self.action = self.request.path_qs
        return super().__call__()

    def appstruct(self):
        change = self.change()
        if change is None:
            return {}
        return {"action": "cancel" if change.cancelled else "move",
                "new_day": change.new_start.date() if change.new_start else None,
                "new_time": change.new_start.time() if change.new_start else None,
                "reason": change.reason}

    def change(self):
        return next((c for c in self.context.changes
                     if c.original_start == self.original_start), None)

    def success(self, appstruct):
        activity = self.context
        change = self.change()
        if appstruct["action"] == "restore":
            if change is not None:
                activity.changes.remove(change)
        else:
            if change is None:
                change = OccurrenceChange(original_start=self.original_start,
                                          source_language=self.request.locale_name)
                activity.changes.append(change)
            change.cancelled = appstruct["action"] == "cancel"
            change.new_start = (datetime.combine(appstruct["new_day"], appstruct["new_time"])
                                if appstruct["action"] == "move" else None)
            # the reason is the source text; translators give it in the other languages
            reason = appstruct["reason"].strip()
            if reason != change.reason:
                change.set_text(change.source_language, reason=reason,
                                translator=self.request.user)
        activity.sequence += 1
        centre = activity.centre
        try:
            book(self.request.dbsession, activity, centre_tz(centre),
                 self.request.registry.settings)
        except Conflict as conflict:
            raise Refused(describe_clashes(self.request, conflict)) from None
        return self.redirect(self.request.route_path("activities.manage", centre=centre.slug),
                             _("Saved."))


@view_config(route_name="activities.withdraw", permission="activities.edit")
class WithdrawActivity(FormView):
    """Withdraw a whole series: it leaves the pages, the kiosk and the feeds (a subscribed
    calendar drops it at its next refresh), frees its room, and the organisers and the
    centre's managers are told. The deletion is in the audit log."""

    schema_factory = WithdrawFields
    template = "plugins.activities:templates/withdraw.jinja2"
    title = _("Withdraw the activity")

    def buttons(self):
        t = self.request.localizer.translate
        return [deform.Button("withdraw", t(_("Withdraw the activity")),
                              css_class="btn-danger")]

    @property
    def cancel_url(self):
        return self.request.route_path("activities.manage", centre=self.context.centre.slug)

    def success(self, appstruct):
        activity = self.context
        centre = activity.centre
        title = activity.translation_label
        concerned = {user.id: user for user in [*organisers(self.request, activity),
                                                *centre_managers(self.request, centre)]}
        concerned.pop(getattr(self.request.user, "id", None), None)
        lock_bookings(self.request.dbsession, centre.id)
        self.request.dbsession.delete(activity)  # its dates, texts and slots go with it
        self.request.dbsession.flush()
        manage_url = self.request.route_path("activities.manage", centre=centre.slug)
        reason = appstruct["reason"].strip()
        if reason:
            notify(self.request, list(concerned.values()),
                   _("An activity was withdrawn: ${title}. Reason: ${reason}"), url=manage_url,
                   mapping={"title": title, "reason": reason})
        else:
            notify(self.request, list(concerned.values()),
                   _("An activity was withdrawn: ${title}"), url=manage_url,
                   mapping={"title": title})
        return self.redirect(manage_url, _("Withdrawn."))


def centre_managers(request, centre):
    return request.dbsession.scalars(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.role == "centre_manager", RoleAssignment.centre_id == centre.id,
               User.active.is_(True))).all()


def organisers(request, activity):
    """Who hears of a decision: the one who booked, and the organisation's partners there."""
    people = list(request.dbsession.scalars(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(User.organisation_id == activity.organisation_id,
               RoleAssignment.role == "partner",
               (RoleAssignment.centre_id == activity.centre_id)
               | RoleAssignment.centre_id.is_(None))))
    if activity.owner is not None:
        people.insert(0, activity.owner)
    return people


@view_config(route_name="activities.decide", permission="activities.decide")
class Decide(FormView):
    """Confirm a requested booking (the requests it now conflicts with are returned, with a
    reason, and their organisers told), or return it with a reason."""

    schema_factory = DecisionFields
    template = "plugins.activities:templates/form.jinja2"
    title = _("Decide on a booking")

    def buttons(self):
        t = self.request.localizer.translate
        return [deform.Button("confirm", t(_("Confirm"))),
                deform.Button("decline", t(_("Return with a reason")),
                              css_class="btn-outline-danger")]

    def success(self, appstruct):
        activity = self.context
        centre = activity.centre
        title = activity.translation_label
        manage_url = self.request.route_path("activities.manage", centre=centre.slug)
        if "decline" in self.request.POST:
            if not appstruct["reason"].strip():
                raise Refused(_("Say why, in a few words."))
            self.decline(activity, appstruct["reason"].strip())
            return self.redirect(manage_url, _("Returned."))
        if "confirm" not in self.request.POST:
            raise Refused(_("Choose: confirm, or return with a reason."))
        activity.state, activity.state_reason = "confirmed", ""
        activity.sequence += 1
        try:
            book(self.request.dbsession, activity, centre_tz(centre),
                 self.request.registry.settings)
        except Conflict as conflict:
            raise Refused(describe_clashes(self.request, conflict)) from None
        notify(self.request, organisers(self.request, activity),
               _("Your booking is confirmed: ${title}"), url=manage_url,
               mapping={"title": title})
        returned = self.return_conflicting(activity)
        message = _("Confirmed.") if not returned else _(
            "Confirmed. ${count} requests for the same room and time were returned.",
            mapping={"count": len(returned)})
        return self.redirect(manage_url, message)

    def decline(self, activity, reason):
        activity.state, activity.state_reason = "declined", reason
        book(self.request.dbsession, activity, centre_tz(activity.centre),
             self.request.registry.settings, check=False)
        notify(self.request, organisers(self.request, activity),
               _("Your booking was returned: ${title}. Reason: ${reason}"),
               url=self.request.route_path("activities.manage", centre=activity.centre.slug),
               mapping={"title": activity.translation_label, "reason": reason})

    def return_conflicting(self, confirmed):
        """Pending requests of the same room that now clash with ``confirmed``."""
        returned = []
        tz = centre_tz(confirmed.centre)
        settings = self.request.registry.settings
        pending = self.request.dbsession.scalars(
            select(Activity).where(Activity.centre_id == confirmed.centre_id,
                                   Activity.room_id == confirmed.room_id,
                                   Activity.state == "requested",
                                   Activity.id != confirmed.id)).all()
        for request_ in pending:
            spans = intervals(request_, tz, horizon_end(request_, settings))
            if find_clashes(self.request.dbsession, request_, spans,
                            buffer_of(self.request.dbsession, request_.room_id), limit=1):
                reason = self.request.localizer.translate(_(
                    "The room was given to “${title}” at the same time.",
                    mapping={"title": confirmed.translation_label}))
                self.decline(request_, reason)
                returned.append(request_)
        return returned


@view_config(route_name="activities.settings", permission="activities.manage")
class Settings(FormView):
    """Approval of new bookings, and each room's turnover time (minutes kept free after an
    activity: cleaning, setting up)."""

    schema_factory = SettingsFields
    template = "plugins.activities:templates/form.jinja2"
    title = _("Activity settings")

    def schema(self):
        schema = SettingsFields()
        for room in self.context.centre.rooms:
            schema.add(colander.SchemaNode(
                colander.Integer(), name=f"buffer_{room.id}", missing=0, default=0,
                validator=colander.Range(0, 120),
                title=_("Turnover time of ${room} (minutes)", mapping={"room": room.name})))
        return schema.bind(**self.bind_kw())

    def appstruct(self):
        dbsession = self.request.dbsession
        values = {"require_approval": require_approval(dbsession, self.context.centre_id)}
        for room in self.context.centre.rooms:
            setting = dbsession.get(RoomSetting, room.id)
            values[f"buffer_{room.id}"] = setting.buffer_minutes if setting else 0
        return values

    def success(self, appstruct):
        dbsession = self.request.dbsession
        setting = dbsession.get(CentreSetting, self.context.centre_id)
        if setting is None:
            setting = CentreSetting(centre_id=self.context.centre_id)
            dbsession.add(setting)
        setting.require_approval = appstruct["require_approval"]
        tz = centre_tz(self.context.centre)
        for room in self.context.centre.rooms:
            minutes = appstruct[f"buffer_{room.id}"]
            room_setting = dbsession.get(RoomSetting, room.id)
            if (room_setting.buffer_minutes if room_setting else 0) == minutes:
                continue
            if room_setting is None:
                room_setting = RoomSetting(room_id=room.id)
                dbsession.add(room_setting)
            room_setting.buffer_minutes = minutes
            dbsession.flush()
            lock_bookings(dbsession, self.context.centre_id)
            rematerialise_room(dbsession, room.id, tz, self.request.registry.settings)
        return self.redirect(self.request.route_path("activities.manage",
                                                     centre=self.context.centre.slug),
                             _("Saved."))


@view_config(route_name="activities.import", permission="activities.book")
class ImportCalendar(FormView):
    """Import an organisation's schedule from an .ics file (see ``importer.py``)."""

    schema_factory = ImportFields
    template = "plugins.activities:templates/import.jinja2"
    title = _("Import a calendar file")

    def appstruct(self):
        user = self.request.user
        return {"organisation_id": user.organisation_id if user else None}

    def success(self, appstruct):
        data = appstruct["upload"]
        centre = self.context.centre
        needs_approval = require_approval(self.request.dbsession, centre.id) and \
            not self.request.has_permission("activities.manage", self.context)
        try:
            report = import_calendar(self.request, centre, data, appstruct["organisation_id"],
                                     appstruct["room_id"],
                                     "requested" if needs_approval else "confirmed")
        except Malformed as error:
            raise Refused(_("The file cannot be read: line ${line}: ${reason}",
                            mapping={"line": error.line,
                                     "reason": self.request.localizer.translate(error.reason)}))
        self.report = report
        return None  # the page again, with the report

    report = None  # shown by the template once a file was imported
