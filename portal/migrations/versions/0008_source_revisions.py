"""source_revisions: the source text of every translatable object per revision

Revision ID: 0008_source_revisions
Revises: 0007_notifications
Create Date: 2026-12-02

The current source text of the content already there is kept as its current revision.
"""
import sqlalchemy as sa
from alembic import op

from portal.models.meta import UTCDateTime

revision = "0008_source_revisions"
down_revision = "0007_notifications"
branch_labels = None
depends_on = None


def upgrade():
    revisions = op.create_table(
        "source_revisions",
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("object_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("written", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "object_id", "revision", name=op.f("pk_source_revisions")),
    )
    content = sa.table("content", sa.column("id", sa.Integer),
                       sa.column("source_language", sa.String))
    texts = sa.table("content_texts", sa.column("content_id", sa.Integer),
                     sa.column("language", sa.String), sa.column("source_revision", sa.Integer),
                     sa.column("title", sa.String), sa.column("summary", sa.String),
                     sa.column("body", sa.Text), sa.column("updated", UTCDateTime))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(texts).join(content, sa.and_(content.c.id == texts.c.content_id,
                                               content.c.source_language == texts.c.language))
    ).all()
    if rows:
        op.bulk_insert(revisions, [
            {"kind": "content_texts", "object_id": row.content_id,
             "revision": row.source_revision, "language": row.language,
             "texts": {"title": row.title, "summary": row.summary, "body": row.body},
             "written": row.updated} for row in rows])


def downgrade():
    op.drop_table("source_revisions")
