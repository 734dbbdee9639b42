"""Views every content type shares: read, edit the source text, translate, change state."""
import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select

from ..caching import public_page
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, fallback_chain, html_lang
from ..models import Content
from ..rendering import render_markdown
from ..resources import bind_content, of_active_centres
from ..workflow import WorkflowError


def localized(request, content, lang=None):
    """The text to show in ``lang`` (default: the reader's), following the fallback chain.

    Returns a dict the templates use: ``text``, ``lang``/``dir`` of the text shown, ``fallback``
    (True when shown in another language), ``outdated`` and the rendered body.
    """
    lang = lang or request.locale_name
    text, is_fallback = content.text_for(lang, fallback_chain(request.registry.settings, lang))
    if text is None:
        return None
    return {
        "text": text,
        "lang": html_lang(text.language),
        "dir": direction(text.language),
        "fallback": is_fallback,
        "outdated": content.is_outdated(text.language),
        "body_html": render_markdown(text.body),
    }


@view_config(route_name="content.view", context=Content,
             renderer="portal:templates/content.jinja2", permission="view",
             decorator=public_page())
def view_content(context, request):
    return {"shown": localized(request, context),
            "transitions": context.workflow.allowed_transitions(request, context)
            if context.workflow else []}


def text_nodes(attributes=None):
    """Title, summary and body; ``attributes`` (``lang``/``dir``) go on every input."""
    attrs = dict(attributes or {})
    return [
        colander.SchemaNode(colander.String(), name="title", title=_("Title"),
                            validator=colander.Length(min=2, max=300),
                            widget=deform.widget.TextInputWidget(attributes=attrs)),
        colander.SchemaNode(colander.String(), name="summary", title=_("Summary"), missing="",
                            validator=colander.Length(max=500),
                            widget=deform.widget.TextAreaWidget(rows=2, attributes=attrs)),
        colander.SchemaNode(colander.String(), name="body", title=_("Text"), missing="",
                            description=_("Markdown: *italic*, **bold**, lists with -"),
                            widget=deform.widget.TextAreaWidget(rows=10, attributes=attrs)),
    ]


def source_language_node():
    return colander.SchemaNode(
        colander.String(), name="source_language", title=_("Language of this text"),
        widget=deform.widget.SelectWidget(values=list(LANGUAGES.items())),
        validator=colander.OneOf(list(LANGUAGES)),
    )


class EditSchema(CSRFSchema):
    minor = colander.SchemaNode(
        colander.Boolean(), title=_("Minor edit"), missing=False,
        description=_("Spelling or layout only: translations stay up to date."),
    )


def build_content_schema(request, info, base, with_source_language=False):
    """The schema for a content type: its own fields, then the text fields."""
    schema = base()
    checks = [schema.validator] if schema.validator else []
    if info.edit_schema is not None:
        fields = info.edit_schema()
        for node in fields.children:
            schema.add(node.clone())
        if fields.validator:
            checks.append(fields.validator)
    if checks:
        def validator(node, value):
            for check in checks:
                check(node, value)
        schema.validator = validator
    if with_source_language:
        schema.add(source_language_node())
    for node in text_nodes():
        schema.add(node)
    return schema


class ContentFormMixin:
    """Moves form values onto a content object: type fields and the source text.

    A content type converts its own fields (time zones, sets...) by defining
    ``form_values(request)`` and ``apply_form(appstruct, request)``; otherwise every field of
    its ``edit_schema`` is copied as it is.
    """

    def type_field_names(self):
        info = self.info
        return [n.name for n in info.edit_schema().children] if info.edit_schema else []

    def type_values(self, content):
        if hasattr(content, "form_values"):
            return content.form_values(self.request)
        return {name: getattr(content, name) for name in self.type_field_names()}

    def apply(self, content, appstruct, minor=False):
        if hasattr(content, "apply_form"):
            content.apply_form(appstruct, self.request)
        else:
            for name in self.type_field_names():
                setattr(content, name, appstruct[name])
        content.set_text(content.source_language, title=appstruct["title"],
                         summary=appstruct["summary"], body=appstruct["body"],
                         translator=self.request.user, minor=minor)


@view_config(route_name="content.edit", context=Content, permission="edit")
class EditContentView(ContentFormMixin, FormView):
    title = _("Edit")

    @property
    def info(self):
        return self.request.registry.portal.content_types[self.context.type]

    def schema(self):
        schema = build_content_schema(self.request, self.info, EditSchema)
        schema.children.append(schema.children.pop(1))  # "minor edit" after the text
        return schema.bind(request=self.request, context=self.context)

    def appstruct(self):
        values = self.type_values(self.context)
        source = self.context.source_text
        if source is not None:
            values.update(title=source.title, summary=source.summary, body=source.body)
        return values

    def success(self, appstruct):
        self.apply(self.context, appstruct, minor=appstruct["minor"])
        return self.redirect(self.request.route_path("content.view", id=self.context.id),
                             _("Saved."))


