"""Text per language for any model: content, a picture's description, an agenda item, a decision.

A model mixes in :class:`Translatable`, declares a ``source_language`` and a ``revision`` column
and its ``__text_fields__``, and :func:`text_model` makes its text table: one row per language
with the fields, the ``source_revision`` it was translated from, a status and who wrote it. A
translation is *outdated* when its ``source_revision`` is older than the object's ``revision``;
editing the source text bumps the revision unless the edit is *minor*. Register the model with
``config.add_translatable`` and it gets the translation form and a place in the translation desk.

A Markdown field (``TextField(markdown=True)``) is rendered once, when its text is written, into
a ``<name>_html`` column beside it: pages and feeds read the stored HTML and never render it.
"""
from dataclasses import dataclass
from typing import Any, Optional

from sqlalchemy import (ForeignKey, Integer, String, Text, event, exists, func, inspect, or_,
                        select)
from sqlalchemy.orm import mapped_column, relationship, selectinload
from sqlalchemy.orm.collections import attribute_keyed_dict

from markupsafe import Markup

from ..i18n import LANGUAGES, _, first_available
from ..rendering import render_markdown
from .meta import Base, UTCDateTime, utcnow
from .revisions import record_source


@dataclass(frozen=True)
class TextField:
    """One text of a translatable model, as its forms show it."""

    name: str
    title: Any  # a translatable label
    max_length: Optional[int] = None
    required: bool = False
    rows: int = 0  # 0: one line; more: a text area
    description: Any = None
    markdown: bool = False

    def column_type(self):
        return String(self.max_length) if self.max_length and not self.rows else Text

    @property
    def html_column(self):
        """Where a Markdown field keeps its rendered HTML."""
        return f"{self.name}_html"


class Translatable:
    """Behaviour of a model whose texts exist per language (see the module's docstring)."""

    __text_fields__: tuple = ()

    @property
    def source_text(self):
        return self.texts.get(self.source_language)

    def set_text(self, language, *, translator=None, minor=False, status="current", **values):
        """Write the text in ``language``. Editing the source bumps the revision unless ``minor``."""
        unknown = set(values) - {field.name for field in self.__text_fields__}
        if unknown:
            raise TypeError(f"{type(self).__name__} has no text field {', '.join(unknown)}")
        now = utcnow()
        self.revision = self.revision or 1
        if language == self.source_language and not minor and language in self.texts:
            self.revision += 1
        text = self.texts.get(language)
        if text is None:
            text = self.texts[language] = self.Text(language=language)
        for field in self.__text_fields__:
            value = values.get(field.name) or ""
            setattr(text, field.name, value)
            if field.markdown:
                setattr(text, field.html_column, str(render_markdown(value)))
        text.translator_id = translator.id if translator else None
        text.status = status
        text.updated = now
        text.source_revision = self.revision
        if hasattr(self, "modified"):
            self.modified = now
        return text

    def is_outdated(self, language):
        text = self.texts.get(language)
        return bool(text) and language != self.source_language and (
            text.source_revision < self.revision
        )

    def text_for(self, language, chain):
        """``(text, is_fallback)`` for ``language``, trying the fallback ``chain`` then the source."""
        text, shown = first_available(self.texts, language, chain, self.source_language)
        return text, shown != language or text is None

    # -- the same questions in SQL, for lists that filter and page in the database -------------

    @classmethod
    def _text_join(cls):
        """``(parent column, text column)``: how the text table points at this model."""
        ((parent, text),) = inspect(cls).get_property("texts").local_remote_pairs
        return parent, text

    @classmethod
    def where_missing(cls, language=None):
        """SQL condition: no text in ``language`` (None: in at least one shipped language)."""
        parent, key = cls._text_join()
        if language is not None:
            return ~exists().where(key == parent, cls.Text.language == language)
        written = select(func.count()).where(
            key == parent, cls.Text.language.in_(list(LANGUAGES))).scalar_subquery()
        return written < len(LANGUAGES)

    @classmethod
    def where_outdated(cls, language=None):
        """SQL condition: the translation in ``language`` (None: at least one translation) is
        older than the source (``is_outdated``)."""
        parent, key = cls._text_join()
        condition = exists().where(key == parent, cls.Text.language != cls.source_language,
                                   cls.Text.source_revision < cls.revision)
        if language is not None:
            condition = condition.where(cls.Text.language == language)
        return condition

    @classmethod
    def texts_in(cls, languages):
        """A loader option for lists readers see: ``texts`` only in ``languages`` (the reader's
        and its fallbacks) and in each object's source language, rather than in every language
        it has."""
        parent, key = cls._text_join()
        source = select(parent.table.c.source_language).where(parent == key).scalar_subquery()
        return selectinload(cls.texts.and_(
            or_(cls.Text.language.in_(languages), cls.Text.language == source)))

    @classmethod
    def source_changed(cls):
        """SQL expression: when the text in the source language was last written."""
        parent, key = cls._text_join()
        return select(cls.Text.updated).where(
            key == parent, cls.Text.language == cls.source_language).scalar_subquery()

    # -- hooks for the translation form and desk (override where the defaults do not fit) -----

    @property
    def translation_id(self):
        """The primary key, as the translation pages' addresses carry it (one column)."""
        return inspect(self).mapper.primary_key_from_instance(self)[0]

    @property
    def translation_centre_id(self):
        """The centre whose translators and managers see this text (None: every centre)."""
        return getattr(self, "centre_id", None)

    @property
    def translation_label(self):
        """What the translation desk calls this object: its first text in the source language."""
        source = self.source_text
        return getattr(source, self.__text_fields__[0].name, "") if source is not None else ""

    def translation_context(self, request):
        """The resource whose ACL decides who may translate this object."""
        return self

    # -- the same for the translation desk's queue, in SQL --------------------------------------

    @classmethod
    def translation_content_id(cls):
        """SQL expression: the id of the content whose workflow governs this object (its state,
        centre, who may translate it, whether it is urgent), or None when no content does."""
        return None

    @classmethod
    def translation_urgent(cls):
        """SQL condition on this model's own table: residents need its translations first (an
        urgent notice), or None. A content type's condition counts for everything it governs."""
        return None


