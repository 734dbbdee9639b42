"""picture descriptions become text per language (with revisions and staleness)

Revision ID: n004_picture_texts
Revises: n003_announcements
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "n004_picture_texts"
down_revision = "n003_announcements"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("noticeboard_images") as batch:
        batch.add_column(sa.Column("source_language", sa.String(length=10), nullable=False,
                                   server_default="en"))
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
    op.execute("UPDATE noticeboard_images SET source_language = (SELECT source_language "
               "FROM content WHERE content.id = noticeboard_images.notice_id)")
    with op.batch_alter_table("noticeboard_images") as batch:
        batch.alter_column("source_language", server_default=None)
        batch.alter_column("revision", server_default=None)
    op.create_table(
        "noticeboard_image_texts",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("source_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("updated", UTCDateTime(timezone=True), nullable=False),
        sa.Column("alt", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["noticeboard_images.notice_id"],
            name=op.f("fk_noticeboard_image_texts_notice_id_noticeboard_images"),
            ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["translator_id"], ["users.id"],
                                name=op.f("fk_noticeboard_image_texts_translator_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("notice_id", "language", name=op.f("pk_noticeboard_image_texts")),
    )
    op.execute("INSERT INTO noticeboard_image_texts (notice_id, language, source_revision, "
               "status, updated, alt) SELECT a.notice_id, a.language, 1, 'current', i.updated, "
               "a.text FROM noticeboard_image_alts a JOIN noticeboard_images i "
               "ON i.notice_id = a.notice_id")
    op.drop_table("noticeboard_image_alts")


def downgrade():
    op.create_table(
        "noticeboard_image_alts",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["noticeboard_images.notice_id"],
                                name=op.f("fk_noticeboard_image_alts_notice_id_noticeboard_images"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("notice_id", "language", name=op.f("pk_noticeboard_image_alts")),
    )
    op.execute("INSERT INTO noticeboard_image_alts (notice_id, language, text) "
               "SELECT notice_id, language, alt FROM noticeboard_image_texts")
    op.drop_table("noticeboard_image_texts")
    with op.batch_alter_table("noticeboard_images") as batch:
        batch.drop_column("revision")
        batch.drop_column("source_language")
