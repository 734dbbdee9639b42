"""Priorities of notices (their categories are the core's shared vocabulary)."""
from .i18n import _

PRIORITIES = {"normal": _("Normal"), "important": _("Important"), "urgent": _("Urgent")}
PRIORITY_ORDER = {"urgent": 0, "important": 1, "normal": 2}
