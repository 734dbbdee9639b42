"""Form views on deform 3: the form HTML is placed in a Jinja2 page, errors are translated.

Deform's renderer is shared (its template cache is costly to build); what is per request is the
translator, passed into every template call, so validation messages come out in the reader's
language, including colander's and deform's own (see ``locale/*/LC_MESSAGES/{colander,deform}.po``).
"""
import copy
from importlib.resources import files
from pathlib import Path
from threading import Lock

import colander
import deform
from babel.numbers import format_decimal
from deform.template import ZPTRendererFactory, default_dir
from pyramid.csrf import get_csrf_token
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED

from .i18n import _, babel_locale, html_lang


class RequestRenderer:
    """Deform renderer bound to one request's localizer."""

    def __init__(self, factory, request):
        self.factory = factory
        self.request = request

    def translate(self, term):
        return self.request.localizer.translate(term)

    def _chameleon_translate(self, msgid, domain=None, mapping=None, context=None,
                             target_language=None, default=None):
        if hasattr(msgid, "interpolate") and getattr(msgid, "domain", None):
            return self.translate(msgid)
        text = self.request.localizer.translate(msgid, domain=domain or "deform", mapping=mapping)
        if text == msgid and default is not None:
            return self.request.localizer.translate(default, mapping=mapping)
        return text

    def __call__(self, template_name, **kw):
        kw.setdefault("translate", self._chameleon_translate)
        return self.factory(template_name, **kw)


class SerialCompilingRenderer(ZPTRendererFactory):
    """Deform's renderer, compiling each template once, in one thread at a time.

    Chameleon compiles a template at its first use with ``ast.parse``, which CPython 3.11 does
    not run safely in two threads at once ("AST constructor recursion depth mismatch"): the
    first forms a freshly started portal serves in parallel would fail with a 500.
    """

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.lock = Lock()
        self.compiled = set()

    def load(self, template_name):
        if template_name in self.compiled:
            return super().load(template_name)  # the loader's cached, compiled template
        with self.lock:  # the loader's cache is not thread-safe either
            template = super().load(template_name)
            template.cook_check()
            self.compiled.add(template_name)
            return template


@colander.deferred
def deferred_csrf_token(node, kw):
    return get_csrf_token(kw["request"])


class CSRFSchema(colander.MappingSchema):
    """Base schema of every form: Pyramid checks the token before any view runs."""

    csrf_token = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), default=deferred_csrf_token,
        missing=colander.drop,
    )


class Refused(Exception):
    """Raised by ``success`` when valid input cannot be acted on now (a workflow guard said
    no): the form comes back with ``message``, every value kept, status 400."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def field_error(schema, message, *path):
    """An error for a schema validator to raise, shown next to the field at ``path`` (names
    from the schema down), not only at the top of the form."""
    top = colander.Invalid(schema)
    parent, node = top, schema
    for depth, name in enumerate(path, 1):
        child = node[name]
        error = colander.Invalid(child, message if depth == len(path) else None)
        parent.add(error, pos=node.children.index(child))
        parent, node = error, child
    return top


def length_limit(node):
    """The most characters a node's ``colander.Length`` validator allows (also inside
    ``colander.All``), or None."""
    validators = [node.validator]
    limits = []
    while validators:
        validator = validators.pop()
        if isinstance(validator, colander.All):
            validators.extend(validator.validators)
        elif isinstance(validator, colander.Length) and validator.max is not None:
            limits.append(validator.max)
    return min(limits, default=None)


#: widgets whose input is typed text: they show their length limit
TYPED = (deform.widget.TextInputWidget, deform.widget.TextAreaWidget)
#: widgets showing the browser's own date and time pickers, told the page's language
PICKERS = (deform.widget.DateInputWidget, deform.widget.DateTimeInputWidget,
           deform.widget.TimeInputWidget)


def describe_fields(form, request):
    """Tell every field what the reader should know before and after submitting.

    A typed field gets ``maxlength`` from its ``Length`` validator and a visible, translated
    limit (``static/js/forms.js`` counts down while typing); a field in error gets
    ``aria-invalid`` (Bootstrap's ``is-invalid`` comes with deform's ``error_class``) and is
    described by its message; date and time pickers get the page's ``lang``. Widgets are
    shared by every form built from a schema class, so each field gets its own copy.
    """
    for field in form.children:
        describe_fields(field, request)
        widget = field.widget
        attributes = dict(getattr(widget, "attributes", None) or {})
        described = []
        if field.error is not None and not widget.hidden:
            attributes["aria-invalid"] = "true"
            described.append(f"error-{field.oid}")
        limit = length_limit(field.schema) if isinstance(widget, TYPED) else None
        if limit is not None:
            attributes.setdefault("maxlength", str(limit))
            count = format_decimal(int(attributes["maxlength"]),
                                   locale=babel_locale(request.locale_name))
            field.limit_hint = request.localizer.translate(
                _("At most ${count} characters", mapping={"count": count}))
            described.append(f"limit-{field.oid}")
        if field.description and not widget.hidden:
            described.append(f"help-{field.oid}")
        if described:
            attributes["aria-describedby"] = " ".join(described)
        if isinstance(widget, PICKERS):
            attributes["lang"] = html_lang(request.locale_name)
        if attributes != (getattr(widget, "attributes", None) or {}):
            field.widget = copy.copy(widget)
            field.widget.attributes = attributes
            if isinstance(widget, deform.widget.DateTimeInputWidget):  # two inputs: both told
                field.widget.date_attributes = field.widget.time_attributes = attributes
    return form


class FormView:
    """Render a form, validate a POST, call ``success(appstruct)``; re-render on errors.

    Subclasses set ``schema_factory`` (a CSRFSchema subclass, referenced by class), ``title``,
    and ``success``; ``appstruct()`` gives the initial values. Invalid input is answered with
    the form again, every value kept and errors next to their fields, status 400 (which never
    commits: ``tm.commit_veto``). ``render`` places the form HTML in a page; override it to put
    the form in another page (see the workflow transitions).
    """

    schema_factory = CSRFSchema
    template = "portal:templates/form.jinja2"
    button_title = _("Save")
    title = ""
    cancel_url = None
    formid = "deform"
    action = ""  # where the form posts: its own address
    inline = False  # a compact form on one line: a button and a field or two, labels hidden

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def bind_kw(self):
        """What the schema's deferred values see (``colander.deferred``, ``node.bindings``)."""
        return {"request": self.request, "context": self.context}

    def schema(self):
        return self.schema_factory().bind(**self.bind_kw())

    def buttons(self):
        return [deform.Button("save", self.request.localizer.translate(self.button_title))]

    def form(self):
        renderer = RequestRenderer(self.request.registry["deform_renderer"], self.request)
        form = deform.Form(self.schema(), buttons=self.buttons(), renderer=renderer,
                           formid=self.formid, action=self.action)
        if self.inline:
            form.widget = deform.widget.FormWidget(template="inline_form")
        return form

    def appstruct(self):
        return {}

    def initial_values(self):
        """``appstruct()`` with empty database values (None) shown as empty fields."""
        return {key: colander.null if value is None else value
                for key, value in self.appstruct().items()}

    def render(self, form_html, form, status=200):
        values = {"form": form_html, "title": self.title, "view": self,
                  "resources": form.get_widget_resources()}
        response = render_to_response(self.template, values, request=self.request)
        response.status_int = status
        return response

    def __call__(self):
        form = self.form()
        if self.request.method == "POST":
            try:
                appstruct = form.validate(list(self.request.POST.items()))
            except deform.ValidationFailure as failure:
                # every value typed is kept; errors are shown next to their fields
                describe_fields(form, self.request)
                return self.render(failure.render(), form, status=400)
            try:
                result = self.success(appstruct)
            except Refused as refused:
                return self.refuse(form, refused.message)
            if result is not None:
                return result
        describe_fields(form, self.request)
        return self.render(form.render(self.initial_values()), form)

    def success(self, appstruct):
        """Act on valid input; return a response (usually a redirect). Every form defines it."""
        raise NotImplementedError(f"{type(self).__name__} must define success()")

    def refuse(self, form, message):
        """Answer valid input that cannot be acted on (see :class:`Refused`) like invalid
        input: the form again with ``message``, every value kept, status 400."""
        error = colander.Invalid(form.schema, message)
        form.widget.handle_error(form, error)
        describe_fields(form, self.request)
        return self.render(deform.ValidationFailure(form, form.cstruct, error).render(), form,
                           status=400)

    def redirect(self, url, message=None):
        if message:
            self.request.flash(message)
        return HTTPSeeOther(url)


