"""The source text of every translatable object, kept per revision, so that a translator sees
what changed in the source since their translation was written.

A row is written whenever a text in the object's source language is written (a mapper event
on every text table made by ``text_model``): a new revision adds a row, a minor edit rewrites
the row of its revision. ``kind`` names the text table, ``object_id`` the object's key.
"""
from datetime import datetime

from sqlalchemy import JSON, Integer, String, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime, utcnow


class SourceRevision(Base):
    __tablename__ = "source_revisions"
    kind: Mapped[str] = mapped_column(String(100), primary_key=True)  # the text table's name
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(10))
    texts: Mapped[dict] = mapped_column(JSON)  # field name -> the source text of that revision
    written: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __audit__ = False  # a copy of texts the log already records as written
    __public__ = False  # no public page shows it: writing it invalidates no page


def record_source(mapper, connection, text):
    """After a text row is written: keep it when it is the object's source text."""
    parent = text.parent
    if parent is None or text.language != parent.source_language:
        return
    key = getattr(text, mapper.primary_key[0].key)
    values = {"language": text.language, "written": utcnow(),
              "texts": {field.name: getattr(text, field.name) or ""
                        for field in parent.__text_fields__}}
    table = SourceRevision.__table__
    where = (table.c.kind == text.__tablename__, table.c.object_id == key,
             table.c.revision == text.source_revision)
    if connection.execute(update(table).where(*where).values(**values)).rowcount == 0:
        connection.execute(insert(table).values(kind=text.__tablename__, object_id=key,
                                                revision=text.source_revision, **values))


def source_revision(dbsession, obj, revision):
    """``{field: text}`` of ``obj``'s source at ``revision``, or None when it was not kept."""
    return dbsession.scalar(select(SourceRevision.texts).where(
        SourceRevision.kind == obj.Text.__tablename__,
        SourceRevision.object_id == obj.translation_id,
        SourceRevision.revision == revision))
