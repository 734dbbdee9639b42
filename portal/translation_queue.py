"""The translation queue: every translatable thing of the core and every plugin whose
translations are missing or outdated, in SQL, in the order residents need them.

Each kind registered with ``add_translatable`` is one branch of a ``UNION ALL``. A kind governed
by content (``translation_content_id``: content itself, a notice's picture) takes from that
content its state, centre, who may translate it (``permission_filter``) and whether it is urgent
(each content type's ``translation_urgent``). Withdrawn and rejected content leaves the queue;
what residents can see comes first, urgent first among it, then the latest source text.
"""
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import and_, case, false, inspect, literal_column, or_, select, union_all
from sqlalchemy.orm import MANYTOONE, selectinload

from .i18n import LANGUAGES
from .models import Centre, Content
from .models.texts import Translatable
from .principals import preload_local_roles
from .resources import of_active_centres
from .visibility import permission_filter

#: workflow states whose content nobody needs translated any more
RETIRED_STATES = ("withdrawn", "rejected")
STATUSES = ("missing", "outdated")
EVERY_CENTRE = 0  # the centre filter's value for what belongs to every centre


@dataclass(frozen=True)
class QueueFilter:
    language: Optional[str] = None  # missing or outdated in this language (None: in any)
    centre_id: Optional[int] = None  # EVERY_CENTRE: what belongs to every centre
    plugin: Optional[str] = None  # what this plugin brings (its content types, its kinds)
    status: Optional[str] = None  # "missing" or "outdated" only

    @classmethod
    def from_params(cls, params, centres, plugins):
        """The filters a query string asks for; unknown values are no filter."""
        language = params.get("language")
        centre = params.get("centre")
        centre_id = (EVERY_CENTRE if centre == "every"
                     else next((i for i, c in centres.items() if c.slug == centre), None))
        return cls(language=language if language in LANGUAGES else None,
                   centre_id=centre_id,
                   plugin=params.get("plugin") if params.get("plugin") in plugins else None,
                   status=params.get("status") if params.get("status") in STATUSES else None)


def queue_plugins(registry):
    """The enabled plugins that bring something translatable, in their order."""
    portal = registry.portal
    bringing = ({info.plugin for info in portal.translatables.values()}
                | {info.plugin for info in portal.content_types.values()})
    return [name for name in ["portal", *portal.plugins] if name in bringing]


def _needs_work(model, filters):
    language, status = filters.language, filters.status
    missing = model.where_missing(language)
    outdated = model.where_outdated(language)
    condition = {"missing": missing, "outdated": outdated}.get(status, or_(missing, outdated))
    if language is not None:
        condition = and_(condition, model.source_language != language)
    return condition


def _urgent(registry, content):
    """SQL condition on ``content``: its type says it is urgent."""
    conditions = []
    for name, info in registry.portal.content_types.items():
        own = info.factory.translation_urgent()
        if own is not None:
            table = inspect(info.factory).local_table
            (key,) = table.primary_key.columns
            conditions.append(and_(content.type == name,
                                   content.id.in_(select(key).where(own))))
    return or_(*conditions) if conditions else false()


def _columns(number, model, shown, urgent):
    """What every branch of the queue gives: ``(kind, id, shown, urgent, changed)``."""
    (key,) = inspect(model).primary_key
    return select(literal_column(str(number)).label("kind"), key.label("id"),
                  shown.label("shown"), case((urgent, 1), else_=0).label("urgent"),
                  model.source_changed().label("changed"))


def _own_branch(number, info, filters):
    """A kind no content governs: always shown, urgent by its own hook, perhaps of a centre."""
    model = info.model
    if filters.plugin is not None and filters.plugin != info.plugin:
        return None
    urgent = model.translation_urgent()
    query = _columns(number, model, literal_column("1"),
                     urgent if urgent is not None else false()).where(_needs_work(model, filters))
    centre = getattr(model, "centre_id", None)
    if filters.centre_id is None:
        return query
    if centre is None:  # belongs to no centre: to every centre
        return query if filters.centre_id == EVERY_CENTRE else None
    return query.where(centre.is_(None) if filters.centre_id == EVERY_CENTRE
                       else centre == filters.centre_id)


