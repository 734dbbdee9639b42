"""Translating any translatable object: the overview per object, the side-by-side form, the
translation desk that lists what is missing or outdated across the core and every plugin."""
import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select

from ..events import ContentModified
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, html_lang
from ..models import Centre, Content
from ..resources import of_active_centres
from .content import text_nodes, text_values

DESK_LIMIT = 200


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
    """Everything translatable whose translations are missing or outdated, with its centre."""
    centres = {c.id: c.name for c in request.dbsession.scalars(
        select(Centre).where(Centre.active.is_(True)))}
    rows = []
    for kind, info in request.registry.portal.translatables.items():
        query = select(info.model).limit(DESK_LIMIT)
        if issubclass(info.model, Content):  # nothing of a deactivated centre
            query = query.where(of_active_centres(info.model))
        if hasattr(info.model, "modified"):
            query = query.order_by(info.model.modified.desc())
        for obj in request.dbsession.scalars(query):
            missing = [code for code in LANGUAGES if code not in obj.texts]
            outdated = [code for code in obj.texts if obj.is_outdated(code)]
            if obj.translation_centre_id is not None and \
                    obj.translation_centre_id not in centres:
                continue  # its centre was deactivated
            if (missing or outdated) and request.has_permission(
                    "translate", obj.translation_context(request)):
                title = info.title
                if isinstance(obj, Content):  # say which kind of content: a notice, a page
                    title = request.registry.portal.content_types[obj.type].title
                rows.append({"kind": request.localizer.translate(title),
                             "label": obj.translation_label, "lang": html_lang(obj.source_language),
                             "centre": centres.get(obj.translation_centre_id, ""),
                             "url": overview_url(request, obj, kind),
                             "missing": missing, "outdated": outdated})
    return {"rows": rows}
