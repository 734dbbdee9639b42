"""change counters for the page cache

Revision ID: 0005_change_counters
Revises: 0004_contract
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_change_counters"
down_revision = "0004_contract"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "change_counters",
        sa.Column("centre_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("centre_id", name=op.f("pk_change_counters")),
    )


def downgrade():
    op.drop_table("change_counters")
