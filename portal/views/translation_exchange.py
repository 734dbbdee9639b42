"""The translation desk's exchange with translators who work offline: a language's queue as an
XLIFF 2.0 or PO file, and the upload of such a file with its report."""
import colander
from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.view import view_config

from ..fields import FileInputWidget
from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _, direction, html_lang
from ..translation_exchange import default_source_language, export_units, import_units
from ..translation_files import FORMATS, BadFile, read_file
from .translations import edit_url


@view_config(route_name="translations.export", request_method="GET", permission="translate.list")
def export(request):
    """``?language=ar&source=en&format=xliff``: what needs translating from ``source`` into
    ``language`` (the source defaults to the portal's default language)."""
    language = request.GET.get("language")
    source = request.GET.get("source") or default_source_language(request)
    fmt = request.GET.get("format", "xliff")
    if language not in LANGUAGES or source not in LANGUAGES or fmt not in FORMATS:
        raise HTTPNotFound()
    write, _read, extension, mime = FORMATS[fmt]
    units = export_units(request, language, source)
    body = (write(units, html_lang(source), html_lang(language)) if fmt == "xliff"
            else write(units, language))
    response = Response(body=body, content_type=mime, charset="utf-8")
    response.content_disposition = (
        f'attachment; filename="translations-{source}-{language}.{extension}"')
    return response


class TranslationFile(colander.SchemaType):
    """An uploaded XLIFF or PO file, read whole: the value is ``(language, units)``."""

    def serialize(self, node, appstruct):
        return colander.null  # a browser never shows a file back

    def deserialize(self, node, cstruct):
        if cstruct is colander.null or cstruct is None:
            raise colander.Invalid(node, _("Choose a file."))
        try:
            language, units = read_file(cstruct.file.read())
        except BadFile:
            raise colander.Invalid(node, _(
                "This file cannot be read: it is not an XLIFF 2.0 or PO file made by the "
                "translation desk. Nothing was imported."))
        if language not in LANGUAGES:
            raise colander.Invalid(node, _("This file is for a language the portal does not "
                                           "have. Nothing was imported."))
        return language, units


class ImportSchema(CSRFSchema):
    upload = colander.SchemaNode(
        TranslationFile(), title=_("Translation file (XLIFF 2.0 or PO)"),
        widget=FileInputWidget(accept=".xlf,.xliff,.po"),
        description=_("A file downloaded from the translation desk, with your translations."))


@view_config(route_name="translations.import", permission="translate.list")
class ImportView(FormView):
    """Upload a translated file; the answer is the import's report."""

    schema_factory = ImportSchema
    title = _("Upload translations")
    button_title = _("Import")

    def success(self, appstruct):
        language, units = appstruct["upload"]
        report = import_units(self.request, language, units,
                              lambda obj, kind: edit_url(self.request, obj, kind, language))
        return render_to_response("portal:templates/translation_import.jinja2",
                                  {"report": report, "language_name": LANGUAGES[language],
                                   "tag": html_lang(language), "dir": direction(language)},
                                  request=self.request)
