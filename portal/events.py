"""Events the core publishes through ``registry.notify``; plugins subscribe with
``config.add_subscriber(callback, EventClass)``. Plugins meet through these, never by importing
each other: an election announces its phases with :class:`Announcement`, and the notice board
turns announcements into notices.
"""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional


@dataclass
class ContentEvent:
    content: Any
    request: Any


@dataclass
class ContentAdded(ContentEvent):
    """A content item was created (it has an id)."""


@dataclass
class ContentModified(ContentEvent):
    """The text (in ``language``) or the fields of a content item changed."""

    language: Optional[str] = None
    minor: bool = False


@dataclass
class ContentTransitioned(ContentEvent):
    """A workflow step ran: ``from_state`` -> ``content.state`` through ``transition``."""

    transition: Any = None
    from_state: str = ""
    comment: str = ""


@dataclass
class ContentRemoved(ContentEvent):
    """A content item is about to be deleted (still readable while subscribers run)."""


@dataclass
class Announcement:
    """Something residents of a centre should be told (on notice boards, at kiosks).

    ``texts`` maps a language code to ``{"title": ..., "summary": ..., "body": ...}`` and must hold
    ``source_language``. ``key`` names the announcement (e.g. ``"elections:12:voting"``): announcing
    the same key again updates what was announced instead of repeating it. ``centre_id`` None
    means every centre.
    """

    request: Any
    key: str
    centre_id: Optional[int]
    texts: dict
    source_language: str
    category: str = "general"
    priority: str = "normal"
    valid_from: Optional[datetime] = None
    valid_until: Optional[datetime] = None
    extra: dict = field(default_factory=dict)
