"""Views every content type shares: read, edit the source text, translate, change state."""
import colander
import deform
from markupsafe import Markup
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.view import view_config

from ..caching import public_page
from ..events import ContentAdded, ContentModified, ContentRemoved
from ..forms import (AddFormView, CSRFSchema, EditFormView, FormView, Refused,
                     describe_fields)
from ..i18n import LANGUAGES, _, direction, fallback_chain, html_lang
from ..models import Content
from ..published import PublishedItem
from ..templating import TemplateAPI
from ..workflow import WorkflowError, returned_reasons
from .facts import decision_facts


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
        "body_html": text.html("body"),
    }


def content_page(request, content, failed=None):
    """What the content page shows: the text, and a form for each step the reader may take;
    ``failed``: ``(transition, form_html)`` of a step refused, shown with its error."""
    steps = content.workflow.allowed_transitions(request, content) if content.workflow else []
    if failed is not None and failed[0] not in steps:
        steps.insert(0, failed[0])
    forms = [Markup(failed[1]) if failed is not None and step is failed[0]
             else TransitionForm(content, request, step).render_empty() for step in steps]
    deciding = bool(steps) or request.has_permission("edit", content)
    return {"shown": localized(request, content), "transition_forms": forms,
            # residents never see it: no query for them
            "returned_reason": returned_reasons(request, [content]).get(content.id)
            if request.user is not None else None,
            "facts": decision_facts(request, TemplateAPI(request, content), content)
            if deciding else None}


@view_config(route_name="content.view", request_method="GET", context=Content,
             renderer="portal:templates/content.jinja2", permission="view",
             decorator=public_page())
@view_config(route_name="content.view", request_method="GET", context=PublishedItem,
             renderer="portal:templates/content.jinja2", permission="view",
             decorator=public_page())
def view_content(context, request):
    """The item in the reader's language; an anonymous reader's is a ``PublishedItem``
    (``portal/published.py``): the same page, read without a query."""
    return content_page(request, context)


@view_config(route_name="content.preview", request_method="GET", context=Content,
             renderer="portal:templates/content_preview.jinja2", permission="view")
def preview_content(context, request):
    """The item as residents read it in ``?language=xx``, inside the staff member's own pages:
    their interface language stays (``language`` is not ``lang``: no cookie is set)."""
    lang = request.GET.get("language")
    if lang not in LANGUAGES:
        lang = request.locale_name
    return {"shown": localized(request, context, lang), "language": lang,
            "languages": LANGUAGES, "direction": direction(lang), "tag": html_lang(lang)}


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

    The fields of a type's ``edit_schema`` are copied as they are, by name: a field that needs
    converting (local time, a set kept as text) does it in its colander type.
    """

    def type_field_names(self):
        info = self.info
        return [n.name for n in info.edit_schema().children] if info.edit_schema else []

    def type_values(self, content):
        return {name: getattr(content, name) for name in self.type_field_names()}

    def apply(self, content, appstruct, minor=False):
        for name in self.type_field_names():
            setattr(content, name, appstruct[name])
        content.set_text(content.source_language, translator=self.request.user, minor=minor,
                         **text_values(content, appstruct))


@view_config(route_name="content.edit", context=Content, permission="edit")
class EditContentView(ContentFormMixin, EditFormView):
    title = _("Edit")

    @property
    def info(self):
        return self.request.registry.portal.content_types[self.context.type]

    def schema(self):
        schema = build_content_schema(self.request, self.info, EditSchema)
        schema.children.append(schema.children.pop(1))  # "minor edit" after the text
        return schema.bind(**self.bind_kw())

    def appstruct(self):
        values = self.type_values(self.object)
        source = self.object.source_text
        if source is not None:
            values.update(text_values(self.object, vars(source)))
        return values

    def edit(self, appstruct):
        self.apply(self.object, appstruct, minor=appstruct["minor"])
        self.request.registry.notify(ContentModified(self.object, self.request,
                                                     self.object.source_language,
                                                     appstruct["minor"]))

    def success_url(self):
        return self.request.route_path("content.view", id=self.object.id)


def add_content_view(info_name):
    """A view class that adds content of type ``info_name`` to the context's centre."""

    class AddContentView(ContentFormMixin, AddFormView):
        title = _("Add")
        success_message = _("Created as a draft.")

        @property
        def info(self):
            return self.request.registry.portal.content_types[info_name]

        def schema(self):
            return build_content_schema(self.request, self.info, CSRFSchema,
                                        with_source_language=True).bind(**self.bind_kw())

        def appstruct(self):
            return {"source_language": self.request.locale_name}

        def add(self, appstruct):
            info = self.info
            workflow = self.request.registry.portal.workflows[info.workflow]
            content = info.factory(centre_id=self.context.centre_id, state=workflow.initial,
                                   owner_id=self.request.user.id,
                                   source_language=appstruct["source_language"], revision=1)
            self.apply(content, appstruct)
            self.request.dbsession.add(content)
            self.request.dbsession.flush()
            self.request.registry.notify(ContentAdded(content, self.request))
            return content

        def success_url(self, content):
            return self.request.route_path("content.view", id=content.id)

    return AddContentView


