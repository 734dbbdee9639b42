"""The inbox: notifications to users, in the app and optionally by e-mail.

* :func:`notify` (exported by ``portal.api``) stores a notification per recipient as a
  translation string: each recipient reads it in their own interface language.
* E-mail goes through ``pyramid_mailer`` when ``mail.enabled`` is true, to users who opted in
  and gave an address; the transaction-aware mailer sends only once the request's transaction
  commits, so an aborted request sends nothing.
* The core tells people about the workflow steps that concern them (:func:`on_transition`).
"""
from functools import lru_cache

from pyramid.i18n import TranslationString, make_localizer
from pyramid.interfaces import ITranslationDirectories
from pyramid.settings import asbool
from pyramid_mailer import get_mailer
from pyramid_mailer.message import Message
from sqlalchemy import func, select, update

from .events import ContentTransitioned
from .i18n import _
from .models import Notification, RoleAssignment, User
from .models.meta import utcnow


def notify(request, recipients, message, url="", mapping=None):
    """Tell ``recipients`` (a user or several) ``message``, a translation string whose
    ``mapping`` values may be translation strings too; ``url`` is where the notification
    leads (a path of this portal). Returns the notifications added."""
    users = [recipients] if isinstance(recipients, User) else list(recipients)
    seen, added = set(), []
    for user in users:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        note = Notification.of(message, mapping, user_id=user.id, url=url or "",
                               created=utcnow())
        request.dbsession.add(note)
        added.append(note)
        if mail_enabled(request.registry.settings) and user.email_notifications and user.email:
            send_mail(request, user, note)
    return added


def translate(localizer, message):
    """``message`` in the localizer's language, translation strings in its mapping too.

    Values typed by people (a title, a reason) are bidi-isolated (FSI ... PDI): a Latin title
    in an Arabic sentence keeps its punctuation where it belongs, in a page or an e-mail."""
    if not isinstance(message, TranslationString):
        return message
    mapping = {key: translate(localizer, value) if isinstance(value, TranslationString)
               else f"\u2068{value}\u2069"
               for key, value in (message.mapping or {}).items()}
    return localizer.translate(TranslationString(message, mapping=mapping or None))


def unread_count(request):
    user = request.user
    if user is None:
        return 0
    return request.dbsession.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None)))


def mark_read(request, notifications=None):
    """Mark the reader's ``notifications`` (default: all of them) read."""
    query = update(Notification).where(Notification.user_id == request.user.id,
                                       Notification.read_at.is_(None))
    if notifications is not None:
        query = query.where(Notification.id.in_([n.id for n in notifications]))
    request.dbsession.execute(query.values(read_at=utcnow()))


# -- e-mail ------------------------------------------------------------------------------------

def mail_enabled(settings):
    return asbool(settings.get("mail.enabled", False))


@lru_cache(maxsize=32)
def _localizer(directories, language):
    return make_localizer(language, list(directories))


def localizer_for(registry, language):
    """A localizer for ``language`` outside the request's own (a recipient's language)."""
    directories = tuple(registry.queryUtility(ITranslationDirectories, default=[]))
    return _localizer(directories, language)


def send_mail(request, user, note):
    language = user.language or request.registry.settings.get("pyramid.default_locale_name", "en")
    localizer = localizer_for(request.registry, language)
    text = translate(localizer, note.translation_string)
    body = text + ("\n\n" + request.application_url + note.url if note.url else "")
    subject = localizer.translate(_("Participation portal: a new notification"))
    get_mailer(request).send(Message(subject=subject, recipients=[user.email], body=body))


# -- what the core tells people ----------------------------------------------------------------

#: the message to the owner for each step of the core's workflows; another step says its title
OWNER_MESSAGES = {
    "publish": _("“${title}” was published."),
    "withdraw": _("“${title}” was withdrawn."),
    "reject": _("“${title}” was returned to you. Reason: ${reason}"),
}


def centre_managers(request, centre_id):
    if centre_id is None:
        return []
    return request.dbsession.scalars(
        select(User).join(RoleAssignment)
        .where(RoleAssignment.role == "centre_manager", RoleAssignment.centre_id == centre_id,
               User.active.is_(True))).all()


def on_transition(event):
    """A proposal waiting for a decision reaches the centre's managers; every other step
    reaches the proposer (the owner), with the reason when one was given."""
    request, content = event.request, event.content
    actor = request.user
    source = content.source_text
    title = source.title if source is not None else str(content.id)
    url = request.route_path("content.view", id=content.id)
    transition = event.transition
    if content.state == "submitted":
        managers = [user for user in centre_managers(request, content.centre_id) if user != actor]
        notify(request, managers, _("${user} proposed “${title}”: it waits for your decision."),
               url=url, mapping={"user": str(actor) if actor else "", "title": title})
        return
    owner = content.owner
    if owner is None or owner == actor:
        if actor is not None and event.from_state == "submitted":  # the proposer took it back
            managers = [u for u in centre_managers(request, content.centre_id) if u != actor]
            notify(request, managers, _("${user} withdrew the proposal “${title}”."), url=url,
                   mapping={"user": str(actor), "title": title})
        return
    message = OWNER_MESSAGES.get(transition.name)
    if message is None:
        message = (_("“${title}”: ${step}. Reason: ${reason}") if event.comment
                   else _("“${title}”: ${step}."))
    notify(request, owner, message, url=url,
           mapping={"title": title, "step": transition.title, "reason": event.comment})


def includeme(config):
    settings = config.get_settings()
    if mail_enabled(settings):
        config.include("pyramid_mailer")
    config.add_subscriber(on_transition, ContentTransitioned)
