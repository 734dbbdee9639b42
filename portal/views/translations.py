"""Translating any translatable object: the overview per object, the side-by-side form, the
translation desk that lists what is missing or outdated across the core and every plugin."""
import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import inspect, literal_column, or_, select, union_all
from sqlalchemy.orm import MANYTOONE, selectinload

from ..events import ContentModified
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, html_lang
from ..models import Centre, Content
from ..models.texts import Translatable
from ..paging import paginate
from ..principals import preload_local_roles
from ..resources import of_active_centres
from ..visibility import permission_filter
from .content import text_nodes, text_values


def target_of(context):
    """The translatable object behind a route's context (content is its own context)."""
    return getattr(context, "target", context)


def overview_url(request, obj, kind):
    return request.route_path("translation.overview", kind=kind, id=obj.translation_id)


def edit_url(request, obj, kind, lang):
    if lang == obj.source_language and isinstance(obj, Content):
        return request.route_path("content.edit", id=obj.id)
    return request.route_path("translation.edit", kind=kind, id=obj.translation_id,
                              lang=lang)


def kind_of(request, obj):
    for name, info in request.registry.portal.translatables.items():
        if isinstance(obj, info.model):
            return name
    raise LookupError(f"{type(obj).__name__} is not registered with add_translatable")


def status_of(obj, code):
    if code == obj.source_language:
        return "source"
    if code not in obj.texts:
        return "missing"
    return "outdated" if obj.is_outdated(code) else "current"


@view_config(route_name="content.translations", request_method="GET", context=Content,
             renderer="portal:templates/translations_overview.jinja2", permission="translate")
@view_config(route_name="translation.overview", request_method="GET",
             renderer="portal:templates/translations_overview.jinja2", permission="translate")
def translations_overview(context, request):
    obj = target_of(context)
    kind = kind_of(request, obj)
    rows = []
    for code, name in LANGUAGES.items():
        text = obj.texts.get(code)
        rows.append({"code": code, "name": name, "tag": html_lang(code), "dir": direction(code),
                     "status": status_of(obj, code),
                     "label": getattr(text, obj.__text_fields__[0].name, "") if text else "",
                     "url": edit_url(request, obj, kind, code)})
    return {"rows": rows, "obj": obj, "label": obj.translation_label}


class TranslationSchema(CSRFSchema):
    needs_review = colander.SchemaNode(
        colander.Boolean(), title=_("Needs review"), missing=False,
        description=_("Tick if someone should check this translation."),
    )


@view_config(route_name="content.translate", context=Content, permission="translate")
@view_config(route_name="translation.edit", permission="translate")
class TranslateView(FormView):
    """The source text beside the form for one language (never the source language itself)."""

    template = "portal:templates/translate.jinja2"
    title = _("Translate")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.target = target_of(context)
        self.kind = kind_of(request, self.target)
        self.lang = request.matchdict["lang"]
        if self.lang not in LANGUAGES:
            raise HTTPNotFound()
        if self.lang == self.target.source_language:
            raise HTTPSeeOther(edit_url(request, self.target, self.kind, self.lang))
        self.source = self.target.source_text
        self.source_values = text_values(self.target, vars(self.source)) if self.source else {}
        self.fields = self.target.__text_fields__
        self.outdated = self.target.is_outdated(self.lang)
        self.target_attrs = {"lang": html_lang(self.lang), "dir": direction(self.lang)}
        self.source_attrs = {"lang": html_lang(self.target.source_language),
                             "dir": direction(self.target.source_language)}
        self.language_name = LANGUAGES[self.lang]

    def schema(self):
        schema = TranslationSchema()
        for node in text_nodes(self.fields, self.target_attrs):
            schema.add(node)
        schema.children.append(schema.children.pop(1))  # "needs review" after the text
        return schema.bind(request=self.request, context=self.context)

    def appstruct(self):
        text = self.target.texts.get(self.lang)
        if text is None:
            return {}
        return {**text_values(self.target, vars(text)),
                "needs_review": text.status == "needs_review"}

    def success(self, appstruct):
        self.target.set_text(self.lang, translator=self.request.user,
                             status="needs_review" if appstruct["needs_review"] else "current",
                             **text_values(self.target, appstruct))
        if isinstance(self.target, Content):
            self.request.registry.notify(ContentModified(self.target, self.request, self.lang))
        return self.redirect(overview_url(self.request, self.target, self.kind),
                             _("Translation saved."))