def add_content_view(info_name):
    """A view class that adds content of type ``info_name`` to the context's centre."""

    class AddContentView(ContentFormMixin, FormView):
        title = _("Add")

        @property
        def info(self):
            return self.request.registry.portal.content_types[info_name]

        def schema(self):
            return build_content_schema(self.request, self.info, CSRFSchema,
                                        with_source_language=True).bind(
                request=self.request, context=self.context)

        def appstruct(self):
            return {"source_language": self.request.locale_name}

        def success(self, appstruct):
            info = self.info
            workflow = self.request.registry.portal.workflows[info.workflow]
            content = info.factory(centre_id=self.context.centre_id, state=workflow.initial,
                                   owner_id=self.request.user.id,
                                   source_language=appstruct["source_language"], revision=1)
            self.apply(content, appstruct)
            self.request.dbsession.add(content)
            self.request.dbsession.flush()
            return self.redirect(self.request.route_path("content.view", id=content.id),
                                 _("Created as a draft."))

    return AddContentView


@view_config(route_name="content.translations", context=Content,
             renderer="portal:templates/translations_overview.jinja2", permission="translate")
def translations_overview(context, request):
    rows = []
    for code, name in LANGUAGES.items():
        text = context.texts.get(code)
        if code == context.source_language:
            status = "source"
        elif text is None:
            status = "missing"
        elif context.is_outdated(code):
            status = "outdated"
        else:
            status = "current"
        rows.append({"code": code, "name": name, "tag": html_lang(code), "dir": direction(code),
                     "status": status, "text": text})
    return {"rows": rows}


class TranslationSchema(CSRFSchema):
    needs_review = colander.SchemaNode(
        colander.Boolean(), title=_("Needs review"), missing=False,
        description=_("Tick if someone should check this translation."),
    )


@view_config(route_name="content.translate", context=Content, permission="translate")
class TranslateView(FormView):
    template = "portal:templates/translate.jinja2"
    title = _("Translate")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.lang = request.matchdict["lang"]
        if self.lang not in LANGUAGES:
            raise HTTPNotFound()
        if self.lang == context.source_language:
            raise HTTPSeeOther(request.route_path("content.edit", id=context.id))
        self.source = context.source_text
        self.target_attrs = {"lang": html_lang(self.lang), "dir": direction(self.lang)}
        self.source_attrs = {"lang": html_lang(context.source_language),
                             "dir": direction(context.source_language)}
        self.language_name = LANGUAGES[self.lang]

    def schema(self):
        schema = TranslationSchema()
        for node in text_nodes(self.target_attrs):
            schema.add(node)
        schema.children.append(schema.children.pop(1))  # "needs review" after the text
        return schema.bind(request=self.request, context=self.context)

    def appstruct(self):
        text = self.context.texts.get(self.lang)
        if text is None:
            return {}
        return {"title": text.title, "summary": text.summary, "body": text.body,
                "needs_review": text.status == "needs_review"}

    def success(self, appstruct):
        self.context.set_text(self.lang, title=appstruct["title"], summary=appstruct["summary"],
                              body=appstruct["body"], translator=self.request.user,
                              status="needs_review" if appstruct["needs_review"] else "current")
        return self.redirect(self.request.route_path("content.translations", id=self.context.id),
                             _("Translation saved."))


@view_config(route_name="content.transition", context=Content, request_method="POST",
             permission="view")
def transition(context, request):
    workflow = context.workflow
    name = request.matchdict["name"]
    step = workflow.transitions.get(name) if workflow else None
    if step is None:
        raise HTTPNotFound()
    if not request.has_permission(step.permission, context):
        raise HTTPForbidden()
    try:
        workflow.apply(request, context, name, comment=request.POST.get("comment", ""))
    except WorkflowError as error:
        message = _("This step is not possible now (a reason may be required).")
        raise HTTPBadRequest(request.localizer.translate(message)) from error
    request.flash(_("Done: ${step}", mapping={"step": request.localizer.translate(step.title)}))
    return HTTPSeeOther(request.route_path("content.view", id=context.id))


@view_config(route_name="translations", renderer="portal:templates/translations.jinja2",
             permission="translate.list")
def translation_queue(request):
    """Content whose translations are missing or outdated and the viewer may translate."""
    contents = request.dbsession.scalars(
        select(Content).where(of_active_centres(Content))
        .order_by(Content.modified.desc()).limit(200)
    ).all()
    rows = []
    for content in contents:
        if not request.has_permission("translate", bind_content(request, content)):
            continue
        missing = [code for code in LANGUAGES if code not in content.texts]
        outdated = [code for code in content.texts if content.is_outdated(code)]
        if missing or outdated:
            rows.append({"content": content, "missing": missing, "outdated": outdated,
                         "title": content.source_text.title if content.source_text else ""})
    return {"rows": rows}
