"""Who hears of what: the secretary, the responsible party of an action item, and residents,
who learn of upcoming meetings through the core's Announcement (the notice board and kiosks
show it; this plugin never imports the notice board)."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import (LANGUAGES, Announcement, RoleAssignment, User, grant_local_role,
                        local_roles, localizer_for, notify, utcnow)

from .i18n import _
from .models import Meeting
from .record import place, when

#: the roles that stand for each responsible party in the meeting's centre
PARTY_ROLES = {"management": "centre_manager", "representatives": "community_rep"}


def party_users(request, action):
    """The people who answer for ``action`` in its centre."""
    query = select(User).join(RoleAssignment, RoleAssignment.user_id == User.id).where(
        RoleAssignment.centre_id == action.centre_id, User.active.is_(True))
    if action.party in PARTY_ROLES:
        query = query.where(RoleAssignment.role == PARTY_ROLES[action.party])
    elif action.party == "organisation" and action.organisation_id is not None:
        query = query.where(User.organisation_id == action.organisation_id)
    else:
        return []
    return [user for user in request.dbsession.scalars(query.distinct()).all()
            if user != request.user]


def meeting_secretaries(request, meeting):
    """The secretaries who still hold a role in the meeting's centre: a representative whose
    term ended, or whose role was removed, is no longer its secretary (nor told of it)."""
    return [user for user, role in local_roles(request.dbsession, meeting)
            if role == "secretary"
            and any(a.centre_id == meeting.centre_id for a in user.current_roles)]


def meeting_url(request, meeting):
    return request.route_path("minutes.record", centre=meeting.centre.slug, id=meeting.id)


def title_of(meeting):
    source = meeting.source_text
    return source.title if source is not None else str(meeting.id)


def notify_new_action(request, action):
    notify(request, party_users(request, action),
           _("New action item for you from “${meeting}”: ${what}"),
           url=meeting_url(request, action.meeting),
           mapping={"meeting": title_of(action.meeting), "what": action.source_text.what})


def notify_review(request, action, status_label):
    notify(request, party_users(request, action),
           _("Action item “${what}” is now: ${status}"),
           url=meeting_url(request, action.meeting),
           mapping={"what": action.source_text.what, "status": status_label})


def on_added(event):
    """Whoever writes a new meeting is its secretary until a manager appoints another."""
    meeting = event.content
    if isinstance(meeting, Meeting) and event.request.user is not None:
        grant_local_role(event.request.dbsession, meeting, event.request.user, "secretary")
        announce(event.request, meeting)


def on_modified(event):
    if isinstance(event.content, Meeting):
        announce(event.request, event.content)


def on_transitioned(event):
    """The core tells the managers (submitted) and the meeting's author (every other step);
    the secretaries hear of every step they did not take themselves."""
    meeting = event.content
    if not isinstance(meeting, Meeting):
        return
    request = event.request
    told = {request.user, meeting.owner}
    secretaries = [user for user in meeting_secretaries(request, meeting) if user not in told]
    message = (_("Minutes “${title}”: ${step}. Comment: ${comment}") if event.comment
               else _("Minutes “${title}”: ${step}."))
    notify(request, secretaries, message, url=meeting_url(request, meeting),
           mapping={"title": title_of(meeting), "step": event.transition.title,
                    "comment": event.comment})
    if event.transition.name == "take_back" and request.user != meeting.owner:
        # the core tells the author of every step, and the managers only when the author
        # takes a submission back
        managers = [user for user in centre_managers(request, meeting.centre_id)
                    if user not in (request.user, meeting.owner)]
        notify(request, managers, _("${user} took the minutes “${title}” back to the draft: "
                                    "they no longer wait for your approval."),
               url=meeting_url(request, meeting),
               mapping={"user": str(request.user), "title": title_of(meeting)})


def centre_managers(request, centre_id):
    return request.dbsession.scalars(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.role == "centre_manager", RoleAssignment.centre_id == centre_id,
               User.active.is_(True)).distinct()).all()


def announce(request, meeting):
    """An upcoming meeting is announced to residents in every language its title has, until
    it starts; announcing again (a new time or place) updates the same notice."""
    now = utcnow()
    if meeting.starts_at is None or meeting.starts_at <= now or not meeting.texts:
        return
    texts = {}
    for lang, text in meeting.texts.items():
        if lang not in LANGUAGES:
            continue
        localizer = localizer_for(request, lang)
        summary = localizer.translate(_("Meeting on ${when}, ${place}. Everyone may ask their "
                                        "representatives to raise a question.",
                                        mapping={"when": when(lang, meeting),
                                                 "place": place(meeting)}))
        texts[lang] = {"title": text.title, "summary": summary, "body": summary}
    if meeting.source_language not in texts:
        return
    request.registry.notify(Announcement(
        request=request, key=f"minutes:meeting:{meeting.id}", centre_id=meeting.centre_id,
        texts=texts, source_language=meeting.source_language, category="general",
        valid_from=now, valid_until=meeting.starts_at + timedelta(hours=2)))
