"""What staff decide on, in words: a content item's own fields (its type's ``edit_schema``) as
the reader reads them, its author and its languages. Shown on the content page to whoever may
edit it or take a workflow step, never to residents (the author is personal data)."""
from datetime import time

import colander
import deform

from ..fields import LocalDateTime
from ..i18n import LANGUAGES, _, babel_locale


def shown_value(request, api, node, value):
    """``value`` of the model as the reader reads it: a choice by its label, a time in the
    centre's time zone and the reader's language; None when empty."""
    if value is None or value == "" or value is colander.null:
        return None
    if isinstance(node.typ, LocalDateTime):  # the day and the minute, in the centre's zone
        locale = babel_locale(api.lang)
        return str(locale.datetime_formats["medium"]).format(
            api.format_time(value, "short"), api.format_date(value, "full"))
    if isinstance(value, time):
        return api.format_time(value)
    if isinstance(node.typ, colander.Boolean):
        return request.localizer.translate(_("Yes") if value else _("No"))
    cstruct = node.serialize(value)
    choices = getattr(node.widget, "values", None)
    if choices:
        labels = dict(choices)
        chosen = cstruct if isinstance(cstruct, (list, tuple, set)) else [cstruct]
        shown = [request.localizer.translate(labels.get(item, item)) for item in chosen]
        return ", ".join(shown) or None
    if isinstance(node.typ, colander.Integer):
        return api.format_number(value)
    return str(cstruct)


def decision_facts(request, api, content):
    """``fields`` (title, value or None), ``author``, ``languages`` present, ``missing`` and
    ``outdated``, and what only the type knows (a picture): ``details(request, content)``
    rendered by its ``details_template`` (``add_content_type``)."""
    info = request.registry.portal.content_types[content.type]
    fields = []
    if info.edit_schema is not None:
        schema = info.edit_schema().bind(request=request, context=content)
        for node in schema.children:
            if isinstance(node.widget, deform.widget.HiddenWidget):
                continue
            fields.append((node.title, shown_value(request, api, node,
                                                   getattr(content, node.name, None))))
    details = info.details(request, content) if info.details else None
    return {
        "fields": fields,
        "author": content.owner,
        "languages": [(code, name) for code, name in LANGUAGES.items() if code in content.texts],
        "missing": [(code, name) for code, name in LANGUAGES.items()
                    if code not in content.texts],
        "outdated": [(code, name) for code, name in LANGUAGES.items()
                     if code in content.texts and content.is_outdated(code)],
        "timezone": api.timezone.key,
        "details": details,
        # where to read it as residents do in another language: the type's own page for it,
        # else the core's
        "preview_url": (details or {}).get("preview_url") or request.route_path(
            "content.preview", id=content.id),
        "languages_all": LANGUAGES,
        "details_template": info.details_template,
        "plugin": info.plugin,
    }
