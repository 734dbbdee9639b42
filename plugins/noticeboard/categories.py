"""The categories of notices, each with a pictogram (``static/pictograms/<key>.svg``)."""
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from .i18n import _

CATEGORIES = {
    "food": _("Food"),
    "health": _("Health"),
    "legal": _("Legal help"),
    "asylum": _("Asylum procedure"),
    "transport": _("Transport"),
    "education": _("Education"),
    "child_protection": _("Child protection"),
    "safety": _("Safety"),
    "activities": _("Activities"),
    "general": _("General"),
}
PRIORITIES = {"normal": _("Normal"), "important": _("Important"), "urgent": _("Urgent")}
PRIORITY_ORDER = {"urgent": 0, "important": 1, "normal": 2}


@lru_cache(maxsize=None)
def pictogram(static_dir, key):
    """The category's SVG, inlined so it takes the text colour (and high contrast) of the page."""
    path = Path(static_dir) / "pictograms" / f"{key if key in CATEGORIES else 'general'}.svg"
    return Markup(path.read_text(encoding="utf-8"))
