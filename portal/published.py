"""What an anonymous reader sees of a content item, kept without the ORM.

Residents and kiosks read ``/content/<id>`` far more often than staff change it. For them the
item is a :class:`PublishedItem`: its columns and its texts as plain values, taken from the ORM
row once and kept by the change counters (:func:`~portal.caching.kept`), so a page that misses
the page cache (another language, the cache full) is rendered without a query and without
building ORM objects (under waitress those were most of the page's cost). Staff, and every
other route, get the ORM row as before.

The item has the same ACL as the row (its workflow state's, see ``resources.bind_content``)
and is kept exactly as long as a stored page: a change a reader could see moves a counter. A
content type whose class defines ``__acl__`` itself is never read this way: its rule may look
at more than the columns.
"""
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import inspect

from .caching import is_anonymous, kept
from .models.texts import Translatable
from .rendering import render_markdown


@dataclass(frozen=True)
class PublishedText:
    """One language's text: the fields by name, as a text row gives them."""

    language: str
    source_revision: int
    fields: dict

    def __getattr__(self, name):  # only for names that are not attributes: the text's fields
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def html(self, name):
        stored = self.fields.get(f"{name}_html")
        return Markup(stored) if stored is not None else render_markdown(self.fields[name])


class PublishedItem:
    """A content item's columns (``id``, ``type``, ``state``, ``centre_id``, ``modified``...),
    its ``texts`` by language, and the text choice of the ORM model (``text_for``,
    ``is_outdated``). Bound to a request like a row (``__acl__``, ``__parent__``,
    ``workflow``, ``centre``): a fresh object per request, the values shared."""

    text_for = Translatable.text_for
    is_outdated = Translatable.is_outdated
    source_text = Translatable.source_text

    def __init__(self, values, texts):
        self.__dict__.update(values)
        self.texts = texts

    @classmethod
    def snapshot(cls, content):
        """``(values, texts)`` of an ORM row: what :class:`PublishedItem` is made of."""
        mapper = inspect(content).mapper
        values = {attr.key: getattr(content, attr.key) for attr in mapper.column_attrs}
        names = [column.key for column in content.Text.__table__.columns]
        texts = {language: PublishedText(language, text.source_revision,
                                         {name: getattr(text, name) for name in names})
                 for language, text in content.texts.items()}
        return values, texts


def reads_published(request):
    """An anonymous reader's view of a content page (``/content/<id>``, GET or HEAD): read as
    a :class:`PublishedItem` (for a type whose ACL comes from its workflow)."""
    route = request.matched_route
    return route is not None and route.name == "content.view" and \
        request.method in ("GET", "HEAD") and is_anonymous(request)


KEY = "portal.published"


def kept_item(request, content_id, load_row):
    """The kept ``(type, values, texts)`` of an item, or None when there is no such item;
    ``load_row()`` reads the ORM row on a miss."""
    def load():
        content = load_row()
        if content is None:
            return None
        return (content.type, *PublishedItem.snapshot(content))

    # every counter: an item may move between centres, and its key must not depend on them
    return kept(request, content_id, None, load, store=KEY)


def item_size(found):
    """About the bytes a kept item holds: its texts (the rest is a few columns)."""
    if found is None:
        return 64
    _type, values, texts = found
    return 512 + sum(len(value) for text in texts.values() for value in text.fields.values()
                     if isinstance(value, str))

