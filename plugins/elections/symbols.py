"""The candidates' symbols: 20 simple pictograms, distinct in shape, so that a voter who reads
little recognises their candidate on the ballot. One symbol per candidate within a contest."""
from importlib import resources

from markupsafe import Markup

from .i18n import _

SYMBOLS = {
    "sun": _("Sun"), "moon": _("Moon"), "star": _("Star"), "tree": _("Tree"),
    "flower": _("Flower"), "house": _("House"), "boat": _("Boat"), "fish": _("Fish"),
    "bird": _("Bird"), "heart": _("Heart"), "key": _("Key"), "cup": _("Cup"),
    "book": _("Book"), "apple": _("Apple"), "umbrella": _("Umbrella"), "bell": _("Bell"),
    "leaf": _("Leaf"), "mountain": _("Mountain"), "lamp": _("Lamp"), "hand": _("Hand"),
}

_CACHE = {}


def symbol_svg(name):
    """The symbol as inline SVG (it takes the text colour)."""
    if name not in _CACHE:
        path = resources.files(__package__) / "static" / "symbols" / f"{name}.svg"
        _CACHE[name] = Markup(path.read_text() if name in SYMBOLS else "")
    return _CACHE[name]


def free_symbols(contest, keep=None):
    taken = {c.symbol for c in contest.candidates if c.symbol != keep}
    return [name for name in SYMBOLS if name not in taken]