@colander.deferred
def comment_missing(node, kw):
    return colander.required if kw["transition"].needs_comment else ""


@colander.deferred
def comment_widget(node, kw):
    if not kw["transition"].needs_comment:
        return deform.widget.HiddenWidget()
    placeholder = kw["request"].localizer.translate(_("Reason"))
    return deform.widget.TextInputWidget(attributes={"placeholder": placeholder})


class TransitionSchema(CSRFSchema):
    """A workflow step: a comment (required when the step needs a reason), and the step must be
    possible now: from the content's state, and allowed by its guard."""

    comment = colander.SchemaNode(colander.String(), title=_("Reason"), missing=comment_missing,
                                  widget=comment_widget, validator=colander.Length(max=1000))
    # the staff list the step was taken from, to go back to (a path of this site only)
    came_from = colander.SchemaNode(colander.String(), missing="",
                                    widget=deform.widget.HiddenWidget())

    def validator(self, node, value):
        request, content = node.bindings["request"], node.bindings["context"]
        transition = node.bindings["transition"]
        if content.state not in transition.from_states:
            raise colander.Invalid(node, NOT_NOW)
        reason = content.workflow.blocked_by(request, content, transition)
        if reason is not None:
            raise colander.Invalid(node, reason)


NOT_NOW = _("This step is not possible now (a reason may be required).")


class TransitionForm(FormView):
    """The form of one workflow step, on the content page; refused, the page comes back with
    the reason beside the step and the comment typed."""

    schema_factory = TransitionSchema
    template = "portal:templates/content.jinja2"
    inline = True

    def __init__(self, context, request, transition):
        super().__init__(context, request)
        self.transition = transition
        self.formid = f"transition-{transition.name}"
        self.action = request.route_path("content.transition", id=context.id,
                                         name=transition.name)
        self.button_title = transition.title

    def bind_kw(self):
        return {**super().bind_kw(), "transition": self.transition}

    def render_empty(self):
        return Markup(describe_fields(self.form(), self.request).render())

    def render(self, form_html, form, status=200):
        values = content_page(self.request, self.context, failed=(self.transition, form_html))
        response = render_to_response(self.template, values, request=self.request)
        response.status_int = status
        return response

    def success(self, appstruct):
        try:
            self.context.workflow.apply(self.request, self.context, self.transition.name,
                                        comment=appstruct["comment"])
        except WorkflowError as error:  # changed meanwhile
            raise Refused(error.reason or NOT_NOW) from error
        title = self.request.localizer.translate(self.transition.title)
        target = appstruct["came_from"] if is_local_path(appstruct["came_from"]) else \
            self.request.route_path("content.view", id=self.context.id)
        return self.redirect(target, _("Done: ${step}", mapping={"step": title}))


def is_local_path(url):
    """A path on this site (``/noticeboard/x/manage?page=2``), never another host's address:
    browsers read ``//host``, ``/\\host`` and ``/<tab>/host`` as another host."""
    return (url.startswith("/") and not url.startswith("//") and "\\" not in url
            and not any(char.isspace() or ord(char) < 32 for char in url))


def content_actions(request, content, came_from=None):
    """What the viewer may do with ``content`` (a bound context), for a row of a staff list:
    ``links`` (edit, translations, delete) and ``steps``, each workflow step the viewer may
    take now, with the address its POST form goes to. ``came_from`` is where a step brings
    the browser back (by default the list's own address)."""
    links = [(_("Edit"), "content.edit", "edit"),
             (_("Translations"), "content.translations", "translate"),
             (_("Delete"), "content.delete", "delete")]
    workflow = content.workflow
    steps = workflow.allowed_transitions(request, content) if workflow else []
    return {
        "content": content,
        "links": [{"title": title, "url": request.route_path(route, id=content.id),
                   "name": permission}
                  for title, route, permission in links
                  if request.has_permission(permission, content)],
        "steps": [{"transition": step, "url": request.route_path(
            "content.transition", id=content.id, name=step.name)} for step in steps],
        "came_from": came_from or request.path_qs,
    }


@view_config(route_name="content.transition", context=Content, request_method="POST",
             permission="view")
def transition(context, request):
    """POST /content/{id}/transition/{name}: only for those holding the step's permission."""
    step = context.workflow.transitions.get(request.matchdict["name"]) \
        if context.workflow else None
    if step is None:
        raise HTTPNotFound()
    if not request.has_permission(step.permission, context):
        raise HTTPForbidden()
    return TransitionForm(context, request, step)()


@view_config(route_name="content.delete", context=Content, permission="delete")
class DeleteContentView(FormView):
    """Ask, then delete: subscribers hear ``ContentRemoved`` while the item still exists."""

    template = "portal:templates/content_delete.jinja2"
    title = button_title = _("Delete")

    @property
    def shown(self):
        return localized(self.request, self.context)

    def success(self, appstruct):
        self.request.registry.notify(ContentRemoved(self.context, self.request))
        centre = self.context.centre
        self.request.dbsession.delete(self.context)
        target = self.request.route_path("centre", centre=centre.slug) if centre is not None \
            else self.request.route_path("home")
        return self.redirect(target, _("Deleted."))
