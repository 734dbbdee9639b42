"""Per-language content: a language-independent ``Content`` row and one ``ContentText`` per language.

A translation is *outdated* when the source changed after it was written: its ``source_revision`` is
older than the content's ``revision``. A minor edit of the source does not bump the revision.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from ..i18n import first_available
from .meta import Base, UTCDateTime, utcnow


class Content(Base):
    __tablename__ = "content"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    centre_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("centres.id", ondelete="CASCADE"), index=True
    )  # empty: belongs to every centre
    state: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    source_language: Mapped[str] = mapped_column(String(10))

    centre = relationship("Centre")
    owner = relationship("User")
    texts: Mapped[dict[str, "ContentText"]] = relationship(
        collection_class=attribute_keyed_dict("language"),
        cascade="all, delete-orphan",
        back_populates="content",
        lazy="selectin",
    )

    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "content"}

    @property
    def source_text(self):
        return self.texts.get(self.source_language)

    def set_text(self, language, *, title, summary="", body="", translator=None, minor=False,
                 status="current"):
        """Write the text in ``language``. Editing the source bumps the revision unless ``minor``."""
        now = utcnow()
        self.revision = self.revision or 1
        if language == self.source_language and not minor and language in self.texts:
            self.revision += 1
        text = self.texts.get(language)
        if text is None:
            text = self.texts[language] = ContentText(language=language)
        text.title, text.summary, text.body = title, summary or "", body or ""
        text.translator_id = translator.id if translator else None
        text.status = status
        text.updated = now
        text.source_revision = self.revision
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


class ContentText(Base):
    __tablename__ = "content_texts"
    content_id: Mapped[int] = mapped_column(
        ForeignKey("content.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    source_revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="current")  # current, needs_review
    translator_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    content: Mapped[Content] = relationship(back_populates="texts")
    translator = relationship("User")

    @property
    def audit_centre_id(self):
        return self.content.centre_id if self.content else None


class Page(Content):
    """The core's own content type: an information page of a centre (house rules, contacts...)."""

    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=100)

    __mapper_args__ = {"polymorphic_identity": "page"}