class TextRow:
    """Behaviour shared by every generated text table."""

    __audit_title__ = _("Text")

    def html(self, name):
        """The Markdown field ``name`` as safe HTML: stored when the text was written (rendered
        here only for a row written before the column existed)."""
        stored = getattr(self, f"{name}_html")
        return Markup(stored) if stored is not None else render_markdown(getattr(self, name))

    @property
    def audit_centre_id(self):
        return self.parent.translation_centre_id if self.parent is not None else None

    def changes_public_pages(self):
        """A text shows where its object shows (see models/changes.py)."""
        hook = getattr(self.parent, "changes_public_pages", None)
        return hook() if hook is not None else True

    @property
    def audit_label(self):
        """"House rules (ar)": what the text belongs to, and its language."""
        label = self.parent.translation_label if self.parent is not None else ""
        return f"{label} ({self.language})" if label else self.language


def text_model(parent, table, key, class_name=None):
    """Make (and map) the text table of the :class:`Translatable` model ``parent``.

    ``table`` names the new table, ``key`` its column pointing at the parent's primary key.
    Adds ``parent.texts`` (a dict by language) and ``parent.Text`` (the new class).
    """
    (pk,) = parent.__table__.primary_key.columns
    attrs = {
        "__tablename__": table,
        key: mapped_column(ForeignKey(f"{parent.__tablename__}.{pk.name}", ondelete="CASCADE"),
                           primary_key=True),
        "language": mapped_column(String(10), primary_key=True),
        "source_revision": mapped_column(Integer, nullable=False, default=1),
        "status": mapped_column(String(20), nullable=False, default="current"),
        "translator_id": mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                       nullable=True),
        "updated": mapped_column(UTCDateTime, nullable=False, default=utcnow),
        "parent": relationship(parent, back_populates="texts"),
        "translator": relationship("User"),
        "__audit__": True,
    }
    for field in parent.__text_fields__:
        attrs[field.name] = mapped_column(field.column_type(), nullable=False, default="")
        if field.markdown:
            attrs[field.html_column] = mapped_column(Text, nullable=True)
    cls = type(class_name or f"{parent.__name__}Text", (TextRow, Base), attrs)
    parent.texts = relationship(cls, collection_class=attribute_keyed_dict("language"),
                                cascade="all, delete-orphan", back_populates="parent",
                                lazy="selectin")
    parent.Text = cls
    for moment in ("after_insert", "after_update"):  # the source text's history
        event.listen(cls, moment, record_source)
    return cls
