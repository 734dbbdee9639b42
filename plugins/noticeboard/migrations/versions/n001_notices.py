"""notices

Revision ID: n001_notices
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

from portal.api import UTCDateTime

revision = "n001_notices"
down_revision = None
branch_labels = ("noticeboard",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "noticeboard_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("valid_from", UTCDateTime(timezone=True), nullable=True),
        sa.Column("valid_until", UTCDateTime(timezone=True), nullable=True),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("daily_start", sa.Time(), nullable=True),
        sa.Column("daily_end", sa.Time(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["content.id"],
                                name=op.f("fk_noticeboard_notices_id_content"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_noticeboard_notices")),
    )


def downgrade():
    op.drop_table("noticeboard_notices")
