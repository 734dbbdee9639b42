"""Content: a language-independent ``Content`` row and one ``ContentText`` per language.

Content is the first :class:`~portal.models.texts.Translatable` model: a translation is *outdated*
when the source changed after it was written; a minor edit of the source does not count.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..i18n import _
from .meta import Base, UTCDateTime, utcnow
from .texts import TextField, Translatable, text_model


class Content(Translatable, Base):
    __tablename__ = "content"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    centre_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("centres.id", ondelete="CASCADE"), index=True, active_history=True
    )  # empty: belongs to every centre
    # active_history: the value before a change is known even when the row was expired, so a
    # move or a withdrawal invalidates the pages it leaves (models/changes.py)
    state: Mapped[str] = mapped_column(String(30), active_history=True)
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    source_language: Mapped[str] = mapped_column(String(10))

    centre = relationship("Centre")
    owner = relationship("User")

    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "content"}
    __text_fields__ = (
        TextField("title", _("Title"), max_length=300, required=True),
        TextField("summary", _("Summary"), max_length=500, rows=2),
        TextField("body", _("Text"), rows=10, markdown=True,
                  description=_("Markdown: *italic*, **bold**, lists with -")),
    )

    __audit__ = True
    #: the workflow states anonymous readers may see; set by ``add_content_type`` (None: all)
    public_states = None

    def changes_public_pages(self):
        """Only content a reader could see before or after the change (see models/changes.py)."""
        if self.public_states is None:
            return True
        states = {self.state, *inspect(self).attrs.state.history.deleted}
        return not states.isdisjoint(self.public_states)

    @property
    def audit_type(self):
        return self.type

    @property
    def audit_label(self):
        return self.translation_label

    @classmethod
    def translation_content_id(cls):
        return cls.id

    def translation_context(self, request):
        from ..resources import bind_content  # resources import the models

        return bind_content(request, self)


ContentText = text_model(Content, "content_texts", key="content_id", class_name="ContentText")


class Page(Content):
    """The core's own content type: an information page of a centre (house rules, contacts...)."""

    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=100)

    __mapper_args__ = {"polymorphic_identity": "page"}
    __audit__ = True
