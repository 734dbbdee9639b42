"""Translating any translatable object: the overview per object, the side-by-side form, the
translation desk that lists what is missing or outdated across the core and every plugin."""
import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from ..events import ContentModified
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, html_lang
from ..models import Content
from ..models.revisions import source_revision
from ..paging import paginate
from ..translation_queue import (EVERY_CENTRE, QueueFilter, active_centres, desk_objects,
                                 may_translate, queue_plugins, queue_query)
from ..textdiff import word_diff
from ..translation_exchange import default_source_language
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
        self.changes = self.source_changes() if self.outdated else None
        self.target_attrs = {"lang": html_lang(self.lang), "dir": direction(self.lang)}
        self.source_attrs = {"lang": html_lang(self.target.source_language),
                             "dir": direction(self.target.source_language)}
        self.language_name = LANGUAGES[self.lang]

    def source_changes(self):
        """``[(field, diff)]`` of the source since the revision this translation was made
        from (the fields that changed), or None when that revision's text was not kept."""
        made_from = self.target.texts[self.lang].source_revision
        old = source_revision(self.request.dbsession, self.target, made_from)
        if old is None:
            return None
        labels = {"removed": self.request.localizer.translate(_("Removed:")),
                  "added": self.request.localizer.translate(_("Added:"))}
        return [(field, word_diff(old.get(field.name, ""), self.source_values[field.name],
                                  **labels))
                for field in self.fields
                if old.get(field.name, "") != self.source_values[field.name]]

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
    page at a time: the queue and its filters in SQL over every registered kind; whether the
    viewer may translate each row, on the rows of the page (their local roles in one query)."""
    centres = active_centres(request)
    plugins = queue_plugins(request.registry)
    filters = QueueFilter.from_params(request.GET, centres, plugins)
    kinds = list(request.registry.portal.translatables.values())
    page = paginate(request, queue_query(request, kinds, filters),
                    keep=desk_rows(request, kinds, centres, filters.language))
    return {"rows": page.items, "page": page, "filters": filters, "centres": centres,
            "plugins": plugins, "languages": LANGUAGES, "every_centre": EVERY_CENTRE,
            "default_source": default_source_language(request)}


def desk_rows(request, kinds, centres, language=None):
    """A ``keep`` for the pager: a chunk of queue rows to the desk's rows, leaving out what the
    viewer may not translate or what belongs to a closed centre."""

    def keep(chunk):
        objects = desk_objects(request, kinds, chunk)
        allowed = may_translate(request, objects, centres)
        return [desk_row(request, kinds[row.kind], obj, centres, row, language) if ok else None
                for row, obj, ok in zip(chunk, objects, allowed)]

    return keep


def desk_row(request, info, obj, centres, row, language):
    title = info.title
    if isinstance(obj, Content):  # say which kind of content: a notice, a page
        title = request.registry.portal.content_types[obj.type].title
    centre = centres.get(obj.translation_centre_id)
    return {"kind": request.localizer.translate(title), "label": obj.translation_label,
            "lang": html_lang(obj.source_language), "dir": direction(obj.source_language),
            "centre": centre.name if centre is not None else "",
            "urgent": bool(row.urgent), "shown": bool(row.shown),
            "url": (edit_url(request, obj, info.name, language) if language
                    else overview_url(request, obj, info.name)),
            "missing": [code for code in LANGUAGES if code not in obj.texts],
            "outdated": [code for code in obj.texts if obj.is_outdated(code)]}
