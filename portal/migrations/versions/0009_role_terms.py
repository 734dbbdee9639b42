"""a role may end on a given day (an elected representative's term)

Revision ID: 0009_role_terms
Revises: 0008_source_revisions
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_role_terms"
down_revision = "0008_source_revisions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("role_assignments") as batch:
        batch.add_column(sa.Column("ends", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("role_assignments") as batch:
        batch.drop_column("ends")
