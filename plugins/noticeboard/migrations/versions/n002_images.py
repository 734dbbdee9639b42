"""pictures of notices

Revision ID: n002_images
Revises: n001_notices
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "n002_images"
down_revision = "n001_notices"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "noticeboard_images",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("mime", sa.String(length=30), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("updated", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["noticeboard_notices.id"],
                                name=op.f("fk_noticeboard_images_notice_id_noticeboard_notices"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("notice_id", name=op.f("pk_noticeboard_images")),
    )
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


def downgrade():
    op.drop_table("noticeboard_image_alts")
    op.drop_table("noticeboard_images")
