"""Views every content type shares: read, edit the source text, translate, change state."""
import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from ..caching import public_page
from ..events import ContentAdded, ContentModified, ContentRemoved
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, fallback_chain, html_lang
from ..models import Content
from ..rendering import render_markdown
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


@view_config(route_name="content.view", request_method="GET", context=Content,
             renderer="portal:templates/content.jinja2", permission="view",
             decorator=public_page())
def view_content(context, request):
    return {"shown": localized(request, context),
            "transitions": context.workflow.allowed_transitions(request, context)
            if context.workflow else []}


def text_nodes(fields, attributes=None):
    """Form fields for a translatable model's ``TextField``s; ``attributes`` (``lang``/``dir``)
    go on every input, so what is typed shows in its own script and direction."""
    nodes = []
    for field in fields:
        attrs = dict(attributes or {})
        if field.max_length:
            attrs["maxlength"] = str(field.max_length)  # the limit is visible while typing
        widget = (deform.widget.TextAreaWidget(rows=field.rows, attributes=attrs) if field.rows
                  else deform.widget.TextInputWidget(attributes=attrs))
        kw = {"validator": colander.Length(min=2 if field.required else 0,
                                           max=field.max_length)}
        if not field.required:
            kw["missing"] = ""
        nodes.append(colander.SchemaNode(colander.String(), name=field.name, title=field.title,
                                         description=field.description, widget=widget, **kw))
    return nodes


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
    for node in text_nodes(info.factory.__text_fields__):
        schema.add(node)
    return schema


def text_values(obj, values):
    """The values of ``obj``'s text fields found in ``values`` (a form's appstruct, a row)."""
    return {field.name: values.get(field.name, "") for field in obj.__text_fields__}


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
        content.set_text(content.source_language, translator=self.request.user, minor=minor,
                         **text_values(content, appstruct))


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
            values.update(text_values(self.context, vars(source)))
        return values

    def success(self, appstruct):
        self.apply(self.context, appstruct, minor=appstruct["minor"])
        self.request.registry.notify(ContentModified(self.context, self.request,
                                                     self.context.source_language,
                                                     appstruct["minor"]))
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
            self.request.registry.notify(ContentAdded(content, self.request))
            return self.redirect(self.request.route_path("content.view", id=content.id),
                                 _("Created as a draft."))

    return AddContentView


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
        if error.reason is not None:  # a guard said why: show it on the item, change nothing
            request.flash(error.reason, "danger")
            return HTTPSeeOther(request.route_path("content.view", id=context.id))
        message = _("This step is not possible now (a reason may be required).")
        raise HTTPBadRequest(request.localizer.translate(message)) from error
    request.flash(_("Done: ${step}", mapping={"step": request.localizer.translate(step.title)}))
    return HTTPSeeOther(request.route_path("content.view", id=context.id))


@view_config(route_name="content.delete", context=Content, permission="delete",
             renderer="portal:templates/content_delete.jinja2")
def delete_content(context, request):
    """Ask, then delete: subscribers hear ``ContentRemoved`` while the item still exists."""
    if request.method == "POST":
        request.registry.notify(ContentRemoved(context, request))
        centre = context.centre
        request.dbsession.delete(context)
        request.flash(_("Deleted."))
        target = request.route_path("centre", centre=centre.slug) if centre is not None \
            else request.route_path("home")
        return HTTPSeeOther(target)
    return {"shown": localized(request, context)}