def _governed_branch(request, number, info, filters, public_states):
    """Content, or a kind that content governs: the content's state, centre, permissions and
    urgency decide."""
    registry = request.registry
    model = info.model
    content = model if issubclass(model, Content) else Content
    query = _columns(number, model, case((content.state.in_(public_states), 1), else_=0),
                     _urgent(registry, content))
    if content is not model:
        query = query.select_from(model).join(Content,
                                              Content.id == model.translation_content_id())
    query = query.where(_needs_work(model, filters), content.state.notin_(RETIRED_STATES),
                        of_active_centres(content),
                        permission_filter(request, content, "translate"))
    if filters.plugin is not None:
        if content is model:  # content of every type: the plugin's content types
            types = [name for name, t in registry.portal.content_types.items()
                     if t.plugin == filters.plugin]
            if not types:
                return None
            query = query.where(content.type.in_(types))
        elif info.plugin != filters.plugin:
            return None
    if filters.centre_id == EVERY_CENTRE:
        query = query.where(content.centre_id.is_(None))
    elif filters.centre_id is not None:
        query = query.where(content.centre_id == filters.centre_id)
    return query


def queue_query(request, kinds, filters=QueueFilter()):
    """``(kind, id, shown, urgent)`` of everything needing translation: what residents see
    first, urgent first, then whose source text changed last; ``kind`` indexes ``kinds``."""
    public_states = sorted({state for info in request.registry.portal.content_types.values()
                            for state in (info.factory.public_states or ())})
    branches = []
    for number, info in enumerate(kinds):
        if info.model.translation_content_id() is None:
            branch = _own_branch(number, info, filters)
        else:
            branch = _governed_branch(request, number, info, filters, public_states)
        if branch is not None:
            branches.append(branch)
    if not branches:
        branches = [select(literal_column("0").label("kind"), literal_column("0").label("id"),
                           literal_column("0").label("shown"), literal_column("0").label("urgent"),
                           literal_column("NULL").label("changed")).where(false())]
    rows = union_all(*branches).subquery()
    return select(rows.c.kind, rows.c.id, rows.c.shown, rows.c.urgent).order_by(
        rows.c.shown.desc(), rows.c.urgent.desc(), rows.c.changed.desc(), rows.c.kind,
        rows.c.id.desc())


def active_centres(request):
    """The active centres by id, in name order (what the desk's rows and filter name)."""
    return {c.id: c for c in request.dbsession.scalars(
        select(Centre).where(Centre.active.is_(True)).order_by(Centre.name))}


def parents_of(model):
    """Load with the rows what decides who may translate them and where they belong: their
    centre, and the translatable object they belong to (a picture's notice gives its label,
    centre and permissions)."""
    return [selectinload(getattr(model, rel.key)) for rel in inspect(model).relationships
            if rel.direction is MANYTOONE
            and issubclass(rel.mapper.class_, (Centre, Translatable))]


def desk_objects(request, kinds, chunk):
    """The objects of a chunk of queue rows, in a query per kind (None where one is gone)."""
    wanted = {}
    for row in chunk:
        wanted.setdefault(row.kind, []).append(row.id)
    found = {}
    for number, idents in wanted.items():
        model = kinds[number].model
        (key,) = inspect(model).primary_key
        for obj in request.dbsession.scalars(
                select(model).where(key.in_(idents)).options(*parents_of(model))):
            found[number, obj.translation_id] = obj
    return [found.get((row.kind, row.id)) for row in chunk]


def may_translate(request, objects, centres):
    """Per object, whether the viewer may translate it (local roles of all in one query)."""
    contexts = [obj.translation_context(request) if obj is not None and (
        obj.translation_centre_id is None or obj.translation_centre_id in centres) else None
        for obj in objects]
    preload_local_roles(request, contexts)
    return [context is not None and request.has_permission("translate", context)
            for context in contexts]
