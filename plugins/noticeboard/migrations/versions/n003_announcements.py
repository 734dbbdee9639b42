"""notices made from other plugins' announcements

Revision ID: n003_announcements
Revises: n002_images
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "n003_announcements"
down_revision = "n002_images"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("noticeboard_notices") as batch:
        batch.add_column(sa.Column("announcement_key", sa.String(length=100), nullable=True))
        batch.create_unique_constraint(op.f("uq_noticeboard_notices_announcement_key"),
                                       ["announcement_key"])


def downgrade():
    with op.batch_alter_table("noticeboard_notices") as batch:
        batch.drop_constraint(op.f("uq_noticeboard_notices_announcement_key"), type_="unique")
        batch.drop_column("announcement_key")
