"""A language's translation queue out to a file and back (see ``translation_files``).

An export holds, for every object of the queue the viewer may translate, each text field of its
source with the translation as it is now. An import checks every object of the file before
writing it: the file must be for the object's current source revision, every placeholder of the
source must be in the translation, and the translation must not have been written since the
export (then it is a *conflict* the translator resolves in the translation form). What passes is
written; the report says what was applied, unchanged, in conflict or wrong.
"""
from collections import namedtuple
from dataclasses import dataclass, field
from typing import Any

from .events import ContentModified
from .i18n import _, direction, html_lang
from .models import Content
from .translation_files import Unit, placeholders
from .translation_queue import (QueueFilter, active_centres, desk_objects, may_translate,
                                queue_query)

CHUNK = 400
QueueRow = namedtuple("QueueRow", "kind id")  # as the queue's rows: index of the kind, id


def default_source_language(request):
    """What an export translates from unless told: the portal's default language."""
    return request.registry.settings.get("pyramid.default_locale_name", "en")


def base_of(obj, language):
    """When the translation in ``language`` was last written (microseconds), "" for none."""
    text = obj.texts.get(language)
    return str(int(text.updated.timestamp() * 1_000_000)) if text is not None else ""


def queue_objects(request, language, source_language=None):
    """``[(kind name, object)]`` of the whole queue of ``language`` the viewer may translate,
    in the desk's order (read a chunk at a time)."""
    kinds = list(request.registry.portal.translatables.values())
    centres = active_centres(request)
    query = queue_query(request, kinds, QueueFilter(language=language))
    found, offset = [], 0
    while True:
        chunk = request.dbsession.execute(query.offset(offset).limit(CHUNK)).all()
        objects = desk_objects(request, kinds, chunk)
        for row, obj, ok in zip(chunk, objects, may_translate(request, objects, centres)):
            if ok and (source_language is None or obj.source_language == source_language):
                found.append((kinds[row.kind].name, obj))
        if len(chunk) < CHUNK:
            return found
        offset += CHUNK


def export_units(request, language, source_language=None):
    units = []
    for kind, obj in queue_objects(request, language, source_language):
        source, target = obj.source_text, obj.texts.get(language)
        if source is None:
            continue
        for text_field in obj.__text_fields__:
            value = getattr(source, text_field.name) or ""
            if value.strip():
                units.append(Unit(kind, obj.translation_id, text_field.name, obj.revision,
                                  base_of(obj, language), value,
                                  getattr(target, text_field.name, "") if target else "",
                                  label=obj.translation_label))
    return units


@dataclass
class Outcome:
    """What an import did with one object of the file."""

    kind: str
    object_id: int
    label: str = ""
    label_lang: str = ""  # the label is in the object's source language
    label_dir: str = "ltr"
    centre: str = ""
    url: str = ""
    reason: Any = None  # why it was not applied (translatable)
    imported: dict = field(default_factory=dict)  # field -> the file's translation


@dataclass
class ImportReport:
    language: str
    applied: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def import_units(request, language, units, url_for):
    """Check and write ``units`` (translations into ``language``); return the report.
    ``url_for(obj, kind)`` is where the translator resolves a conflict."""
    report = ImportReport(language)
    grouped = {}
    for unit in units:
        grouped.setdefault(unit.key, []).append(unit)
    found = file_objects(request, list(grouped))
    for (kind, object_id), group in grouped.items():
        outcome = Outcome(kind, object_id, imported={u.field: u.target for u in group})
        obj, centre = found.get((kind, object_id), (None, None))
        if obj is None or language == obj.source_language:
            outcome.reason = _("Not found, or you may not translate it.")
            report.errors.append(outcome)
            continue
        outcome.label = obj.translation_label
        outcome.label_lang = html_lang(obj.source_language)
        outcome.label_dir = direction(obj.source_language)
        outcome.centre = centre.name if centre is not None else ""
        outcome.url = url_for(obj, kind)
        fields = {f.name: f for f in obj.__text_fields__}
        if any(u.field not in fields for u in group):
            outcome.reason = _("The file names a text this item does not have.")
            report.errors.append(outcome)
            continue
        current = obj.texts.get(language)
        values = {name: getattr(current, name, "") or "" if current else "" for name in fields}
        if all(u.target == values[u.field] for u in group):
            # nothing translated, or an outdated text sent back as it was: it stays outdated
            report.unchanged.append(outcome)
            continue
        problem = check_units(obj, fields, [u for u in group if u.target != values[u.field]])
        values.update({u.field: u.target for u in group})
        if problem is not None:
            outcome.reason = problem
            report.errors.append(outcome)
            continue
        if any(u.revision != obj.revision for u in group):
            outcome.reason = _("The source text changed after the file was made.")
            report.conflicts.append(outcome)
            continue
        if any(u.base != base_of(obj, language) for u in group):
            outcome.reason = _("Someone changed this translation after the file was made.")
            report.conflicts.append(outcome)
            continue
        missing = [f.name for f in fields.values() if f.required and not values[f.name].strip()]
        if missing:
            outcome.reason = _("A required text is empty.")
            report.errors.append(outcome)
            continue
        obj.set_text(language, translator=request.user, **values)
        if isinstance(obj, Content):
            request.registry.notify(ContentModified(obj, request, language))
        report.applied.append(outcome)
    return report


def file_objects(request, keys):
    """``(kind name, id) -> (object, its centre)`` for the objects a file names that exist and
    the viewer may translate: a query per kind, their permissions checked together."""
    kinds = list(request.registry.portal.translatables.values())
    number = {info.name: index for index, info in enumerate(kinds)}
    rows = [QueueRow(number[kind], ident) for kind, ident in keys if kind in number]
    objects = desk_objects(request, kinds, rows)
    centres = active_centres(request)
    return {(kinds[row.kind].name, row.id): (obj, centres.get(obj.translation_centre_id))
            for row, obj, ok in zip(rows, objects, may_translate(request, objects, centres))
            if ok}


def check_units(obj, fields, group):
    """Why the file's units of ``obj`` (those that change its text) cannot be used, or None."""
    source = obj.source_text
    for unit in group:
        text_field = fields[unit.field]
        original = getattr(source, unit.field, "") if source is not None else ""
        if unit.target and placeholders(unit.target) != placeholders(original):
            return _("The translation's placeholders differ from the source's.")
        if text_field.max_length and len(unit.target) > text_field.max_length:
            return _("A text is longer than its limit of ${limit} characters.",
                     mapping={"limit": text_field.max_length})
    return None