def field_values(appstruct):
    """The values of a form's fields, without the CSRF token."""
    return {name: value for name, value in appstruct.items() if name != "csrf_token"}


class AddFormView(FormView):
    """A form that creates an object: ``add(appstruct)`` makes it (by default ``factory`` called
    with the form's values, added to the session); then the browser goes to
    ``success_url(obj)`` with ``success_message``."""

    factory = None
    success_message = _("Saved.")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.object = None  # the new object, once added

    def bind_kw(self):
        return {**super().bind_kw(), "object": None}

    def add(self, appstruct):
        obj = self.factory(**field_values(appstruct))
        self.request.dbsession.add(obj)
        return obj

    def success_url(self, obj):
        raise NotImplementedError(f"{type(self).__name__} must define success_url(obj)")

    def success(self, appstruct):
        self.object = self.add(appstruct)
        self.request.dbsession.flush()  # its id, for the address to go to
        return self.redirect(self.success_url(self.object), self.success_message)


class EditFormView(FormView):
    """A form that edits ``self.object``: the context, or what ``edited()`` returns. The form
    starts from ``appstruct()`` (by default the object's attributes named like the schema's
    fields) and ``edit(appstruct)`` sets them back; then the browser goes to ``success_url()``
    with ``success_message``."""

    success_message = _("Saved.")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.object = self.edited()

    def edited(self):
        return self.context

    def bind_kw(self):
        return {**super().bind_kw(), "object": self.object}

    def field_names(self):
        return [node.name for node in self.schema().children if node.name != "csrf_token"]

    def appstruct(self):
        return {name: getattr(self.object, name) for name in self.field_names()}

    def edit(self, appstruct):
        for name, value in field_values(appstruct).items():
            setattr(self.object, name, value)

    def success_url(self):
        raise NotImplementedError(f"{type(self).__name__} must define success_url()")

    def success(self, appstruct):
        self.edit(appstruct)
        return self.redirect(self.success_url(), self.success_message)


def includeme(config):
    # ours first: widgets whose inline scripts the Content-Security-Policy would refuse, and a
    # compact form for a button with a field or two (``inline``)
    ours = [str(Path(__file__).with_name("deform_templates")),
            str(files("portal") / "templates" / "deform")]
    config.registry["deform_renderer"] = SerialCompilingRenderer(
        (*ours, default_dir), auto_reload=False, translator=None
    )
    config.add_static_view("deform", "deform:static", permission=NO_PERMISSION_REQUIRED,
                           cache_max_age=3600)
