"""The shared vocabulary of categories (food, health, legal help...), each with a pictogram.

Registered with ``config.add_category``; notices, meeting concerns and activities use the same
set, so they line up for residents and staff. A pictogram is an SVG file inlined into the page
so that it takes the text colour (high contrast at the kiosk); it is always shown with its label.
"""
from functools import lru_cache

import colander
import deform
from markupsafe import Markup
from pyramid.path import AssetResolver

FALLBACK = "general"


def categories(registry):
    """The registered categories, in order (``Category`` records)."""
    return list(registry.portal.categories.values())


def category(registry, name):
    """The category ``name``, or the fallback one for an unknown or retired name."""
    found = registry.portal.categories
    return found.get(name) or found.get(FALLBACK) or next(iter(found.values()))


@lru_cache(maxsize=None)
def _svg(abspath):
    with open(abspath, encoding="utf-8") as svg:
        return Markup(svg.read())


def pictogram(registry, name):
    """The category's pictogram as inline SVG markup."""
    spec = category(registry, name).pictogram
    return _svg(AssetResolver().resolve(spec).abspath())


@colander.deferred
def category_widget(node, kw):
    """A select of the registered categories, labelled in the reader's language."""
    request = kw["request"]
    return deform.widget.SelectWidget(values=[
        (c.name, request.localizer.translate(c.title)) for c in categories(request.registry)])


@colander.deferred
def category_validator(node, kw):
    return colander.OneOf([c.name for c in categories(kw["request"].registry)])