@view_config(route_name="translations", request_method="GET", renderer="portal:templates/translations.jinja2",
             permission="translate.list")
def translation_desk(request):
    """Everything translatable whose translations are missing or outdated, with its centre, a
    page at a time: what needs work, in SQL over every registered kind; whether the viewer may
    translate it, on the rows of the page (their local roles in one query)."""
    centres = {c.id: c.name for c in request.dbsession.scalars(
        select(Centre).where(Centre.active.is_(True)))}
    kinds = list(request.registry.portal.translatables.values())
    page = paginate(request, desk_query(request, kinds), keep=desk_rows(request, kinds, centres))
    return {"rows": page.items, "page": page}


def desk_query(request, kinds):
    """``(kind, id)`` of everything needing translation, whose source text changed last first."""
    branches = []
    for number, info in enumerate(kinds):
        model = info.model
        (key,) = inspect(model).primary_key
        branch = select(literal_column(str(number)).label("kind"),
                        model.source_changed().label("changed"), key.label("id")
                        ).where(or_(model.where_missing(), model.where_outdated()))
        if issubclass(model, Content):  # nothing of a deactivated centre; what may be translated
            branch = branch.where(of_active_centres(model),
                                  permission_filter(request, model, "translate"))
        branches.append(branch)
    rows = union_all(*branches).subquery()
    return select(rows.c.kind, rows.c.id).order_by(rows.c.changed.desc(), rows.c.kind,
                                                  rows.c.id.desc())


def parents_of(model):
    """Load with the rows what decides who may translate them and where they belong: their
    centre, and the translatable object they belong to (a picture's notice gives its label,
    centre and permissions)."""
    return [selectinload(getattr(model, rel.key)) for rel in inspect(model).relationships
            if rel.direction is MANYTOONE
            and issubclass(rel.mapper.class_, (Centre, Translatable))]


def desk_rows(request, kinds, centres):
    """A ``keep`` for the pager: a chunk of ``(kind, id)`` to the desk's rows, in a query per
    kind, leaving out what the viewer may not translate or what belongs to a closed centre."""

    def keep(chunk):
        wanted = {}
        for number, ident in chunk:
            wanted.setdefault(number, []).append(ident)
        found = {}
        for number, idents in wanted.items():
            model = kinds[number].model
            (key,) = inspect(model).primary_key
            for obj in request.dbsession.scalars(
                    select(model).where(key.in_(idents)).options(*parents_of(model))):
                found[number, obj.translation_id] = obj
        objects = [found.get(tuple(row)) for row in chunk]
        contexts = [obj.translation_context(request) if obj is not None and (
            obj.translation_centre_id is None or obj.translation_centre_id in centres) else None
            for obj in objects]
        preload_local_roles(request, contexts)
        return [desk_row(request, kinds[number], obj, centres)
                if context is not None and request.has_permission("translate", context) else None
                for (number, _ident), obj, context in zip(chunk, objects, contexts)]

    return keep


def desk_row(request, info, obj, centres):
    title = info.title
    if isinstance(obj, Content):  # say which kind of content: a notice, a page
        title = request.registry.portal.content_types[obj.type].title
    return {"kind": request.localizer.translate(title), "label": obj.translation_label,
            "lang": html_lang(obj.source_language), "dir": direction(obj.source_language),
            "centre": centres.get(obj.translation_centre_id, ""),
            "url": overview_url(request, obj, info.name),
            "missing": [code for code in LANGUAGES if code not in obj.texts],
            "outdated": [code for code in obj.texts if obj.is_outdated(code)]}
