"""Form views on deform 3: the form HTML is placed in a Jinja2 page, errors are translated.

Deform's renderer is shared (its template cache is costly to build); what is per request is the
translator, passed into every template call, so validation messages come out in the reader's
language, including colander's and deform's own (see ``locale/*/LC_MESSAGES/{colander,deform}.po``).
"""
from pathlib import Path
from threading import Lock

import colander
import deform
from deform.template import ZPTRendererFactory, default_dir
from pyramid.csrf import get_csrf_token
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED

from .i18n import _


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


class FormView:
    """Render a form, validate a POST, call ``success(appstruct)``; re-render on errors.

    Subclasses set ``schema_factory`` (a CSRFSchema subclass), ``title``, and ``success``;
    ``appstruct()`` gives the initial values.
    """

    schema_factory = CSRFSchema
    template = "portal:templates/form.jinja2"
    button_title = _("Save")
    title = ""
    cancel_url = None

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def schema(self):
        return self.schema_factory().bind(request=self.request, context=self.context)

    def form(self):
        renderer = RequestRenderer(self.request.registry["deform_renderer"], self.request)
        button = deform.Button("save", self.request.localizer.translate(self.button_title))
        return deform.Form(self.schema(), buttons=(button,), renderer=renderer)

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
                return self.render(failure.render(), form, status=400)
            result = self.success(appstruct)
            if result is not None:
                return result
        return self.render(form.render(self.initial_values()), form)

    def success(self, appstruct):
        """Act on valid input; return a response (usually a redirect). Every form defines it."""
        raise NotImplementedError(f"{type(self).__name__} must define success()")

    def redirect(self, url, message=None):
        if message:
            self.request.flash(message)
        return HTTPSeeOther(url)


def includeme(config):
    # ours first: widgets whose inline scripts the Content-Security-Policy would refuse
    ours = str(Path(__file__).with_name("deform_templates"))
    config.registry["deform_renderer"] = SerialCompilingRenderer(
        (ours, default_dir), auto_reload=False, translator=None
    )
    config.add_static_view("deform", "deform:static", permission=NO_PERMISSION_REQUIRED,
                           cache_max_age=3600)
