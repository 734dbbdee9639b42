"""populator runs

Revision ID: 0002_populators
Revises: 0001_core
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

import portal.models.meta

revision = "0002_populators"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "populator_runs",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("at", portal.models.meta.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_populator_runs")),
    )


def downgrade():
    op.drop_table("populator_runs")
