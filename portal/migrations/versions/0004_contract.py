"""core contract v2: local roles, named objects in the audit log

Revision ID: 0004_contract
Revises: 0003_login_security
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

import portal.models.meta

revision = "0004_contract"
down_revision = "0003_login_security"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "local_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=50), nullable=False),
        sa.Column("object_id", sa.String(length=50), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=50), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=True),
        sa.Column("created", portal.models.meta.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"],
                                name=op.f("fk_local_roles_centre_id_centres"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_local_roles_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_roles")),
        sa.UniqueConstraint("object_type", "object_id", "user_id", "role",
                            name=op.f("uq_local_roles_object_type")),
    )
    op.create_index(op.f("ix_local_roles_user_id"), "local_roles", ["user_id"])
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("object_label", sa.String(length=200), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("object_label", server_default=None)


def downgrade():
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("object_label")
    op.drop_index(op.f("ix_local_roles_user_id"), table_name="local_roles")
    op.drop_table("local_roles")
