"""activities: how far each series' slots are materialised (extended past the horizon)

Revision ID: a002_slots_until
Revises: a001_activities
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "a002_slots_until"
down_revision = "a001_activities"
branch_labels = None
depends_on = None


def upgrade():
    # NULL: not known yet; the first extension materialises such a series again from its start
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("slots_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("slots_until")
